from celery import shared_task

from .services import title_expiry_reminders_send


@shared_task
def title_expiry_reminders() -> int:
    """Nightly: remind units and county offices of titles ending in 90 and 30 days (each reminder once)."""
    return title_expiry_reminders_send()
