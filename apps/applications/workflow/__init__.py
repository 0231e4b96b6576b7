"""The application's life cycle, in one place.

states.py (the statuses), transitions.py (the one table: from, to, who may, guards, effects, whom to tell),
guards.py, effects.py, recipients.py, and service.py (``application_transition``, the only code that changes
an application's status, and ``available_transitions``, what the screens offer a user).

This module imports nothing: the models import ``states`` from here, and the service imports the models.
"""
