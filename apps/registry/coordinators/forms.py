from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.core.phones import PhoneField
from apps.core.widgets import DateInput
from apps.regions.models import Region
from apps.registry.enterprises.forms import RegionChoiceField

from .models import CertificateLevel


class CoordinatorForm(forms.Form):
    full_name = forms.CharField(label=_("姓名"), max_length=50)
    phone = PhoneField(label=_("联系电话"), required=False)
    region = RegionChoiceField(label=_("所属区域"), queryset=Region.objects.none())
    employer = forms.CharField(label=_("工作单位"), max_length=200, required=False)
    certificate_level = forms.ChoiceField(
        label=_("证书等级"), choices=[("", "---------"), *CertificateLevel.choices], required=False
    )
    certificate_number = forms.CharField(label=_("证书编号"), max_length=50, required=False)
    valid_from = forms.DateField(label=_("有效期起"), required=False, widget=DateInput)
    valid_until = forms.DateField(label=_("有效期至"), required=False, widget=DateInput)
    user = forms.ModelChoiceField(
        label=_("平台账号"), queryset=User.objects.none(), required=False,
        help_text=_("协调员本人登录平台的账号（角色为劳动关系协调员）。关联后，协调员可自己记录对所负责单位的指导情况。"),
    )
    units_text = forms.CharField(
        label=_("负责指导的单位"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("每行一个：企业填统一社会信用代码，园区、乡镇(街道)、行业填名称。"),
    )

    def __init__(self, *args, regions: QuerySet[Region], accounts: QuerySet[User], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.fields["user"].queryset = accounts
        self.fields["user"].label_from_instance = lambda user: f"{user.full_name or user.username}（{user.username}）"

    def clean(self) -> dict:
        data = super().clean()
        if data.get("valid_from") and data.get("valid_until") and data["valid_until"] < data["valid_from"]:
            self.add_error("valid_until", _("有效期至不能早于有效期起。"))
        return data
