from celery import shared_task

from apps.core.tasks import enqueue

from . import services
from .models import Notification


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notification_email_send(notification_id: int) -> bool:
    return services.notification_email_send(notification_id=notification_id)


@shared_task
def notification_email_retry_pending() -> int:
    pending = list(Notification.objects.filter(emailed_at__isnull=True).values_list("pk", flat=True)[:500])
    for pk in pending:
        enqueue(notification_email_send, pk)
    return len(pending)
