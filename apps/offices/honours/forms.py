from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from apps.core.widgets import DateInput
from apps.oversight.risks.selectors import unit_lookup
from apps.regions.models import Region
from apps.registry.coordinators.models import Coordinator
from apps.registry.enterprises.forms import RegionChoiceField
from apps.registry.units.models import Unit

from .models import HonourCategory, HonourStatus, RecommendingLevel


class CoordinatorField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Coordinator) -> str:
        return f"{obj.full_name}（{obj.region.name}）"


class HonourForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2020, max_value=2100)
    category = forms.ChoiceField(label=_("类别"), choices=HonourCategory.choices)
    title = forms.CharField(label=_("荣誉名称"), max_length=200,
                            help_text=_("如：全国和谐劳动关系创建工作先进集体、湖北省金牌劳动关系协调员。"))
    level = forms.ChoiceField(label=_("推荐层级"), choices=RecommendingLevel.choices)
    region = RegionChoiceField(label=_("所属区域"), queryset=Region.objects.none(),
                               help_text=_("集体或个人所在的县(市、区)或乡镇(街道)。"))
    recipient = forms.CharField(label=_("集体或个人名称"), max_length=200, required=False,
                                help_text=_("协调员荣誉可不填，取台账中的姓名。"))
    employer = forms.CharField(label=_("工作单位"), max_length=200, required=False,
                               help_text=_("个人所在单位；集体可不填。"))
    unit = forms.CharField(label=_("对应的创建单位"), max_length=200, required=False,
                           help_text=_("获推荐的是企业、园区等创建单位时，填统一社会信用代码或单位全称。"))
    coordinator = CoordinatorField(label=_("台账中的协调员"), queryset=Coordinator.objects.none(), required=False,
                                   help_text=_("类别为协调员荣誉时必选。"))
    status = forms.ChoiceField(label=_("状态"), choices=HonourStatus.choices)
    document_number = forms.CharField(label=_("文号"), max_length=100, required=False,
                                      help_text=_("推荐或授予的文件文号；已授予时必填。"))
    decided_on = forms.DateField(label=_("授予或结果日期"), required=False, widget=DateInput)
    deeds = forms.CharField(label=_("主要事迹"), required=False, max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, regions: QuerySet[Region], coordinators: QuerySet[Coordinator], units: QuerySet[Unit],
                 **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.fields["coordinator"].queryset = coordinators
        self.units = units
        self.unit_obj: Unit | None = None

    def clean_unit(self) -> str:
        text = self.cleaned_data["unit"].strip()
        if text:
            self.unit_obj, error = unit_lookup(units=self.units, text=text)
            if self.unit_obj is None:
                raise forms.ValidationError(error)
        return text
