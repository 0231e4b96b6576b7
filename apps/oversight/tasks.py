"""Celery finds tasks in <app>.tasks: the parts' task modules."""

from .revocations import tasks as revocations_tasks  # noqa: F401
