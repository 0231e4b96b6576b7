from django import forms
from django.utils.translation import gettext_lazy as _

from .models import SurveyMode, SurveyOption, SurveyQuestion


class SurveyOpenForm(forms.Form):
    mode = forms.ChoiceField(
        label=_("答卷方式"), choices=SurveyMode.choices, initial=SurveyMode.CODES, widget=forms.RadioSelect,
        help_text=_("只有使用答题码的调查可以计入自评得分：系统按职工人数生成答题码，打印后发给职工，每个答题码只能提交一次。"),
        error_messages={"required": _("请选择答卷方式。"), "invalid_choice": _("请选择答卷方式。")},
    )
    employee_count = forms.IntegerField(
        label=_("职工人数"), required=False, min_value=1, max_value=10_000_000,
        help_text=_("选填；用于设定答卷上限（职工人数的若干倍），防止恶意刷票。"),
        error_messages={"min_value": _("职工人数应为正整数。"), "invalid": _("请填写整数。")},
    )


class SurveyResponseForm(forms.Form):
    """One required radio group per question; the submitted value is the option's scale value."""

    def __init__(self, *args, questions: list[SurveyQuestion], options: list[SurveyOption], with_code: bool = False,
                 **kwargs):
        super().__init__(*args, **kwargs)
        if with_code:
            self.fields["code"] = forms.CharField(
                label=_("答题码"), max_length=20, strip=True,
                help_text=_("答题纸上的 10 位答题码（扫描答题纸上的二维码会自动填入）。每个答题码只能提交一次。"),
                error_messages={"required": _("请填写答题纸上的答题码。")},
                widget=forms.TextInput(
                    attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
                ),
            )
        self.questions = questions
        self._option_ids = {str(option.value): option.pk for option in options}
        choices = [(str(option.value), option.label) for option in options]
        for question in questions:
            self.fields[self.field_name(question)] = forms.ChoiceField(
                label=question.text,
                choices=choices,
                widget=forms.RadioSelect,
                error_messages={
                    "required": _("请选择您对“%(dimension)s”的满意程度。") % {"dimension": question.dimension},
                    "invalid_choice": _("请从列出的选项中选择。"),
                },
            )

    @staticmethod
    def field_name(question: SurveyQuestion) -> str:
        return f"q_{question.code}"

    def option_ids(self) -> dict[int, int]:
        """Question id → chosen option id, for the submit service (valid forms only)."""
        return {
            question.pk: self._option_ids[self.cleaned_data[self.field_name(question)]]
            for question in self.questions
        }

    def question_errors(self) -> int:
        """How many questions are unanswered (the answer code's own error is shown at its field)."""
        return sum(1 for _question, field in self.groups() if field.errors)

    def groups(self) -> list[tuple[SurveyQuestion, forms.BoundField]]:
        return [(question, self[self.field_name(question)]) for question in self.questions]
