from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import Party
from apps.core.widgets import DateInput
from apps.regions.models import Region
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
)


class PolicyForm(forms.ModelForm):
    """A version of a campaign policy, its JSON rules as fields a person fills: a row per party (on the panel,
    required), a title per unit kind, the required evidence per unit kind (kinds ticked, each with the
    document's own wording) and the higher-level consents one per line."""

    revocation_consents_text = forms.CharField(
        label=_("撤销前须取得的上级意见"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一项，按先后顺序，如 省级审核。"),
    )

    class Meta:
        model = CampaignPolicy
        fields = [
            "region", "year", "source_document", "issuing_office", "naming_level", "province_decides",
            "title_level", "township_precheck", "notice_working_days", "validity_years", "satisfaction_threshold",
            "uses_grades", "revocation_proposer", "revocation_approver", "revocation_notice",
        ]
        widgets = {"revocation_notice": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "__all__": {"unique_together": _("该地区这一年度的政策版本已经存在，请修改那个版本。"),
                        "unique": _("该地区这一年度的政策版本已经存在，请修改那个版本。")},
            "year": {"required": _("请填写起始年度。"), "invalid": _("起始年度请填写四位数字年份。")},
            "validity_years": {"invalid": _("称号有效期请填写整数年数，文件未规定的留空。")},
            "satisfaction_threshold": {"invalid": _("满意率达标线请填写 0 到 100 之间的数字，文件未规定的留空。")},
            "notice_working_days": {"invalid": _("公示期请填写整数工作日天数，文件未规定的留空。")},
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
        return data
