from django import forms
from django.utils.translation import gettext_lazy as _

from apps.standards.models import Standard

from .models import StandardInForce, SurveyTemplate

MAX_FILE_BYTES = 512 * 1024


class StandardChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Standard) -> str:
        example = str(_("【示例】")) if obj.is_example else ""
        variant = f"，{obj.variant}" if obj.variant else ""
        return f"{example}{obj.title}（{obj.code} {obj.version}{variant}）"


class StandardInForceForm(forms.ModelForm):
    standard = StandardChoiceField(label=_("创建标准"), queryset=Standard.objects.none())
    example_confirmed = forms.BooleanField(
        label=_("确认选用示例评分方案"), required=False,
        help_text=_("所选标准为示例评分方案时须勾选；页面和打印件都会标明“示例”。"),
    )

    class Meta:
        model = StandardInForce
        fields = ["region", "year", "unit_kind", "enterprise_size", "industry", "standard", "questionnaire", "basis"]

    def __init__(self, *args, regions, standards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.fields["region"].empty_label = None if regions.count() == 1 else "---------"
        self.fields["standard"].queryset = standards
        self.fields["questionnaire"].queryset = SurveyTemplate.objects.order_by("code", "-version")
        self.fields["industry"].queryset = self.fields["industry"].queryset.order_by("code")
        self.fields["year"].min_value = 2000
        if self.instance.pk and self.instance.standard.is_example:
            self.fields["example_confirmed"].initial = True


class StandardFileForm(forms.Form):
    STANDARD, QUESTIONNAIRE = "standard", "questionnaire"
    kind = forms.ChoiceField(
        label=_("文件类型"), widget=forms.RadioSelect,
        choices=[(STANDARD, _("创建标准")), (QUESTIONNAIRE, _("满意度调查问卷"))], initial=STANDARD,
    )
    file = forms.FileField(label=_("文件（YAML，UTF-8 编码）"),
                           help_text=_("格式见 fixtures/standards/ 与 fixtures/surveys/ 中的示例文件。"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(_("文件过大：标准或问卷文件不超过 512 KB。"))
        return upload


