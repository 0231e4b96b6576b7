from collections.abc import Iterable

from django.utils import timezone
from django.utils.text import Truncator

from apps.accounts.models import User
from apps.core.tasks import enqueue_on_commit

from .models import Notification
from .tasks import notification_email_send, notification_sms_send


def notify(*, users: Iterable[User], message: str, url: str = "", detail: str = "",
           sms: bool = False) -> list[Notification]:
    """Record a notification per user; e-mail (and with ``sms``, a text) goes out from the worker after commit.

    A long reason is shortened to what the message holds; the full text goes in ``detail``. ``sms`` is for
    what cannot wait: returns, decisions, deadlines; each user's own choice of channels still decides.
    """
    message = Truncator(message).chars(Notification._meta.get_field("message").max_length, truncate="…")
    notifications = Notification.objects.bulk_create(
        [Notification(user=user, message=message, url=url, detail=detail, by_sms=sms) for user in users]
    )
    for notification in notifications:
        enqueue_on_commit(notification_email_send, notification.pk)
        if sms:
            enqueue_on_commit(notification_sms_send, notification.pk)
    return notifications


def notification_mark_read(*, user: User, notification_id: int | None = None) -> int:
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())
