"""Queueing tasks so that a broker outage never fails a request.

Work that must happen is recorded in the database first (a pending status
or timestamp); the task is only the prompt to do it now. If Redis is down
the prompt is dropped with a warning, and the periodic job that sweeps
pending rows (scheduled in hlr_portal/celery.py) queues it again once
Redis answers.
"""

import logging

from celery import Task, shared_task
from django.db import transaction
from kombu.exceptions import OperationalError

from .health import beat_heartbeat_write

logger = logging.getLogger(__name__)


def enqueue(task: Task, *args) -> bool:
    """Queue ``task`` now; False (and a warning) when the broker cannot be reached."""
    try:
        task.apply_async(args=args, retry=False)
    except (OperationalError, ConnectionError, OSError) as error:
        logger.warning("broker unreachable, %s%s left for the sweeper: %s", task.name, args, error)
        return False
    return True


def enqueue_on_commit(task: Task, *args) -> None:
    """Queue ``task`` once the current transaction commits (so the worker sees the rows)."""
    transaction.on_commit(lambda: enqueue(task, *args))


@shared_task
def beat_heartbeat() -> None:
    """Scheduled every minute: the timestamp that /healthz/workers and the beat container check."""
    beat_heartbeat_write()
