from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.widgets import DateInput
from apps.oversight.risks.forms import MultipleFileField
from apps.regions.models import Region
from apps.registry.coordinators.models import Coordinator
from apps.registry.enterprises.forms import RegionChoiceField

from .models import TrainingKind, TrainingMethod


class CoordinatorChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Coordinator) -> str:
        return f"{obj.full_name}（{obj.region.name}）"


class TrainingForm(forms.Form):
    held_on = forms.DateField(label=_("举办日期"), widget=DateInput)
    kind = forms.ChoiceField(label=_("活动类型"), choices=TrainingKind.choices)
    method = forms.ChoiceField(label=_("方式"), choices=[("", "---------"), *TrainingMethod.choices], required=False)
    region = RegionChoiceField(label=_("举办区域"), queryset=Region.objects.none(),
                               help_text=_("举办活动的三方办公室或乡镇(街道)所在区域。"))
    organiser = forms.CharField(label=_("举办单位"), max_length=100,
                                help_text=_("如：区协调劳动关系三方办公室、区总工会。"))
    topic = forms.CharField(label=_("主题"), max_length=200)
    audience = forms.CharField(label=_("培训对象"), max_length=200, required=False,
                               help_text=_("如：培育企业负责人、人力资源工作人员。"))
    hours = forms.DecimalField(label=_("学时"), min_value=0, max_value=200, decimal_places=1, initial=0,
                               help_text=_("每位参加的协调员计入的培训学时。"))
    people_count = forms.IntegerField(label=_("参加人数"), min_value=0, max_value=100_000, initial=0)
    units_text = forms.CharField(
        label=_("参加单位"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("每行一个：企业填统一社会信用代码，园区、乡镇(街道)、行业填名称。"),
    )
    coordinators = CoordinatorChoiceField(label=_("参加的协调员"), queryset=Coordinator.objects.none(),
                                          required=False, widget=forms.CheckboxSelectMultiple)
    summary = forms.CharField(label=_("内容摘要"), required=False, max_length=5000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    files = MultipleFileField(
        label=_("活动材料"), required=False,
        help_text=_("讲义、签到表、照片等，可选多个文件，每个不超过 20 MB（PDF、图片或 Office 文档）。"),
    )

    def __init__(self, *args, regions: QuerySet[Region], coordinators: QuerySet[Coordinator], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.fields["coordinators"].queryset = coordinators

    def clean_held_on(self):
        value = self.cleaned_data["held_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("举办日期不能晚于今天。"))
        return value
