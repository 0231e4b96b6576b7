"""Chinese telephone numbers as people type them: a mobile (1[3-9] and 9 digits) or a landline
(area code 0xx or 0xxx, 7 or 8 digits, optionally an extension).

Full-width digits and dashes, spaces and "(0357)" are accepted and stored in one form:
``13800000000`` or ``0357-2345678`` (``0357-2345678-801`` with an extension).
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .text import hyphens_normalise

MOBILE = re.compile(r"^1[3-9]\d{9}$")
LANDLINE = re.compile(r"^(0\d{2,3})-?(\d{7,8})(?:-(\d{1,6}))?$")

MOBILE_MESSAGE = _("请填写 11 位手机号，如 13800000000。")
PHONE_MESSAGE = _("请填写正确的电话号码：手机号 11 位（如 13800000000），固定电话为区号加号码"
                  "（如 0357-2345678，分机号用“-”隔开）。")


def phone_normalise(raw: str, *, landline: bool = True) -> str:
    """The number in its stored form, or ValidationError with a Chinese message."""
    text = re.sub(r"\s+", "", hyphens_normalise(raw))
    text = re.sub(r"^\(?(0\d{2,3})\)", r"\1-", text)  # (0357)2345678
    text = re.sub(r"(转|ext\.?|#)(\d+)$", r"-\2", text, flags=re.IGNORECASE)
    digits = re.sub(r"^(\+?86-?)(?=1)", "", text).replace("-", "")
    if MOBILE.match(digits):
        return digits
    match = LANDLINE.match(text) if landline else None
    if match is None:
        raise ValidationError(PHONE_MESSAGE if landline else MOBILE_MESSAGE, code="phone")
    area, number, extension = match.groups()
    return f"{area}-{number}" + (f"-{extension}" if extension else "")


class PhoneField(forms.CharField):
    """A telephone number: mobile or landline, or (``landline=False``) mobile only."""

    def __init__(self, *, landline: bool = True, **kwargs) -> None:
        self.landline = landline
        kwargs.setdefault("max_length", 30)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "tel")
        self.widget.attrs.setdefault("autocomplete", "tel")

    def clean(self, value):
        value = super().clean(value)
        return phone_normalise(value, landline=self.landline) if value else value
