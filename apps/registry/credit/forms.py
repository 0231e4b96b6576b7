from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.widgets import DateInput
from apps.registry.enterprises.models import CreditGrade


class CreditEvaluationForm(forms.Form):
    grade = forms.ChoiceField(label=_("诚信等级"), choices=CreditGrade.choices)
    evaluated_on = forms.DateField(label=_("评价日期"), widget=DateInput)
    evaluated_by = forms.CharField(label=_("评价机关"), max_length=100)
    valid_until = forms.DateField(label=_("有效期至"), widget=DateInput, required=False,
                                  help_text=_("评价结果未规定有效期的留空，直到下一次评价。"))
    note = forms.CharField(label=_("备注"), max_length=200, required=False)


class RedListEntryForm(forms.Form):
    listed_on = forms.DateField(label=_("列入日期"), widget=DateInput)
    listed_by = forms.CharField(label=_("列入机关"), max_length=100)
    reason = forms.CharField(label=_("列入事由"), max_length=200)


class RedListEndForm(forms.Form):
    ended_on = forms.DateField(label=_("移出日期"), widget=DateInput)
    end_reason = forms.CharField(label=_("移出原因"), max_length=200)
