from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.widgets import DateInput

from .models import ItemStatus, VisitKind


class RegionField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class VisitForm(forms.Form):
    region = RegionField(label=_("被督导地区"), queryset=None, empty_label=_("请选择"))
    visited_on = forms.DateField(label=_("督导日期"), widget=DateInput)
    kind = forms.ChoiceField(label=_("督导方式"), choices=[("", _("请选择")), *VisitKind.choices])
    participants = forms.CharField(label=_("参加人员和部门"), max_length=500,
                                   help_text=_("如 市人社局、市总工会、市企联、市工商联。"))
    findings = forms.CharField(label=_("发现的问题"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions

    def clean_visited_on(self):
        value = self.cleaned_data["visited_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("督导日期不能晚于今天。"))
        return value


class ItemForm(forms.Form):
    description = forms.CharField(label=_("整改事项"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
    deadline = forms.DateField(label=_("整改期限"), widget=DateInput)
    responsible = RegionField(label=_("责任单位"), queryset=None, empty_label=None)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = regions


class ReportForm(forms.Form):
    measures = forms.CharField(label=_("整改情况"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000,
                               help_text=_("写明采取的措施和结果。"))
    rectified_on = forms.DateField(label=_("整改完成日期"), widget=DateInput)

    def clean_rectified_on(self):
        value = self.cleaned_data["rectified_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("整改完成日期不能晚于今天。"))
        return value


class DecisionForm(forms.Form):
    ACCEPT, RETURN = "accept", "return"
    action = forms.ChoiceField(label=_("验收结论"), choices=[(ACCEPT, _("验收销号")), (RETURN, _("退回整改"))],
                               widget=forms.RadioSelect)
    comment = forms.CharField(label=_("验收意见"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000,
                              required=False, help_text=_("退回整改时必填。"))

    def clean(self):
        data = super().clean()
        if data.get("action") == self.RETURN and not (data.get("comment") or "").strip():
            self.add_error("comment", _("退回整改须写明验收意见。"))
        return data



OVERDUE = "overdue"
# The item list's filter: overdue first (what a workbench links to), then each status.
ITEM_FILTERS = [("", _("全部")), (OVERDUE, _("逾期未整改")), *ItemStatus.choices]
