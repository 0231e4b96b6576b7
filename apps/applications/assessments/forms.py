from django import forms
from django.utils.translation import gettext_lazy as _

from apps.standards.models import Criterion

from .models import EvidenceKind


class EvidenceUploadForm(forms.Form):
    kind = forms.ChoiceField(label=_("材料类型"), choices=EvidenceKind.choices,
                             widget=forms.Select(attrs={"class": "form-select"}))
    criterion = forms.ModelChoiceField(label=_("对应条目（可不选）"), queryset=Criterion.objects.none(), required=False,
                                       widget=forms.Select(attrs={"class": "form-select"}))
    file = forms.FileField(label=_("文件（PDF、JPG、PNG 或 Office 文档，不超过 20 MB）"),
                           widget=forms.ClearableFileInput(attrs={"class": "form-control"}))

    def __init__(self, *args, criteria: list[Criterion], standard_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["criterion"]
        field.queryset = Criterion.objects.filter(standard_id=standard_id).exclude(kind="group")
        field.choices = [("", "—")] + [(c.pk, f"{c.code} {c.title[:30]}") for c in criteria if c.is_leaf]
