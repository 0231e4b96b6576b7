from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from apps.core.phones import PhoneField
from apps.regions.models import Region
from apps.registry.enterprises.forms import RegionChoiceField

from .models import AreaKind, ServiceStation


class ParkForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=200)
    area_kind = forms.ChoiceField(label=_("类别"), choices=AreaKind.choices)
    region = RegionChoiceField(label=_("所属县(市、区)"), queryset=Region.objects.none())
    area_region = RegionChoiceField(label=_("对应乡镇(街道)区划"), queryset=Region.objects.none(), required=False,
                                    help_text=_("乡镇、街道、社区必选；工业园区可留空。"))
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    contact_name = forms.CharField(label=_("联系人"), max_length=50, required=False)
    contact_phone = PhoneField(label=_("联系电话"), required=False)

    def __init__(self, *args, counties: QuerySet[Region], townships: QuerySet[Region], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = counties
        self.fields["area_region"].queryset = townships


class StationForm(forms.ModelForm):
    phone = PhoneField(label=_("联系电话"), required=False)

    class Meta:
        model = ServiceStation
        fields = ["name", "address", "staff", "phone", "services"]
        widgets = {"services": forms.Textarea(attrs={"rows": 3})}
