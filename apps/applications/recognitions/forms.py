import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .numbers import certificate_number_normalise

# What a certificate number can contain; anything else (a "/" above all) could not even form the verification URL.
_NUMBER = re.compile(r"[0-9A-Za-z][0-9A-Za-z_-]*")


class CertificateLookupForm(forms.Form):
    number = forms.CharField(label=_("证书编号"), max_length=40,
                             widget=forms.TextInput(attrs={"placeholder": "141000-2025-0001"}))

    def clean_number(self) -> str:
        number = certificate_number_normalise(self.cleaned_data["number"])
        if not _NUMBER.fullmatch(number):
            raise ValidationError(_("证书编号只能包含数字、字母和连字符，例如 141000-2025-0001。"))
        return number
