"""Sending one notification by e-mail or text, at most once: what the worker's tasks run."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from apps.core.links import absolute_url
from apps.core.phones import MOBILE

from .models import Notification
from .sms import sms_backend

SUBJECT_LENGTH = 60


def notification_subject(message: str) -> str:
    """The e-mail's subject says what happened: the message's first line, shortened, after the portal's name."""
    first_line = message.strip().splitlines()[0] if message.strip() else ""
    what = Truncator(first_line).chars(SUBJECT_LENGTH, truncate="…")
    return f"【{settings.PORTAL_NAME}】{what}"


def notification_email_body(notification: Notification) -> str:
    """The message, its detail (a return's reason and item comments) and its link made absolute (PUBLIC_BASE_URL)."""
    parts = [notification.message, notification.detail]
    if notification.url:
        parts.append(_("查看详情：") + absolute_url(notification.url))
    return "\n\n".join(part for part in parts if part)


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
    if notification.user.email and notification.user.notify_by_email:
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


SMS_LENGTH = 200


def notification_sms_text(notification: Notification) -> str:
    """The message, shortened for a text, and the absolute link: what to do is on the page it leads to."""
    link = f" {absolute_url(notification.url)}" if notification.url else ""
    return Truncator(notification.message).chars(SMS_LENGTH - len(link), truncate="…") + link


def notification_sms_send(*, notification_id: int) -> bool:
    """Text one notification, at most once, to a user who chose texts and has a mobile number.

    Claimed like the e-mail (a conditional UPDATE); when the gateway fails the claim is undone and the
    task retries, and the sweeper picks up what was never sent.
    """
    claimed = Notification.objects.filter(pk=notification_id, by_sms=True, texted_at__isnull=True).update(
        texted_at=timezone.now())
    if not claimed:
        return False
    notification = Notification.objects.select_related("user").get(pk=notification_id)
    user = notification.user
    if user.notify_by_sms and MOBILE.match(user.phone or ""):
        try:
            sms_backend().send(phone=user.phone, text=notification_sms_text(notification))
        except OSError:
            Notification.objects.filter(pk=notification_id).update(texted_at=None)
            raise
    return True
