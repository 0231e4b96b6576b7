from django import forms
from django.utils.translation import gettext_lazy as _

from .numbers import certificate_number_normalise


class CertificateLookupForm(forms.Form):
    number = forms.CharField(label=_("证书编号"), max_length=40,
                             widget=forms.TextInput(attrs={"placeholder": "141000-2025-0001"}))

    def clean_number(self) -> str:
        return certificate_number_normalise(self.cleaned_data["number"])
