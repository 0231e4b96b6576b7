from django import forms
from django.utils.translation import gettext_lazy as _


class ImportUploadForm(forms.Form):
    file = forms.FileField(label=_("Excel 文件（.xlsx，不超过 10 MB）"),
                           widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}))
