"""Password rules (等保 2.0): when a password must be renewed. The validators are in ``validators``."""

import datetime

from django.conf import settings
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
