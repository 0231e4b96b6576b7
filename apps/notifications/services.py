from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from apps.accounts.models import User
from apps.core.tasks import enqueue_on_commit

from .models import Notification


def notify(*, users: Iterable[User], message: str, url: str = "", detail: str = "") -> list[Notification]:
    """Record a notification per user; e-mail goes out from the worker after commit."""
    notifications = Notification.objects.bulk_create(
        [Notification(user=user, message=message, url=url, detail=detail) for user in users]
    )
    from .tasks import notification_email_send

    for notification in notifications:
        enqueue_on_commit(notification_email_send, notification.pk)
    return notifications


def notification_email_send(*, notification_id: int) -> bool:
    """Send one notification's e-mail, at most once.

    The conditional UPDATE claims the row, so a task delivered twice sends
    one e-mail. A user without an address is marked done without sending.
    """
    claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return False
    notification = Notification.objects.select_related("user").get(pk=notification_id)
    if notification.user.email:
        try:
            send_mail(
                subject=str(settings.PORTAL_NAME),
                message="\n\n".join(part for part in (notification.message, notification.detail, notification.url)
                                      if part),
                from_email=None,
                recipient_list=[notification.user.email],
            )
        except OSError:
            Notification.objects.filter(pk=notification_id).update(emailed_at=None)
            raise
    return True


def notification_mark_read(*, user: User, notification_id: int | None = None) -> int:
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())
