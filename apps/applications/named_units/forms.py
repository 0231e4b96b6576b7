from django import forms
from django.utils.translation import gettext_lazy as _

from .models import YearlyReport


class YearlyReportForm(forms.ModelForm):
    """Shows the report's sections; the service checks them (required only when submitting)."""

    attachment = forms.FileField(label=_("附件（可选：PDF、图片或 Office 文档，20 MB 以内）"), required=False)

    class Meta:
        model = YearlyReport
        fields = ["practices", "conditions", "problems", "plans"]
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in fields}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False


class ReportReviewForm(forms.Form):
    outcome = forms.ChoiceField(label=_("审查结论"), choices=[
        ("accept", _("审查通过")), ("return", _("退回修改")),
    ])
    comment = forms.CharField(label=_("审查意见（退回时必填）"), max_length=2000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class ProvinceExportForm(forms.Form):
    year = forms.TypedChoiceField(label=_("命名年度"), coerce=int)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(year, year) for year in years]
