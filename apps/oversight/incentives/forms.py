from django import forms
from django.utils.translation import gettext_lazy as _

from apps.applications.recognitions.numbers import certificate_number_normalise
from apps.core.widgets import DateInput
from apps.regions.models import Region
from apps.registry.enterprises.models import CreditGrade

from .models import IncentiveMeasure


class GrantForm(forms.Form):
    number = forms.CharField(label=_("证书编号"), max_length=40, help_text=_("如 141000-2025-0001。"))
    measure = forms.ModelChoiceField(label=_("激励措施"), queryset=IncentiveMeasure.objects.none(),
                                     help_text=_("本地区激励目录中的措施。"))
    granted_on = forms.DateField(label=_("享受起始日期"), widget=DateInput)
    department = forms.CharField(label=_("实施部门"), max_length=100, required=False,
                                 help_text=_("留空则使用目录中的实施部门。"))
    note = forms.CharField(label=_("备注"), max_length=200, required=False)

    def __init__(self, *args, measures=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if measures is not None:
            self.fields["measure"].queryset = measures.filter(is_active=True).select_related("region").order_by(
                "region__path", "sort_order", "pk")
            self.fields["measure"].label_from_instance = lambda m: f"{m.region.name if m.region else '—'} · {m.name}"

    def clean_number(self) -> str:
        return certificate_number_normalise(self.cleaned_data["number"])


class MeasureForm(forms.ModelForm):
    class Meta:
        model = IncentiveMeasure
        fields = ["name", "code", "description", "department", "basis", "enterprises_only", "min_title_level",
                  "min_credit_grade", "requires_red_list", "is_active", "sort_order"]
        labels = {"min_title_level": _("称号级别要求"), "min_credit_grade": _("诚信等级要求")}
        help_texts = {"code": _("字母、数字和连字符，本地区目录内唯一，如 fewer-inspections。"),
                      "basis": _("列出该措施的文件文号及条款，如 枣人社字〔2023〕34号 三(三)。")}
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, regions=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["min_title_level"].choices = [("", _("不限（任何有效称号）"))] + [
            choice for choice in self.fields["min_title_level"].choices if choice[0]]
        self.fields["min_credit_grade"].choices = [("", _("无诚信等级要求"))] + [
            (value, _("%(grade)s级及以上") % {"grade": value}) for value, _label in CreditGrade.choices]
        if regions is not None and len(regions) > 1:
            self.fields["region"] = forms.ModelChoiceField(label=_("所属地区"), queryset=Region.objects.filter(
                pk__in=[region.pk for region in regions]), empty_label=None)
            self.order_fields(["region"])
