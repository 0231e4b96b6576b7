"""Celery finds tasks in <app>.tasks: the parts' task modules."""

from .named_units import tasks as named_units_tasks  # noqa: F401
from .reviews import tasks as reviews_tasks  # noqa: F401
from .titles import tasks as titles_tasks  # noqa: F401
