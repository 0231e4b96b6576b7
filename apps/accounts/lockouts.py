"""Accounts locked after repeated wrong passwords (django-axes), and their release by the security administrator."""

from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import QuerySet
from django.utils import timezone

from .models import AccountEventKind, User
from .services import account_event_record


def lockouts_current() -> QuerySet[AccessAttempt]:
    """User name and address pairs locked out now: the failure limit reached within the cool-off time."""
    return AccessAttempt.objects.filter(
        failures_since_start__gte=settings.AXES_FAILURE_LIMIT,
        attempt_time__gte=timezone.now() - settings.AXES_COOLOFF_TIME,
    ).order_by("-attempt_time")


def lockout_release(*, attempt: AccessAttempt, by: User, ip_address: str | None) -> None:
    """Let the user name try again from that address before the cool-off ends; kept as an account event."""
    reset(ip=attempt.ip_address, username=attempt.username)
    account_event_record(kind=AccountEventKind.LOCKOUT_RELEASED, user=User.objects.filter(
        username=attempt.username).first(), username=attempt.username, by=by, ip_address=ip_address)
