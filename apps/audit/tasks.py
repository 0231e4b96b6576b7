"""Thin tasks: scheduled in hlr_portal/celery.py."""

from celery import shared_task
from django.conf import settings

from .services import audit_purge


@shared_task
def audit_purge_task() -> int:
    """The monthly purge of entries past AUDIT_RETENTION_DAYS (nothing when it is 0: kept for ever)."""
    if not settings.AUDIT_RETENTION_DAYS:
        return 0
    return audit_purge(older_than_days=settings.AUDIT_RETENTION_DAYS)
