from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.widgets import DateInput

from .models import CombinationRule


class PanelForm(forms.Form):
    reviewers = forms.ModelMultipleChoiceField(label=_("评估组成员"), queryset=None,
                                               widget=forms.CheckboxSelectMultiple)
    rule = forms.ChoiceField(label=_("合成规则"), choices=CombinationRule.choices)
    recorder = forms.ModelChoiceField(label=_("合议记录人"), queryset=None, required=False)

    def __init__(self, *args, reviewers=None, parties=None, party_rows=(), people=None, **kwargs):
        """``party_rows``: the parties the policy in force seats, (label, required) (``Rules.party_rows``); the
        label names the required ones and their number, the help text those that may also sit.

        ``people``: the users of ``reviewers`` already read, offered by both fields (else each field reads the
        queryset when rendered); what is posted is still looked up in ``reviewers``."""
        super().__init__(*args, **kwargs)
        parties = parties or {}
        self.fields["reviewers"].queryset = reviewers
        self.fields["recorder"].queryset = reviewers
        self.fields["reviewers"].label_from_instance = lambda u: f"{u}（{parties.get(u.pk, '')}）"
        self.recorder_choices = None
        if people is not None:
            self.fields["reviewers"].choices = [(u.pk, f"{u}（{parties.get(u.pk, '')}）") for u in people]
            self.recorder_choices = [(u.pk, str(u)) for u in people]
        required = [str(label) for label, is_required in party_rows if is_required]
        optional = [str(label) for label, is_required in party_rows if not is_required]
        if required:
            self.fields["reviewers"].label = _("评估组成员（以下 %(n)s 方各至少一人：%(parties)s）") % {
                "n": len(required), "parties": "、".join(required)}
        if optional:
            self.fields["reviewers"].help_text = _("其他可参加的成员单位：%(parties)s。") % {
                "parties": "、".join(optional)}


class DecisionForm(forms.Form):
    # Radios with nothing chosen beforehand: the outcome is always a deliberate choice.
    decision = forms.ChoiceField(label=_("评估结论"), widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
                                 choices=[
        ("approve", _("验收通过，报送市级")), ("return", _("退回修改")), ("reject", _("未通过")),
    ], error_messages={"required": _("请选择评估结论。"), "invalid_choice": _("请选择评估结论。")})
    reason = forms.CharField(label=_("意见和理由"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                             max_length=2000,
                             help_text=_("结论为“未通过”时，此处即是给单位的书面反馈（存在的差距和改进建议），单位在工作台和申报页面查看。"))

    def __init__(self, *args, naming_level: str = "", **kwargs):
        """``naming_level``: the word of the level the policy has confirm and name (``Rules.naming_level_word``)."""
        super().__init__(*args, **kwargs)
        if naming_level:
            approve = ("approve", _("验收通过，报送%(level)s") % {"level": naming_level})
            self.fields["decision"].choices = [approve, *self.fields["decision"].choices[1:]]


class InspectionForm(forms.Form):
    visited_on = forms.DateField(label=_("核查日期"), widget=DateInput)
    people = forms.CharField(label=_("核查人员"), max_length=300)
    findings = forms.CharField(label=_("核查情况"), widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class SendBackForm(forms.Form):
    reason = forms.CharField(label=_("退回理由"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class SpotCheckForm(forms.Form):
    findings = forms.CharField(label=_("抽查情况"), widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)
