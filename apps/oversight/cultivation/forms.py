from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.widgets import DateInput
from apps.oversight.risks.selectors import unit_lookup


class TargetForm(forms.Form):
    unit = forms.CharField(label=_("培育单位"), max_length=200, help_text=_("填写统一社会信用代码或单位全称。"))
    year = forms.IntegerField(label=_("年度"), min_value=2020, max_value=2100)
    coordinator = forms.ModelChoiceField(label=_("联系协调员"), queryset=None, required=False)
    goal = forms.CharField(label=_("培育目标"), max_length=200, required=False)

    def __init__(self, *args, units: QuerySet, coordinators: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units
        self.fields["coordinator"].queryset = coordinators

    def clean_unit(self):
        unit, error = unit_lookup(units=self.units, text=self.cleaned_data["unit"])
        if unit is None:
            raise forms.ValidationError(error)
        self.unit_obj = unit
        return self.cleaned_data["unit"]


class VisitForm(forms.Form):
    visited_on = forms.DateField(label=_("指导日期"), widget=DateInput)
    topic = forms.CharField(label=_("指导主题"), max_length=200)
    findings = forms.CharField(label=_("发现的问题"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)
    next_step = forms.CharField(label=_("下一步措施"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000,
                                required=False)

    def clean_visited_on(self):
        value = self.cleaned_data["visited_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("指导日期不能晚于今天。"))
        return value


class QuotaForm(forms.Form):
    min_enterprises = forms.IntegerField(label=_("每县每年培育企业不少于"), min_value=0, max_value=1000)
    min_areas = forms.IntegerField(label=_("每县每年培育园区或乡镇(街道)不少于"), min_value=0, max_value=1000)
