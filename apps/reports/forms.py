from decimal import Decimal

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.accounts.permissions import regions_for
from apps.accounts.roles import ADMIN_ROLES
from apps.campaigns.models import CampaignPolicy
from apps.core.widgets import DateInput
from apps.regions.models import Region, RegionLevel

from .models import CountyNarrative, Indicator, IndicatorValue, ReportDuty, ReportKind, TargetTask, TypicalCase
from .permissions import can_start_report

# How far an option is indented under the regions above it (a county under its city, a street under its county).
INDENT = {RegionLevel.PROVINCE: "", RegionLevel.CITY: "", RegionLevel.COUNTY: "　", RegionLevel.TOWNSHIP: "　　",
          RegionLevel.COMMUNITY: "　　　"}


class RegionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Region) -> str:
        # Indented by level under the regions above; full names would cost a query per option.
        return f"{INDENT.get(obj.level, '')}{obj.name}"


class ReportStartForm(forms.Form):
    kind = forms.ChoiceField(label=_("报告类型"), choices=ReportKind.choices)
    region = RegionChoiceField(label=_("地区"), queryset=Region.objects.none(), empty_label=None)
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    document_number = forms.CharField(label=_("文号（可不填）"), max_length=100, required=False,
                                      help_text=_("印在封面上；不填则留出文号栏。"))

    def __init__(self, *args, user: User, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["region"].queryset = regions
        self.fields["year"].initial = timezone.localdate().year
        # The first region offered (by path) is the first region the user administers, or the first city under
        # it: offer the yearly report of that level with it, a combination that may be generated as it stands.
        roots = sorted(regions_for(user, ADMIN_ROLES), key=lambda region: region.path)
        if roots:
            self.fields["kind"].initial = ReportKind.COUNTY if roots[0].level == RegionLevel.COUNTY else ReportKind.CITY

    def clean(self):
        data = super().clean()
        kind, region = data.get("kind"), data.get("region")
        if kind and region and not can_start_report(self.user, kind=kind, region=region):
            raise forms.ValidationError(
                _("您不能为%(region)s生成“%(kind)s”：县级年度报告按县(市、区)生成，市级年度总结只能由市级"
                  "三方办公室按市生成；中期、终期评估按市生成，或由实施方案规定自行评估的县(市、区)生成。")
                % {"region": region.name, "kind": ReportKind(kind).label}
            )
        return data


class NarrativeForm(forms.ModelForm):
    class Meta:
        model = CountyNarrative
        fields = ["practices", "achievements", "shortcomings", "next_steps"]
        widgets = {name: forms.Textarea(attrs={"rows": 8}) for name in fields}


class TypicalCaseForm(forms.ModelForm):
    region = RegionChoiceField(label=_("县(市、区)"), queryset=Region.objects.none(), empty_label=None)

    class Meta:
        model = TypicalCase
        fields = ["region", "year", "title", "unit_name", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12})}

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.fields["year"].initial = timezone.localdate().year
        self.fields["year"].min_value = 2000


class ReportDutyForm(forms.ModelForm):
    class Meta:
        model = ReportDuty
        fields = ["kind", "reporting_level", "due_month", "due_day", "due_date", "recipient", "lead_days", "provision"]
        widgets = {"due_date": DateInput()}


ReportDutyFormSet = forms.inlineformset_factory(
    CampaignPolicy, ReportDuty, form=ReportDutyForm, extra=1, can_delete=True,
)


class IndicatorValuesForm(forms.Form):
    """One target and one actual value per indicator of the region's catalogue; blanks mean not set."""

    def __init__(self, *args, rows: list[tuple[Indicator, IndicatorValue | None]], **kwargs):
        super().__init__(*args, **kwargs)
        self.rows = rows
        for indicator, value in rows:
            bounds = {"max_digits": 7, "decimal_places": 2, "required": False,
                      "min_value": Decimal("-100"), "max_value": indicator.max_value or Decimal("10000")}
            unit = f"（{indicator.unit}）" if indicator.unit else ""
            self.fields[f"target_{indicator.pk}"] = forms.DecimalField(
                label=_("%(name)s目标值%(unit)s") % {"name": indicator.name, "unit": unit},
                initial=value.target if value else None, **bounds)
            self.fields[f"actual_{indicator.pk}"] = forms.DecimalField(
                label=_("%(name)s完成值%(unit)s") % {"name": indicator.name, "unit": unit},
                initial=value.actual if value else None, **bounds)

    def pairs(self):
        """(indicator, target field, actual field) for the template's table."""
        return [(indicator, self[f"target_{indicator.pk}"], self[f"actual_{indicator.pk}"])
                for indicator, _value in self.rows]

    def values(self) -> dict[int, tuple[Decimal | None, Decimal | None]]:
        return {indicator.pk: (self.cleaned_data[f"target_{indicator.pk}"], self.cleaned_data[f"actual_{indicator.pk}"])
                for indicator, _value in self.rows}


class IndicatorImportForm(forms.Form):
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)
    file = forms.FileField(label=_("Excel 文件"), help_text=_("请使用模板（.xlsx），第一行为表头。"))


class TargetTaskForm(forms.ModelForm):
    region = RegionChoiceField(label=_("责任地区"), queryset=Region.objects.none(), empty_label=None)

    class Meta:
        model = TargetTask
        fields = ["region", "year", "title", "department", "deadline", "progress", "status", "progress_note"]
        widgets = {"deadline": DateInput(), "progress_note": forms.Textarea(attrs={"rows": 3}),
                   "title": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.fields["year"].min_value = 2000
        self.fields["year"].max_value = 2100


class UnitNames(ModelChoiceIterator):
    """Each unit as its id and name, read as plain values: a township's ~1,000 units as model instances (every
    column, two timestamps parsed each) cost ~25 ms of CPU on the task form."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list("pk", "name")


class UnitChoiceField(forms.ModelChoiceField):
    iterator = UnitNames


class TargetUnitTaskForm(forms.ModelForm):
    """A township's task for a unit it answers for (包保): which unit, who answers for it, what, by when."""

    unit = UnitChoiceField(label=_("包保单位"), queryset=None, empty_label=None)

    class Meta:
        model = TargetTask
        fields = ["unit", "responsible_person", "year", "title", "deadline", "progress", "status", "progress_note"]
        widgets = {"deadline": DateInput(), "progress_note": forms.Textarea(attrs={"rows": 3}),
                   "title": forms.Textarea(attrs={"rows": 2})}
        help_texts = {"responsible_person": _("乡镇(街道)、社区负责包保该单位的人员。")}

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.fields["responsible_person"].required = True
        self.fields["year"].min_value = 2000
        self.fields["year"].max_value = 2100

    def clean(self):
        data = super().clean()
        if data.get("unit") is not None:  # the task's place follows its unit (checked by the model's clean)
            self.instance.region = data["unit"].township
        return data


class TargetProgressForm(forms.ModelForm):
    """The assigned region's report of its own task: progress, status and what has been done."""

    class Meta:
        model = TargetTask
        fields = ["progress", "status", "progress_note"]
        widgets = {"progress_note": forms.Textarea(attrs={"rows": 3})}
