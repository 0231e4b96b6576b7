"""Password validators for 等保 2.0 level 3 (GB/T 22239-2019 身份鉴别): complexity and no reuse.

Listed in AUTH_PASSWORD_VALIDATORS, so every form that sets a password
(change, e-mailed reset, an administrator's temporary password) applies them.
"""

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .kept_user import users_kept_changed
from .models import PasswordHistoryEntry, User

CHARACTER_CLASSES = (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())


class CharacterClassesValidator:
    """At least ``min_classes`` of lower case, upper case, digits and symbols, and not the username inside."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password: str, user: User | None = None) -> None:
        classes = sum(any(test(c) for c in password) for test in CHARACTER_CLASSES)
        if classes < self.min_classes:
            raise ValidationError(
                _("密码须包含大写字母、小写字母、数字、符号四类中的至少 %(n)d 类。") % {"n": self.min_classes},
                code="password_too_simple",
            )
        username = getattr(user, "username", "") or ""
        if username and username.casefold() in password.casefold():
            raise ValidationError(_("密码不能包含用户名。"), code="password_contains_username")

    def get_help_text(self) -> str:
        return _("须包含大写字母、小写字母、数字、符号四类中的至少 %(n)d 类，且不能包含用户名。") % {
            "n": self.min_classes}


class PasswordHistoryValidator:
    """A new password may not be one of the last PASSWORD_HISTORY_COUNT; records each password set.

    ``password_changed`` is Django's hook, called by ``User.save()`` whenever
    a password was set by any path, so the history and the date the expiry
    counts from (``password_changed_at``) cannot be bypassed by a form that
    forgets them.
    """

    def validate(self, password: str, user: User | None = None) -> None:
        count = settings.PASSWORD_HISTORY_COUNT
        if user is None or user.pk is None or not count:
            return
        earlier = list(PasswordHistoryEntry.objects.filter(user=user).values_list("password", flat=True)[:count])
        if user.has_usable_password():
            earlier.append(user.password)
        if any(check_password(password, encoded) for encoded in earlier):
            raise ValidationError(
                ngettext("新密码不能与最近使用过的 %(n)d 个密码相同。", "新密码不能与最近使用过的 %(n)d 个密码相同。",
                         count) % {"n": count},
                code="password_reused",
            )

    def password_changed(self, password: str, user: User | None = None) -> None:
        if user is None or user.pk is None:
            return
        PasswordHistoryEntry.objects.create(user=user, password=user.password)
        keep = PasswordHistoryEntry.objects.filter(user=user).values_list("pk", flat=True)[
            :max(settings.PASSWORD_HISTORY_COUNT, 1)]
        PasswordHistoryEntry.objects.filter(user=user).exclude(pk__in=list(keep)).delete()
        user.password_changed_at = timezone.now()
        User.objects.filter(pk=user.pk).update(password_changed_at=user.password_changed_at)
        users_kept_changed(user_ids=[user.pk])  # an update() sends no post_save

    def get_help_text(self) -> str:
        return _("不能与最近使用过的 %(n)d 个密码相同。") % {"n": settings.PASSWORD_HISTORY_COUNT}
