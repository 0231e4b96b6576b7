"""统一社会信用代码 (GB 32100-2015): normalise, then check format and check digit.

stdnum's own ``validate`` insists on eight leading digits, but registration
departments A, N and Y put a letter first; so the format is checked with the
standard's pattern and the check digit with stdnum's ``calc_check_digit``.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from stdnum.cn import uscc as stdnum_uscc

USCC_PATTERN = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class UsccCheck:
    code: str
    check_failed: bool


def uscc_normalise(raw: object) -> str:
    """Full-width → half-width (NFKC), all whitespace removed, upper case."""
    text = unicodedata.normalize("NFKC", str(raw or ""))
    return _WHITESPACE.sub("", text).replace("\u200b", "").upper()


def uscc_check(raw: object) -> UsccCheck:
    """Refuse a malformed code; accept one that fails only its check digit, flagged."""
    code = uscc_normalise(raw)
    if not code:
        raise ValidationError(gettext("请填写统一社会信用代码。"), code="required")
    if len(code) != 18:
        raise ValidationError(gettext("统一社会信用代码应为 18 位，现为 %(length)s 位。") % {"length": len(code)},
                              code="length")
    if not USCC_PATTERN.match(code):
        raise ValidationError(
            gettext("统一社会信用代码格式不正确：第 3–8 位应为数字，且不使用字母 I、O、S、V、Z。"), code="format"
        )
    return UsccCheck(code=code, check_failed=stdnum_uscc.calc_check_digit(code[:17]) != code[17])


def uscc_with_check_digit(first17: str) -> str:
    """A full code from its first 17 characters (for demo data and tests)."""
    return first17 + stdnum_uscc.calc_check_digit(first17)
