from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Membership, Party, Role, User
from apps.regions.models import Region, RegionLevel

from . import services
from .models import Expert


class ExpertForm(forms.ModelForm):
    relations = forms.CharField(
        label=_("申报的利害关系（每行一项：单位名称|统一社会信用代码|关系，信用代码可不填）"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)

    class Meta:
        model = Expert
        fields = ["name", "party", "employer", "credit_code", "township", "title", "user", "is_active"]

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region
        self.fields["township"].queryset = Region.objects.filter(
            level=RegionLevel.TOWNSHIP, path__startswith=region.path).order_by("path")
        self.reviewer_parties = dict(
            Membership.objects.filter(role=Role.COUNTY_REVIEWER, region__path__startswith=region.path)
            .values_list("user_id", "party"))
        self.fields["user"].queryset = User.objects.filter(pk__in=self.reviewer_parties).order_by("username")
        self.fields["user"].label_from_instance = (
            lambda u: f"{u.full_name or u.username}（{u.username}，{Party(self.reviewer_parties[u.pk]).label}）")
        self.fields["user"].help_text = _("抽中后以此账号进入评估组评分；须为本地区同一方的县级三方评估人员。")
        if self.instance.pk:
            self.initial.setdefault("relations", services.relations_text(self.instance))

    def clean_credit_code(self):
        code = self.cleaned_data["credit_code"].strip().upper()
        if code and len(code) != 18:
            raise ValidationError(_("统一社会信用代码应为 18 位。"))
        return code

    def clean_relations(self):
        return services.relations_parse(self.cleaned_data["relations"])

    def clean(self):
        data = super().clean()
        user, party = data.get("user"), data.get("party")
        if user and party and self.reviewer_parties.get(user.pk) != party:
            self.add_error("user", _("该账号不是%(party)s的县级三方评估人员。") % {"party": Party(party).label})
        return data


class DrawForm(forms.Form):
    per_party = forms.IntegerField(label=_("每方抽取人数"), min_value=1, max_value=services.MAX_PER_PARTY,
                                   initial=1)
    same_township = forms.BooleanField(label=_("回避与申报单位同一乡镇(街道)的专家"), required=False)


class DeclineForm(forms.Form):
    expert = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.CharField(label=_("不能参加的原因"), max_length=200)
