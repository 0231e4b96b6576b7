from django import forms
from django.utils.translation import gettext_lazy as _

from apps.applications.recognitions.numbers import certificate_number_normalise
from apps.core.widgets import DateInput

from .models import IncentiveMeasure


class GrantForm(forms.Form):
    number = forms.CharField(label=_("证书编号"), max_length=40, help_text=_("如 141000-2025-0001。"))
    measure = forms.ModelChoiceField(label=_("激励措施"), queryset=IncentiveMeasure.objects.filter(is_active=True))
    granted_on = forms.DateField(label=_("享受起始日期"), widget=DateInput)
    department = forms.CharField(label=_("实施部门"), max_length=100, required=False,
                                 help_text=_("留空则使用目录中的实施部门。"))
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def clean_number(self) -> str:
        return certificate_number_normalise(self.cleaned_data["number"])
