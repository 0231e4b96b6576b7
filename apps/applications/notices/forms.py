from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.widgets import DateInput


class ObjectionForm(forms.Form):
    entry = forms.TypedChoiceField(label=_("对哪家单位提出异议"), coerce=int)
    name = forms.CharField(label=_("姓名（可不填）"), max_length=50, required=False)
    contact = forms.CharField(label=_("联系方式（电话或邮箱，必填）"), max_length=100,
                              error_messages={"required": _("请填写联系方式，以便核实和反馈。")})
    content = forms.CharField(label=_("异议内容"), max_length=3000, widget=forms.Textarea(attrs={"rows": 4}),
                              error_messages={"required": _("请填写异议内容。")})

    def __init__(self, *args, entries=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["entry"].choices = [(e.pk, e.application.unit.name) for e in entries]


class PublishForm(forms.Form):
    title = forms.CharField(label=_("公示标题"), max_length=200, required=False)
    starts_on = forms.DateField(label=_("公示开始日期"), widget=DateInput)
    working_days = forms.IntegerField(label=_("公示期（工作日）"), min_value=1, max_value=30)
    contact = forms.CharField(label=_("受理异议联系方式"), max_length=200, required=False)

    def clean_starts_on(self):
        starts_on = self.cleaned_data["starts_on"]
        if starts_on < timezone.localdate():
            raise forms.ValidationError(_("公示开始日期不能早于今天，请重新选择。"))
        return starts_on


# What upholding a public objection does, as the decision form offers it (objections.DecisionForm).
UPHELD = _("异议成立，退回重新评估")


class ProvinceDecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("省级审定结果"), widget=forms.RadioSelect, choices=[
        ("passed", _("省级审定通过")), ("not_passed", _("省级审定未通过")),
    ], error_messages={"required": _("请选择省级审定结果。")})
    document_number = forms.CharField(label=_("省级决定文号"), max_length=100,
                                      error_messages={"required": _("请填写省级决定的文号。")})
    decided_on = forms.DateField(label=_("省级决定日期"), widget=DateInput,
                                 error_messages={"required": _("请填写省级决定日期。")})
    note = forms.CharField(label=_("说明（可不填）"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
