from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.widgets import DateInput

from .models import CheckMethod, CheckResult, RoundMethod
from .services import MAX_SAMPLE_SIZE


class RegionField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class RoundForm(forms.Form):
    region = RegionField(label=_("核查范围"), queryset=None, empty_label=None,
                         help_text=_("本级全部，或其下的一个县(市、区)。"))
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100,
                              error_messages={"min_value": _("年度请填写 2000 至 2100 之间的年份。"),
                                              "max_value": _("年度请填写 2000 至 2100 之间的年份。"),
                                              "invalid": _("年度请填写四位数字年份。")})
    method = forms.ChoiceField(label=_("核查方式"), choices=RoundMethod.choices, widget=forms.RadioSelect,
                               initial=RoundMethod.SAMPLE)
    sample_share = forms.IntegerField(label=_("抽查比例(%)"), required=False, min_value=1, max_value=100,
                                      error_messages={"min_value": _("抽查比例应为 1 至 100。"),
                                                      "max_value": _("抽查比例应为 1 至 100。"),
                                                      "invalid": _("抽查比例请填写整数。")},
                                      help_text=_("抽查时填写比例或数量中的一项；按比例抽取时向上取整。"))
    sample_size = forms.IntegerField(label=_("抽查数量"), required=False, min_value=1, max_value=MAX_SAMPLE_SIZE,
                                     error_messages={"min_value": _("抽查数量至少为 1。"),
                                                     "max_value": _("抽查数量过大。"),
                                                     "invalid": _("抽查数量请填写整数。")})
    per_county = forms.BooleanField(label=_("按县(市、区)分别抽取"), required=False,
                                    help_text=_("勾选后，比例或数量适用于每个县(市、区)。"))
    note = forms.CharField(label=_("说明"), required=False, max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}), help_text=_("如 依据文件、核查重点。"))

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions

    def clean(self):
        data = super().clean()
        if data.get("method") == RoundMethod.SAMPLE and "sample_share" not in self.errors \
                and "sample_size" not in self.errors:
            share, size = data.get("sample_share"), data.get("sample_size")
            if share and size:
                self.add_error("sample_size", _("抽查比例和抽查数量只填一项。"))
            elif not share and not size:
                self.add_error("sample_share", _("抽查请填写抽查比例或抽查数量。"))
        return data


class CheckForm(forms.Form):
    checked_on = forms.DateField(label=_("核查日期"), widget=DateInput,
                                 error_messages={"required": _("请填写核查日期。"), "invalid": _("请填写有效的日期。")})
    method = forms.ChoiceField(label=_("核查形式"), choices=CheckMethod.choices, widget=forms.RadioSelect,
                               error_messages={"required": _("请选择核查形式。")})
    findings = forms.CharField(label=_("核查情况"), widget=forms.Textarea(attrs={"rows": 4}), max_length=10000,
                               error_messages={"required": _("请填写核查情况。")})
    result = forms.ChoiceField(label=_("核查结论"), choices=CheckResult.choices, widget=forms.RadioSelect,
                               error_messages={"required": _("请选择核查结论。")},
                               help_text=_("建议取消命名的，将按本地政策提出取消命名，由决定机关核实。"))
    rectification_deadline = forms.DateField(label=_("整改期限"), widget=DateInput, required=False,
                                             help_text=_("限期整改时必填。"),
                                             error_messages={"invalid": _("请填写有效的日期。")})

    def clean_checked_on(self):
        value = self.cleaned_data["checked_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("核查日期不能晚于今天。"))
        return value

    def clean(self):
        data = super().clean()
        if data.get("result") == CheckResult.RECTIFY:
            deadline = data.get("rectification_deadline")
            if deadline is None and "rectification_deadline" not in self.errors:
                self.add_error("rectification_deadline", _("限期整改须填写整改期限。"))
            elif deadline and data.get("checked_on") and deadline < data["checked_on"]:
                self.add_error("rectification_deadline", _("整改期限不能早于核查日期。"))
        return data


class ListFilter(forms.Form):
    result = forms.ChoiceField(label=_("核查结论"), required=False,
                               choices=[("", _("全部")), ("pending", _("待登记")), *CheckResult.choices])
