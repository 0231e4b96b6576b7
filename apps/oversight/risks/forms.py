from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.widgets import DateInput

from .models import RiskKind, Severity
from .selectors import unit_lookup


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return [super().clean(data, initial)] if data else []


class RiskEventForm(forms.Form):
    unit = forms.CharField(label=_("单位"), max_length=200,
                           help_text=_("填写统一社会信用代码或单位全称。"))
    kind = forms.ChoiceField(label=_("事件类型"), choices=RiskKind.choices)
    occurred_on = forms.DateField(label=_("发生日期"), widget=DateInput)
    severity = forms.TypedChoiceField(label=_("严重程度"), choices=Severity.choices, coerce=int)
    source = forms.CharField(label=_("信息来源"), max_length=100,
                             help_text=_("如：劳动保障监察支队、劳动人事争议仲裁院、信访局。"))
    description = forms.CharField(label=_("事件描述"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    files = MultipleFileField(label=_("附件"), required=False,
                              help_text=_("可选多个文件，每个不超过 20 MB。"))

    def __init__(self, *args, units: QuerySet, **kwargs):
        super().__init__(*args, **kwargs)
        self.units = units

    def clean_unit(self):
        unit, error = unit_lookup(units=self.units, text=self.cleaned_data["unit"])
        if unit is None:
            raise forms.ValidationError(error)
        self.unit_obj = unit
        return self.cleaned_data["unit"]

    def clean_occurred_on(self):
        value = self.cleaned_data["occurred_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("发生日期不能晚于今天。"))
        return value


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件"), help_text=_("请使用模板（.xlsx），第一行为表头。"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("请上传 .xlsx 格式的 Excel 文件。"))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("文件超过 5 MB，请分批导入。"))
        return upload
