"""Checks on values people type, shared by every form that takes them."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# A mainland mobile number (11 digits from 13x–19x), or a landline with its area code (0 + 2–3 digits),
# an optional hyphen, 7–8 digits and an optional extension.
_MOBILE = re.compile(r"1[3-9]\d{9}")
_LANDLINE = re.compile(r"0\d{2,3}-?\d{7,8}(-\d{1,6})?")


def phone_normalised(value: str) -> str:
    """The number without spaces, with full-width digits and hyphens made ASCII; refused when not a phone."""
    text = value.strip().translate(str.maketrans("０１２３４５６７８９－—", "0123456789--")).replace(" ", "")
    if text and not (_MOBILE.fullmatch(text) or _LANDLINE.fullmatch(text)):
        raise ValidationError(
            _("请输入 11 位手机号，或带区号的固定电话（如 0357-1234567）。"), code="invalid_phone"
        )
    return text
