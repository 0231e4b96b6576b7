from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.widgets import DateInput
from apps.oversight.risks.models import RiskKind, Severity


class RevocationRuleForm(forms.Form):
    name = forms.CharField(label=_("规则名称"), max_length=100)
    kinds = forms.MultipleChoiceField(label=_("事件类型"), choices=RiskKind.choices,
                                      widget=forms.CheckboxSelectMultiple)
    min_severity = forms.TypedChoiceField(label=_("最低严重程度"), choices=Severity.choices, coerce=int)
    min_count = forms.IntegerField(label=_("事件数达到"), min_value=1, max_value=1000, initial=1)
    window_days = forms.IntegerField(label=_("统计天数"), min_value=1, max_value=3650, required=False,
                                     help_text=_("只统计检查日前这么多天内的事件；留空表示整个有效期内。"))
    is_active = forms.BooleanField(label=_("启用"), required=False, initial=True)


class CaseConfirmForm(forms.Form):
    reason = forms.CharField(label=_("取消命名的理由和依据"), widget=forms.Textarea(attrs={"rows": 3}),
                             max_length=2000)
    plaque_recovered_on = forms.DateField(label=_("铭牌收回日期"), required=False,
                                          widget=DateInput,
                                          help_text=_("尚未收回的可先留空，收回后再登记。"))
    plaque_note = forms.CharField(label=_("铭牌收回情况"), max_length=200, required=False)

    def clean_plaque_recovered_on(self):
        value = self.cleaned_data["plaque_recovered_on"]
        if value and value > timezone.localdate():
            raise forms.ValidationError(_("收回日期不能晚于今天。"))
        return value


class CaseDismissForm(forms.Form):
    reason = forms.CharField(label=_("不予取消的理由"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class PlaqueForm(forms.Form):
    recovered_on = forms.DateField(label=_("铭牌收回日期"), widget=DateInput)
    note = forms.CharField(label=_("铭牌收回情况"), max_length=200, required=False)


class ConsentForm(forms.Form):
    """One higher-level decision or consent the policy requires, as recorded from its document."""

    name = forms.ChoiceField(label=_("意见事项"), error_messages={"required": _("请选择要登记的上级意见。"),
                                                              "invalid_choice": _("该项上级意见无需登记或已登记。")})
    given_by = forms.CharField(label=_("出具机关"), max_length=200,
                               error_messages={"required": _("请填写出具意见的机关。")})
    given_on = forms.DateField(label=_("出具日期"), widget=DateInput,
                               error_messages={"required": _("请填写出具日期。")})
    document_number = forms.CharField(label=_("文号"), max_length=100, error_messages={"required": _("请填写文号。")})

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].choices = list(choices)


class ProposalForm(forms.Form):
    reason = forms.CharField(label=_("提出取消命名的理由和依据"), widget=forms.Textarea(attrs={"rows": 4}),
                             max_length=2000, error_messages={"required": _("请填写提出取消命名的理由和依据。")})
