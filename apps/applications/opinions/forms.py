from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.widgets import DateInput

from .models import Verdict


class SendForm(forms.Form):
    title = forms.CharField(label=_("标题（可不填，默认按年度生成）"), max_length=200, required=False)
    deadline = forms.DateField(label=_("答复截止日期"), widget=DateInput,
                               error_messages={"required": _("请填写答复截止日期。")})
    departments = forms.MultipleChoiceField(label=_("征求意见的部门"), widget=forms.CheckboxSelectMultiple,
                                            error_messages={"required": _("请至少选择一个征求意见的部门。")})
    note = forms.CharField(label=_("说明（可不填）"), max_length=2000, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, departments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["departments"].choices = [(str(d.pk), d.name) for d in departments]
        self.fields["deadline"].initial = timezone.localdate() + timedelta(days=7)

    def clean_deadline(self):
        deadline = self.cleaned_data["deadline"]
        if deadline < timezone.localdate():
            raise forms.ValidationError(_("答复截止日期不能早于今天。"))
        return deadline


# What upholding a department's objection does, as the decision form offers it (objections.DecisionForm).
UPHELD = _("异议成立，退回县级重新评估")


class DepartmentForm(forms.Form):
    name = forms.CharField(label=_("部门名称"), max_length=100, error_messages={"required": _("请填写部门名称。")})
    is_active = forms.BooleanField(label=_("可征求意见"), required=False, initial=True)
    staff = forms.MultipleChoiceField(label=_("答复人员"), widget=forms.CheckboxSelectMultiple, required=False,
                                      help_text=_("在本地区持有“征求意见部门人员”角色的账号。"))

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].choices = [(str(u.pk), str(u)) for u in people]


def answer_field_names(entry_pk: int) -> tuple[str, str]:
    return f"verdict-{entry_pk}", f"reasons-{entry_pk}"


VERDICT_CHOICES = Verdict.choices
