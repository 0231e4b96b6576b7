import re

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Party
from apps.core.widgets import DateInput
from apps.regions.models import Region, RegionLevel
from apps.registry.units.models import UnitKind

from .models import CampaignPolicy, CampaignYear, EvidenceKind


class CampaignYearForm(forms.ModelForm):
    class Meta:
        model = CampaignYear
        fields = [
            "city", "year", "self_evaluation_opens", "self_evaluation_closes", "county_review_deadline",
            "city_confirmation_deadline",
        ]
        widgets = {
            name: DateInput()
            for name in ("self_evaluation_opens", "self_evaluation_closes", "county_review_deadline",
                         "city_confirmation_deadline")
        }
        error_messages = {
            "__all__": {"unique": _("该地区这一年度的创建活动年度已经存在。")},
        }

    def __init__(self, *args, regions: list[Region], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["city"].queryset = Region.objects.filter(pk__in=[region.pk for region in regions])
        self.fields["city"].empty_label = None


# Field, lowest, highest, and what to say outside them.
BOUNDS = (
    ("year", 2000, 2100, _("起始年度请填写 2000 至 2100 之间的年份。")),
    ("notice_working_days", 1, 30, _("公示期应为 1 至 30 个工作日。")),
    ("validity_years", 1, 20, _("称号有效期应为 1 至 20 年；文件未规定的留空。")),
    ("satisfaction_threshold", 0, 100, _("满意率达标线应在 0 到 100 之间；文件未规定的留空。")),
    ("renewal_opens_days", 1, 730, _("复审申请期应为 1 至 730 天。")),
)
# The levels whose offices may run periodic checks of named units (province, city, county).
CHECK_LEVELS = [(RegionLevel.PROVINCE.value, _("省级")), (RegionLevel.CITY.value, _("市级")),
                (RegionLevel.COUNTY.value, _("县(市、区)级"))]


def reminder_days_parse(text: str) -> list[int]:
    """"90、30" (or commas, spaces) → [90, 30], the earliest first; a message a person can read otherwise."""
    parts = [part for part in re.split(r"[\s,，、;；]+", text.strip()) if part]
    if not parts:
        raise forms.ValidationError(_("请至少填写一个到期提醒天数，如 90、30。"))
    days = []
    for part in parts:
        if not part.isascii() or not part.isdigit() or int(part) < 1:
            raise forms.ValidationError(
                _("到期提醒天数须为正整数，如 90、30；“%(value)s”不是。") % {"value": part[:20]})
        days.append(int(part))
    if len(set(days)) != len(days):
        raise forms.ValidationError(_("到期提醒天数不能重复。"))
    if max(days) > 730:
        raise forms.ValidationError(_("到期提醒天数应在 1 至 730 天之间。"))
    return sorted(days, reverse=True)


class PolicyForm(forms.ModelForm):
    """A version of a campaign policy, its JSON rules as fields a person fills: a row per party (on the panel,
    required), a title per unit kind, the required evidence per unit kind (kinds ticked, each with the
    document's own wording) and the higher-level consents one per line."""

    revocation_consents_text = forms.CharField(
        label=_("撤销前须取得的上级意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一项，按先后顺序，如 省级审核。"),
    )
    reminder_days_text = forms.CharField(
        label=_("到期提醒（到期前天数）"), max_length=100,
        error_messages={"required": _("请至少填写一个到期提醒天数，如 90、30。")},
        help_text=_("到期前第几天提醒单位和县级三方办公室，可填多个，用顿号或逗号分隔，如 90、30。"),
    )
    title_check_levels = forms.MultipleChoiceField(
        label=_("开展命名单位核查的层级"), choices=CHECK_LEVELS, widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("请至少勾选一个开展命名单位核查的层级。")},
        help_text=_("哪些层级的三方办公室可以对已命名单位开展抽查、普查；临汾市文件规定为省、市级。"),
    )

    class Meta:
        model = CampaignPolicy
        fields = [
            "region", "year", "source_document", "issuing_office", "naming_level", "province_decides",
            "title_level", "township_precheck", "notice_working_days", "validity_years", "satisfaction_threshold",
            "renewal_opens_days", "uses_grades", "revocation_proposer", "revocation_approver", "revocation_notice",
        ]
        widgets = {"revocation_notice": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "__all__": {"unique_together": _("该地区这一年度的政策版本已经存在，请修改那个版本。"),
                        "unique": _("该地区这一年度的政策版本已经存在，请修改那个版本。")},
            "year": {"required": _("请填写起始年度。"), "invalid": _("起始年度请填写四位数字年份。")},
            "validity_years": {"invalid": _("称号有效期请填写整数年数，文件未规定的留空。")},
            "satisfaction_threshold": {"invalid": _("满意率达标线请填写 0 到 100 之间的数字，文件未规定的留空。")},
            "notice_working_days": {"invalid": _("公示期请填写整数工作日天数，文件未规定的留空。")},
            "renewal_opens_days": {"required": _("请填写复审申请期（到期前天数）。"),
                                   "invalid": _("复审申请期请填写整数天数。")},
        }

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.fields["region"].empty_label = None
        if self.instance.pk:
            # A version stays with its region and year; a new year is a new version.
            for name in ("region", "year"):
                self.fields[name].disabled = True
        for name, low, high, message in BOUNDS:
            field = self.fields[name]
            field.validators += [MinValueValidator(low, message=message), MaxValueValidator(high, message=message)]
            field.widget.attrs.update(min=low, max=high)
        policy = self.instance
        for party, _label in Party.choices:
            row = next((r for r in policy.panel_parties if r.get("party") == party), None)
            self.fields[f"party_{party}"] = forms.BooleanField(
                label=_("参加评估组"), required=False, initial=row is not None)
            self.fields[f"party_{party}_required"] = forms.BooleanField(
                label=_("必须参加"), required=False, initial=bool(row and row.get("required")))
        for kind, label in UnitKind.choices:
            self.fields[f"title_{kind}"] = forms.CharField(
                label=label, required=False, max_length=100, initial=policy.titles.get(kind, ""))
            chosen = {row.get("kind"): row.get("label", "") for row in policy.required_evidence.get(kind, [])}
            for evidence, evidence_label in EvidenceKind.choices:
                self.fields[f"evidence_{kind}_{evidence}"] = forms.BooleanField(
                    label=_("必须上传"), required=False, initial=evidence in chosen)
                self.fields[f"evidence_{kind}_{evidence}_label"] = forms.CharField(
                    label=_("文件中的名称"), required=False, max_length=100,
                    initial=chosen.get(evidence) or evidence_label)
        self.fields["revocation_consents_text"].initial = "\n".join(policy.revocation_consents)
        self.fields["reminder_days_text"].initial = "、".join(str(day) for day in policy.reminder_days)
        self.fields["title_check_levels"].initial = list(policy.title_check_levels)

    def clean_reminder_days_text(self):
        return reminder_days_parse(self.cleaned_data["reminder_days_text"])

    def party_rows(self):
        return [(label, self[f"party_{party}"], self[f"party_{party}_required"]) for party, label in Party.choices]

    def title_fields(self):
        return [self[f"title_{kind}"] for kind, _label in UnitKind.choices]

    def evidence_groups(self):
        return [
            (label, [(evidence_label, self[f"evidence_{kind}_{evidence}"], self[f"evidence_{kind}_{evidence}_label"])
                     for evidence, evidence_label in EvidenceKind.choices])
            for kind, label in UnitKind.choices
        ]

    def clean(self):
        data = super().clean()
        parties = []
        for party, label in Party.choices:
            on_panel, required = data.get(f"party_{party}"), data.get(f"party_{party}_required")
            if required and not on_panel:
                self.add_error(f"party_{party}_required",
                               _("%(party)s 标为必须参加，请同时勾选“参加评估组”。") % {"party": label})
            if on_panel:
                parties.append({"party": party, "required": bool(required)})
        if parties and not any(row["required"] for row in parties):
            self.add_error(None, _("评估组至少要有一个必须参加的成员单位；文件未规定成员单位的，全部不勾选。"))
        evidence = {}
        for kind, _label in UnitKind.choices:
            rows = []
            for code, evidence_label in EvidenceKind.choices:
                if data.get(f"evidence_{kind}_{code}"):
                    wording = (data.get(f"evidence_{kind}_{code}_label") or "").strip() or str(evidence_label)
                    rows.append({"kind": code, "label": wording})
            if rows:
                evidence[kind] = rows
        self.instance.panel_parties = parties
        self.instance.titles = {kind: data[f"title_{kind}"].strip() for kind, _label in UnitKind.choices
                                if (data.get(f"title_{kind}") or "").strip()}
        self.instance.required_evidence = evidence
        self.instance.revocation_consents = [
            line.strip() for line in (data.get("revocation_consents_text") or "").splitlines() if line.strip()]
        # The window against the reminders is the model's rule (CampaignPolicy.clean), checked with the rest.
        if data.get("reminder_days_text"):
            self.instance.reminder_days = data["reminder_days_text"]
        if data.get("title_check_levels"):
            self.instance.title_check_levels = data["title_check_levels"]
        return data
