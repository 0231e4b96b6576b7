from celery import shared_task

from apps.core.tasks import enqueue

from . import delivery
from .models import Notification


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notification_email_send(notification_id: int) -> bool:
    return delivery.notification_email_send(notification_id=notification_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def notification_sms_send(notification_id: int) -> bool:
    return delivery.notification_sms_send(notification_id=notification_id)


@shared_task
def notification_email_retry_pending() -> int:
    """Queue again what the worker never sent (broker down, retries used up): e-mails and texts."""
    pending = list(Notification.objects.filter(emailed_at__isnull=True).values_list("pk", flat=True)[:500])
    for pk in pending:
        enqueue(notification_email_send, pk)
    texts = list(Notification.objects.filter(by_sms=True, texted_at__isnull=True).values_list("pk", flat=True)[:500])
    for pk in texts:
        enqueue(notification_sms_send, pk)
    return len(pending) + len(texts)
