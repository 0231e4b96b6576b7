from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from apps.regions.models import Region
from apps.registry.enterprises.forms import RegionChoiceField

from .models import IndustryKind, LeadBodyType


class IndustryBodyForm(forms.Form):
    name = forms.CharField(label=_("名称"), max_length=200)
    industry_kind = forms.ChoiceField(label=_("创建类型"), choices=IndustryKind.choices)
    region = RegionChoiceField(label=_("所属县(市、区)"), queryset=Region.objects.none())
    lead_body_type = forms.ChoiceField(label=_("牵头主体类型"), choices=LeadBodyType.choices)
    lead_body_name = forms.CharField(label=_("牵头主体名称"), max_length=200)
    pilot_year = forms.IntegerField(label=_("试点年度"), min_value=2000, max_value=2100, required=False)

    def __init__(self, *args, counties: QuerySet[Region], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = counties


class MembersForm(forms.Form):
    codes = forms.CharField(
        label=_("成员企业统一社会信用代码"), required=False, widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("每行一个代码；保存后成员名单即为所列企业。"),
    )
