"""Password rules (等保 2.0): when a password must be renewed. The validators are in ``validators``."""

import datetime

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import User

TEMPORARY = "temporary"
EXPIRED = "expired"
RENEWAL_REASONS = {
    TEMPORARY: _("您正在使用管理员设置的临时密码，请先设置自己的新密码，然后才能继续使用平台。"),
    EXPIRED: _("您的密码已超过有效期，请设置新密码后继续使用平台。"),
}


def password_renewal_reason(user: User) -> str | None:
    """Why ``user`` must choose a new password before anything else (None: they need not).

    A temporary password given by an administrator, or a password older than
    PASSWORD_MAX_AGE_DAYS (0: passwords do not expire), counted from the
    last change or, before any recorded change, from the day the account was made.
    """
    if user.must_change_password:
        return TEMPORARY
    max_age = settings.PASSWORD_MAX_AGE_DAYS
    if max_age:
        changed = user.password_changed_at or user.date_joined
        if timezone.now() - changed > datetime.timedelta(days=max_age):
            return EXPIRED
    return None


# Guessing the current password on the change form (a session left open): as many tries as at login, then a pause.
OLD_PASSWORD_GUESSES = 5
OLD_PASSWORD_PAUSE = datetime.timedelta(minutes=30)


def _guesses_key(user: User) -> str:
    return f"accounts:old-password-guesses:{user.pk}"


def old_password_guesses_exhausted(user: User) -> bool:
    return (cache.get(_guesses_key(user)) or 0) >= OLD_PASSWORD_GUESSES


def old_password_guess_failed(user: User) -> None:
    """Count a wrong current password; the count lapses OLD_PASSWORD_PAUSE after the first wrong one."""
    key = _guesses_key(user)
    if not cache.add(key, 1, timeout=int(OLD_PASSWORD_PAUSE.total_seconds())):
        try:
            cache.incr(key)
        except ValueError:  # lapsed between add and incr
            cache.add(key, 1, timeout=int(OLD_PASSWORD_PAUSE.total_seconds()))


def old_password_guesses_forget(user: User) -> None:
    cache.delete(_guesses_key(user))
