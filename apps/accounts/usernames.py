"""Which usernames a new account may take: no look-alikes of someone else's, no hint of who exists.

A username is what staff read in the audit trail and in lists of accounts, so two that look the
same must never both exist. Mixing scripts is how they are made ("аdmin" with a Cyrillic "а",
"ΑΒC" with Greek capitals, "ɑ" LATIN SMALL LETTER ALPHA for "a"); the Unicode confusables list
maps thousands of such letters. Rather than chase that list, a username keeps to the characters a
person in this portal types: ASCII letters and digits, @ . + - _ and Chinese characters, after
NFKC folding (full-width "ａｄｍｉｎ" becomes "admin"). What is left cannot imitate another script.

Whether a name is taken is answered with the same words as a reserved name, so the sign-up form
does not confirm that an account exists (the form is also rate-limited per address).
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .models import User

_ALLOWED = re.compile(
    r"[A-Za-z0-9@.+\-_"
    r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"  # CJK unified ideographs, extension A, compatibility
    r"\U00020000-\U0003134f]+"  # extensions B to G (rare names)
)
# Names that suggest an official account; refused with the same words as a taken name.
RESERVED = frozenset({
    "admin", "administrator", "root", "system", "sysadmin", "superuser", "support", "security",
    "audit", "auditor", "hlr", "portal", "staff", "webmaster", "postmaster", "管理员", "系统管理员",
})


def username_normalize(raw: str) -> str:
    return unicodedata.normalize("NFKC", str(raw or "")).strip()


def username_check(raw: str, *, exclude_pk: int | None = None) -> str:
    """The normalised username if a new account may take it; ValidationError (Chinese) otherwise."""
    username = username_normalize(raw)
    if not username:
        raise ValidationError(_("请输入用户名。"))
    if not _ALLOWED.fullmatch(username):
        raise ValidationError(
            _("用户名只能使用汉字、英文字母、数字和 @ . + - _，不能含有其他文字的字母（如西里尔字母、希腊字母）、"
              "空格或其他符号，以免与他人的用户名看起来相同。")
        )
    taken = User.objects.filter(username__iexact=username).exclude(pk=exclude_pk)
    if username.lower() in RESERVED or taken.exists():
        raise ValidationError(_("该用户名不可用，请换一个（例如加上单位简称或数字）。"))
    return username
