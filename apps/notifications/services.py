from collections.abc import Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.links import absolute_url
from apps.core.tasks import enqueue_on_commit

from .models import Notification


def notify(*, users: Iterable[User], message: str, url: str = "", detail: str = "") -> list[Notification]:
    """Record a notification per user; e-mail goes out from the worker after commit.

    A long reason is shortened to what the message holds; the full text goes in ``detail``.
    """
    message = Truncator(message).chars(Notification._meta.get_field("message").max_length, truncate="…")
    notifications = Notification.objects.bulk_create(
        [Notification(user=user, message=message, url=url, detail=detail) for user in users]
    )
    from .tasks import notification_email_send

    for notification in notifications:
        enqueue_on_commit(notification_email_send, notification.pk)
    return notifications


SUBJECT_LENGTH = 60


def notification_subject(message: str) -> str:
    """The e-mail's subject says what happened: the message's first line, shortened, after the portal's name."""
    first_line = message.strip().splitlines()[0] if message.strip() else ""
    what = Truncator(first_line).chars(SUBJECT_LENGTH, truncate="…")
    return f"【{settings.PORTAL_NAME}】{what}"


def notification_email_body(notification: Notification) -> str:
    """The message and, when it has one, its link made absolute (PUBLIC_BASE_URL): the mail is read outside."""
    if not notification.url:
        return notification.message
    return f"{notification.message}\n\n{_('查看详情：')}{absolute_url(notification.url)}"


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
                subject=notification_subject(notification.message),
                message=notification_email_body(notification),
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
