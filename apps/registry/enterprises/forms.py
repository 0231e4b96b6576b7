from itertools import groupby

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.accounts.usernames import username_check
from apps.core.choices import kept_choices, named_choices
from apps.core.phones import PhoneField
from apps.regions.models import Region, RegionLevel
from apps.registry.parks.models import Park

from .models import CreditGrade, Enterprise, IndustryClass, Ownership, SizeClass
from .services import EnterpriseData, placement_check
from .uscc import uscc_check


class RegionChoiceField(forms.ModelChoiceField):
    show_parent = True

    def _set_queryset(self, queryset: QuerySet[Region] | None) -> None:
        # Each option is labelled with its parent's name: the parents come in the same query, not one each.
        if queryset is not None and self.show_parent:
            queryset = queryset.select_related("parent")
        super()._set_queryset(queryset)

    queryset = property(forms.ModelChoiceField._get_queryset, _set_queryset)

    def label_from_instance(self, obj: Region) -> str:
        # A community is always named with its township/street: two streets may each have a 东风社区.
        shown = (self.show_parent or obj.level == RegionLevel.COMMUNITY) and obj.parent_id
        return f"{obj.parent.name} · {obj.name}" if shown else obj.name


class CountiesByCity(ModelChoiceIterator):
    """One <optgroup> per city; the queryset must keep each city's counties together (counties_by_city)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for city, counties in groupby(self.queryset, key=lambda county: county.parent):
            yield (city.name if city else "", [self.choice(county) for county in counties])


class CountyChoiceField(forms.ModelChoiceField):
    iterator = CountiesByCity

    def label_from_instance(self, obj: Region) -> str:
        return obj.name


def _offer_only(field: forms.ModelChoiceField, queryset: QuerySet) -> None:
    """Render only ``queryset`` as the field's options; the field still looks values up in its own queryset."""
    choices = field.iterator(field)
    choices.queryset = queryset
    field.widget.choices = choices


class EnterpriseForm(forms.Form):
    """The enterprise's details, shared by sign-up, staff entry and editing."""

    name = forms.CharField(label=_("企业名称"), max_length=200)
    uscc = forms.CharField(
        label=_("统一社会信用代码"), max_length=40,
        help_text=_("18 位，可直接粘贴；全角字符和空格会自动规整。"),
    )
    region = CountyChoiceField(label=_("所属县(市、区)"), queryset=Region.objects.none())
    township = RegionChoiceField(label=_("所属乡镇(街道)/社区"), queryset=Region.objects.none(), required=False)
    park = forms.ModelChoiceField(label=_("所在工业园区"), queryset=Park.objects.none(), required=False)
    address = forms.CharField(label=_("地址"), max_length=200, required=False)
    industry = forms.ModelChoiceField(
        label=_("所属行业（国民经济行业分类大类）"),
        queryset=IndustryClass.objects.filter(section__isnull=False).order_by("code"), required=False,
    )
    ownership = forms.ChoiceField(label=_("经济类型"), choices=[("", "---------"), *Ownership.choices], required=False)
    size = forms.ChoiceField(label=_("企业规模"), choices=[("", "---------"), *SizeClass.choices], required=False)
    employee_count = forms.IntegerField(label=_("职工人数"), min_value=0, required=False)
    has_union = forms.BooleanField(label=_("已建立工会"), required=False)
    has_party_org = forms.BooleanField(label=_("已建立党组织"), required=False)
    credit_grade = forms.ChoiceField(
        label=_("劳动保障诚信等级"), choices=[("", "---------"), *CreditGrade.choices], required=False
    )
    contact_name = forms.CharField(label=_("联系人"), max_length=50, required=False)
    contact_phone = PhoneField(label=_("联系电话"), required=False)

    def __init__(self, *args, counties: QuerySet[Region], townships: QuerySet[Region], parks: QuerySet[Park],
                 staff: bool = True, by_county: bool = False, grade_from_history: bool = False, **kwargs) -> None:
        """``by_county``: offer only the chosen county's townships and parks (a province has thousands).

        The county is the one posted, else ``initial["region"]``; ``self.county`` holds it (None if none
        or not among ``counties``; a Region given as the initial one is the view's pick from ``counties``). A
        township or park elsewhere is still looked up, so that ``clean`` can refuse it by name.
        """
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = counties.counties_by_city()
        self.fields["township"].queryset = townships
        self.fields["park"].queryset = parks.select_related("unit")
        named_choices(self.fields["park"], "unit__name")
        kept_choices(self.fields["industry"], "enterprise-industry")
        if not by_county:
            kept_choices(self.fields["township"], "enterprise-township")
        if not staff or grade_from_history:
            # The credit grade comes from the labour-security authority, not from the enterprise; once it has
            # dated evaluations, from those (entered on the unit page).
            del self.fields["credit_grade"]
        self.uscc_warning = ""
        self.staff = staff
        if not staff and self._uscc_fails_check_digit():
            self.fields["uscc_checked"] = forms.BooleanField(
                label=_("我已对照营业执照核对，代码无误"), required=False, initial=not self.is_bound,
                help_text=_("代码确实如此时勾选；县级三方办公室核实后才能核验通过。"),
            )
        self.county = self._chosen_county(counties) if by_county else None
        if by_county:
            self._offer_places_of(self.county, townships, parks)

    def _uscc_fails_check_digit(self) -> bool:
        """The posted code, or the one already registered (shown when a returned registration is corrected)."""
        code = self.data.get(self.add_prefix("uscc"), "") if self.is_bound else self.initial.get("uscc", "")
        if not code:
            return False
        try:
            return uscc_check(code).check_failed
        except ValidationError:
            return False

    def _chosen_county(self, counties: QuerySet[Region]) -> Region | None:
        value = self.data.get(self.add_prefix("region")) if self.is_bound else self.initial.get("region")
        if isinstance(value, Region):
            return value  # chosen by the view from ``counties`` itself, not typed
        try:
            pk = int(value)
        except (TypeError, ValueError):
            return None
        return counties.filter(pk=pk).first()

    def _offer_places_of(self, county: Region | None, townships: QuerySet[Region], parks: QuerySet[Park]) -> None:
        township, park = self.fields["township"], self.fields["park"]
        township.show_parent = False
        if county is None:
            township.empty_label = park.empty_label = _("请先选择所属县(市、区)")
            township.help_text = _("选择所属县(市、区)后，这里列出该县区的乡镇(街道)和社区。")
            park.help_text = _("选择所属县(市、区)后，这里列出该县区的工业园区；不在园区的企业不填。")
            _offer_only(township, townships.none())
            _offer_only(park, parks.none())
            return
        places = townships.filter(Q(parent=county) | Q(parent__parent=county)).select_related("parent")
        _offer_only(township, places.order_by("path"))
        _offer_only(park, parks.filter(unit__region=county).select_related("unit").order_by("unit__name", "pk"))

    def clean(self) -> dict:
        data = super().clean()
        county, township, park = data.get("region"), data.get("township"), data.get("park")
        if county and township and not county.contains(township):
            # Most often the county was changed and the old township is still posted (no script, or an old page):
            # it is not offered any more, so the form shows it cleared; say so and keep everything else.
            self.add_error("township", _("“%(township)s”不在%(county)s，已清空：请在%(county)s的乡镇(街道)中重新"
                                         "选择，或留空。") % {"township": township.name, "county": county.name})
        if county and park and park.unit.region_id != county.pk:
            self.add_error("park", _("工业园区“%(park)s”不在%(county)s，已清空：请重新选择，或留空。")
                           % {"park": park, "county": county.name})
        if county and not self.has_error("township") and not self.has_error("park"):
            try:
                placement_check(region=data["region"], township=data.get("township"), park=data.get("park"))
            except ValidationError as error:
                self.add_error(None, error)
        return data

    def clean_uscc(self) -> str:
        checked = uscc_check(self.cleaned_data["uscc"])
        if checked.check_failed:
            self.uscc_warning = _("该代码校验码不符，已按原样登记，县级工作人员核实后确认。")
            if not self.staff and not self.data.get(self.add_prefix("uscc_checked")):
                # Told at once: most such codes are a mistyped character, which the registrant can fix now.
                raise ValidationError(_(
                    "统一社会信用代码的最后一位（校验位）与前 17 位不符，很可能有字符输入错误。"
                    "请对照营业执照逐位核对；确认无误请勾选下方“我已对照营业执照核对，代码无误”后再提交。"
                ))
        return checked.code

    def to_data(self) -> EnterpriseData:
        data = self.cleaned_data
        profile = {key: data.get(key) for key in (
            "park", "address", "industry", "ownership", "size", "employee_count", "has_union", "has_party_org",
            "credit_grade", "contact_name", "contact_phone",
        ) if key in self.fields}
        for key in ("address", "ownership", "size", "credit_grade", "contact_name", "contact_phone"):
            if key in profile and profile[key] is None:
                profile[key] = ""
        return EnterpriseData(name=data["name"], uscc=data["uscc"], region=data["region"],
                              township=data.get("township"), profile=profile)

    @classmethod
    def initial_for(cls, enterprise: Enterprise) -> dict:
        unit = enterprise.unit
        initial = {"name": unit.name, "region": unit.region_id, "township": unit.township_id}
        for key in ("uscc", "address", "ownership", "size", "employee_count", "has_union", "has_party_org",
                    "credit_grade", "contact_name", "contact_phone"):
            initial[key] = getattr(enterprise, key)
        initial["park"] = enterprise.park_id
        initial["industry"] = enterprise.industry_id
        return initial


class AccountForm(forms.Form):
    """The representative's own account, entered at sign-up."""

    username = forms.CharField(label=_("登录用户名"), max_length=150,
                               help_text=_("字母、数字和 @/./+/-/_，登录时使用。"))
    full_name = forms.CharField(label=_("填报人姓名"), max_length=100)
    phone = PhoneField(label=_("填报人手机号"), landline=False, max_length=20)
    email = forms.EmailField(label=_("电子邮箱"), required=False, help_text=_("用于接收核验结果通知。"))
    password1 = forms.CharField(label=_("密码"), strip=False, widget=forms.PasswordInput(render_value=False))
    password2 = forms.CharField(label=_("再次输入密码"), strip=False, widget=forms.PasswordInput(render_value=False))

    def clean_username(self) -> str:
        return username_check(self.cleaned_data["username"])

    def clean(self) -> dict:
        data = super().clean()
        if data.get("password1") and data.get("password2") and data["password1"] != data["password2"]:
            self.add_error("password2", _("两次输入的密码不一致。"))
        elif data.get("password1"):
            try:
                validate_password(data["password1"], User(username=data.get("username", ""),
                                                          full_name=data.get("full_name", "")))
            except ValidationError as error:
                self.add_error("password1", error)
        return data


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("退回原因"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)
