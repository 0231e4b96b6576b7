from django import forms
from django.utils.translation import gettext_lazy as _


class CertificateLookupForm(forms.Form):
    number = forms.CharField(label=_("证书编号"), max_length=40,
                             widget=forms.TextInput(attrs={"placeholder": "141000-2025-0001"}))
