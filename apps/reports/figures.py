"""The figures of a report or dashboard, gathered with SQL aggregation.

Every figure is a ``Table`` (title, columns, rows) so the PDF, the Excel
file and the dashboard show the same numbers from one place. Sections are
built by the functions in ``SECTION_BUILDERS``;
each issues a fixed number of grouped queries, whatever the number of units.

Definitions (also in the README glossary):
- 提交申报: applications of the period that left the draft status.
- 县级验收通过: applications that passed the county review (county approved
  and every later stage: city confirmed, in notice, named, revoked, expired).
- 通过率: 县级验收通过 / 提交申报.
- 认定命名: titles conferred in the period; 取消命名: titles revoked in it.
- 职工满意率: satisfied answers / all answers of the period's surveys.
"""

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Avg,
    CharField,
    Count,
    DecimalField,
    Expression,
    F,
    Func,
    Min,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.applications.assessments.models import Answer, Application
from apps.applications.recognitions.models import Recognition, RecognitionStatus
from apps.applications.workflow.states import Status
from apps.campaigns.models import CampaignYear
from apps.offices.honours.models import Honour, HonourCategory, HonourStatus
from apps.offices.training.models import Training, TrainingKind
from apps.oversight.cultivation.models import CultivationQuota, CultivationTarget
from apps.oversight.incentives.models import IncentiveGrant
from apps.oversight.risks.models import RiskEvent, RiskKind
from apps.oversight.supervision.models import ItemStatus, RectificationItem, SupervisionVisit, VisitKind
from apps.oversight.title_checks.models import CheckResult, TitleCheck
from apps.regions.models import Region, RegionLevel
from apps.registry.credit.models import CreditEvaluation, RedListEntry, evaluation_valid_on_q, red_list_member_on_q
from apps.registry.enterprises.models import CreditGrade, SizeClass
from apps.registry.units.models import AREA_UNIT_KINDS, Unit, UnitKind, VerificationStatus
from apps.standards.models import Criterion, CriterionKind
from apps.surveys.models import Survey, SurveyAnswer
from apps.surveys.selectors import rate_percent

from .models import Indicator, IndicatorValue
from .targets import targets_by_region

PASSED_STATUSES = (
    Status.COUNTY_APPROVED, Status.CITY_CONFIRMED, Status.IN_NOTICE, Status.NAMED, Status.REVOKED, Status.EXPIRED,
)
NUMERIC_VALUE = r"^-?[0-9]+(\.[0-9]+)?$"
WEAKEST_COUNT = 5
TREND_YEARS = 5


@dataclass
class Chart:
    """How to draw a table: bars of ``value_columns`` against the labels in ``label_column``."""

    kind: str  # "bar" (horizontal bars, to compare) or "line" (one line per value column, for a trend over years)
    value_columns: tuple[int, ...]
    label_column: int = 0
    percent: bool = False


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    chart: Chart | None = None
    note: str = ""
    # The 合计 row under the rows (sums, and rates recomputed from the sums), None where a total means nothing.
    total: list | None = None
    # A name per row where the rows are fixed figures (the overview), so the report's sentences find them.
    row_keys: list[str] = field(default_factory=list)

    def keyed(self, key: str) -> list:
        return self.rows[self.row_keys.index(key)]


@dataclass
class Section:
    key: str
    title: str
    tables: list[Table] = field(default_factory=list)


@dataclass
class Scope:
    """What a set of figures is about: a county or a city, and the campaign years it sums."""

    region: Region
    years: tuple[int, ...]
    previous_years: tuple[int, ...]
    trend_years: tuple[int, ...]
    # Whether the campaign ran in the previous period: without it, comparisons are said to be impossible, not 0.
    has_previous: bool = True
    # Grouped rows shared by several sections, fetched once per scope.
    _satisfaction_rows: list[dict] | None = field(default=None, repr=False)
    _places: list[tuple[str, str]] | None = field(default=None, repr=False)
    _counties: list[Region] | None = field(default=None, repr=False)

    @property
    def year(self) -> int:
        return self.years[-1]

    @property
    def is_city(self) -> bool:
        return self.region.level == RegionLevel.CITY

    @property
    def city(self) -> Region:
        return self.region if self.is_city else self.region.parent

    def units(self) -> QuerySet[Unit]:
        return Unit.objects.filter(region__path__startswith=self.region.path)

    def applications(self, years: Sequence[int] | None = None) -> QuerySet[Application]:
        return Application.objects.filter(
            unit__region__path__startswith=self.region.path, campaign_year__year__in=years or self.years,
        )

    def recognitions(self) -> QuerySet[Recognition]:
        return Recognition.objects.filter(unit__region__path__startswith=self.region.path)

    @property
    def as_of(self) -> datetime.date:
        """The day standing figures (overdue items, the red list) are counted on: the last year's end, or today."""
        return min(timezone.localdate(), datetime.date(self.year, 12, 31))

    def counties(self) -> list[Region]:
        """A city's counties in code order (read once per scope); a county's report: none."""
        if self._counties is None:
            self._counties = list(Region.objects.filter(parent=self.region, level=RegionLevel.COUNTY)
                                  .in_code_order()) if self.is_city else []
        return self._counties

    def places(self) -> list[tuple[str, str]]:
        """(key, name) of a table's rows: a city's counties and its own level (市本级); a county alone.

        The key is what ``place_key`` gives a record: the county's id as text, "" for the region's own level.
        """
        if self._places is None:
            self._places = ([(str(county.pk), county.name) for county in self.counties()] + [("", _("市本级"))]
                            if self.is_city else [("", self.region.name)])
        return self._places

    def place_key(self, path: str) -> Expression:
        """The county a record's region (its ``path`` field) lies in, as ``places`` keys it: one grouped query
        gives every county's row, whatever their number."""
        if not self.is_city:
            return Value("", output_field=CharField())
        # "/1/2/3/…": split on "/", the first part is empty, so the county's id is part (depth of the city + 2).
        return Func(F(path), Value("/"), Value(len(self.region.path_ids) + 2), function="split_part",
                    output_field=CharField())


def scope_for(*, region: Region, year: int, cumulative: bool = False) -> Scope:
    """The years a report covers: one year, or (mid-term, final) every campaign year up to ``year``."""
    city = region if region.level == RegionLevel.CITY else region.parent
    first = CampaignYear.objects.filter(city=city, year__lte=year).aggregate(first=Min("year"))["first"] or year
    if cumulative:
        years = tuple(range(first, year + 1))
        previous = tuple(range(first, year)) or (year - 1,)
        trend = years
    else:
        years, previous = (year,), (year - 1,)
        trend = tuple(range(max(first, year - TREND_YEARS + 1), year + 1))
    has_previous = CampaignYear.objects.filter(city_id__in={city.pk, region.pk}, year__in=previous).exists()
    return Scope(region=region, years=years, previous_years=previous, trend_years=trend, has_previous=has_previous)


def _percent(part: int, whole: int) -> Decimal | None:
    return rate_percent(part, whole)


def _sum(rows: list[list], column: int) -> int:
    return sum(row[column] or 0 for row in rows)


def _rate_total(rows: list[list]) -> list:
    """合计 of a [label, submitted, passed, rate] table: the rate of the sums, not the mean of the rates."""
    submitted, passed = _sum(rows, 1), _sum(rows, 2)
    return [_("合计"), submitted, passed, _percent(passed, submitted)]


def _change(now, before):
    if now is None or before is None:
        return None
    return now - before


def _application_counts(queryset: QuerySet[Application]) -> dict:
    return queryset.aggregate(
        total=Count("pk"),
        submitted=Count("pk", filter=~Q(status=Status.DRAFT)),
        passed=Count("pk", filter=Q(status__in=PASSED_STATUSES)),
        not_passed=Count("pk", filter=Q(status=Status.NOT_PASSED)),
    )


def _recognition_counts(scope: Scope, years: Sequence[int]) -> dict:
    return scope.recognitions().aggregate(
        named=Count("pk", filter=Q(year__in=years)),
        revoked=Count("pk", filter=Q(status=RecognitionStatus.REVOKED, revoked_on__year__in=years)),
    )


def satisfaction_rows(scope: Scope) -> list[dict]:
    """Answers and satisfied answers per year, county and dimension: one grouped scan shared by every section."""
    if scope._satisfaction_rows is None:
        scope._satisfaction_rows = list(
            SurveyAnswer.objects.filter(
                survey__unit__region__path__startswith=scope.region.path,
                survey__year__in=set(scope.years) | set(scope.previous_years),
            ).values("survey__year", "survey__unit__region_id", "question__dimension")
            .annotate(total=Count("pk"), satisfied=Count("pk", filter=Q(option__counts_as_satisfied=True)))
            .order_by()
        )
    return scope._satisfaction_rows


def _satisfaction_sum(scope: Scope, *, years: Sequence[int], key: str | None = None) -> dict:
    """Totals over ``years``, overall (``key`` None) or per value of ``key`` (county id or dimension)."""
    sums: dict = {}
    for row in satisfaction_rows(scope):
        if row["survey__year"] not in years:
            continue
        bucket = sums.setdefault(row[key] if key else None, {"total": 0, "satisfied": 0})
        bucket["total"] += row["total"]
        bucket["satisfied"] += row["satisfied"]
    return sums


def _satisfaction(scope: Scope, years: Sequence[int]) -> dict:
    answers = _satisfaction_sum(scope, years=years).get(None, {"total": 0, "satisfied": 0})
    return {**answers, "rate": _percent(answers["satisfied"], answers["total"])}


def overview(scope: Scope) -> Section:
    """The headline figures of the period against the period before (同比)."""
    units = scope.units().filter(verification_status=VerificationStatus.VERIFIED).count()
    figures = []
    for years in (scope.years, scope.previous_years):
        counts = _application_counts(scope.applications(years))
        counts.update(_recognition_counts(scope, years))
        counts["pass_rate"] = _percent(counts["passed"], counts["submitted"])
        counts["satisfaction"] = _satisfaction(scope, years)["rate"]
        figures.append(counts)
    now, before = figures
    if not scope.has_previous:
        before = dict.fromkeys(before)
    lines = [
        (_("提交申报（家）"), "submitted"),
        (_("县级验收通过（家）"), "passed"),
        (_("未通过（家）"), "not_passed"),
        (_("通过率（%）"), "pass_rate"),
        (_("认定命名（家）"), "named"),
        (_("取消命名（家）"), "revoked"),
        (_("职工满意率（%）"), "satisfaction"),
    ]
    table = Table(
        key="overview", title=_("总体情况"), columns=[_("指标"), _("本期"), _("上期"), _("增减")],
        rows=[[_("已核验参创单位（家）"), units, None, None]]
        + [[label, now[key], before[key], _change(now[key], before[key])] for label, key in lines],
        row_keys=["units", *(key for _label, key in lines)],
        note=_("本期为 %(now)s 年度，上期为 %(before)s 年度。") % {
            "now": _years_text(scope.years), "before": _years_text(scope.previous_years)},
    )
    return Section(key="overview", title=_("总体情况"), tables=[table])


def _years_text(years: Sequence[int]) -> str:
    return str(years[0]) if len(years) == 1 else f"{years[0]}—{years[-1]}"


def _grouped(queryset: QuerySet[Application], by: str) -> list[dict]:
    return list(
        queryset.values(by).annotate(
            submitted=Count("pk", filter=~Q(status=Status.DRAFT)),
            passed=Count("pk", filter=Q(status__in=PASSED_STATUSES)),
        ).order_by(by)
    )


def _rate_rows(groups: list[dict], by: str, labels: Callable[[object], str]) -> list[list]:
    return [
        [labels(group[by]), group["submitted"], group["passed"], _percent(group["passed"], group["submitted"])]
        for group in groups
    ]


def _order(choices: dict, group: dict) -> int:
    value = group["unit__enterprise__size"]
    return list(choices).index(value) if value in choices else len(choices)


def participation(scope: Scope) -> Section:
    """Participation by unit kind, industry and size, and (for a city) by county."""
    columns = [_("分类"), _("提交申报（家）"), _("县级验收通过（家）"), _("通过率（%）")]
    applications = scope.applications()
    kinds = dict(UnitKind.choices)
    sizes = dict(SizeClass.choices)
    tables = [
        Table(key="by_kind", title=_("按单位类型"), columns=columns,
              rows=_rate_rows(_grouped(applications, "unit__kind"), "unit__kind", lambda v: str(kinds.get(v, v))),
              chart=Chart(kind="bar", value_columns=(1, 2))),
        Table(key="by_industry", title=_("按行业（企业）"), columns=columns,
              rows=_rate_rows(_grouped(applications.filter(unit__kind=UnitKind.ENTERPRISE),
                                       "unit__enterprise__industry__section__name"),
                              "unit__enterprise__industry__section__name", lambda v: v or _("未填写行业"))),
        Table(key="by_size", title=_("按企业规模"), columns=columns,
              rows=_rate_rows(sorted(_grouped(applications.filter(unit__kind=UnitKind.ENTERPRISE),
                                              "unit__enterprise__size"), key=lambda g: _order(sizes, g)),
                              "unit__enterprise__size", lambda v: str(sizes.get(v, _("未填写规模"))))),
    ]
    for table in tables:
        table.total = _rate_total(table.rows)
    if scope.is_city:
        tables.insert(0, by_county(scope))
    return Section(key="participation", title=_("参与情况"), tables=tables)


def by_county(scope: Scope) -> Table:
    """The counties of a city side by side: units, submitted, passed, pass rate, named, revoked, satisfaction."""
    counties = list(Region.objects.filter(parent=scope.region, level=RegionLevel.COUNTY).in_code_order())
    units = dict(
        scope.units().filter(verification_status=VerificationStatus.VERIFIED)
        .values_list("region_id").annotate(n=Count("pk")).order_by()
    )
    apps = {row["unit__region_id"]: row for row in _grouped(scope.applications(), "unit__region_id")}
    titles = {
        row["unit__region_id"]: row for row in scope.recognitions().values("unit__region_id").annotate(
            named=Count("pk", filter=Q(year__in=scope.years)),
            revoked=Count("pk", filter=Q(status=RecognitionStatus.REVOKED, revoked_on__year__in=scope.years)),
        ).order_by()
    }
    satisfaction = _satisfaction_sum(scope, years=scope.years, key="survey__unit__region_id")
    rows = []
    for county in counties:
        app = apps.get(county.pk, {"submitted": 0, "passed": 0})
        title = titles.get(county.pk, {"named": 0, "revoked": 0})
        sat = satisfaction.get(county.pk, {"total": 0, "satisfied": 0})
        rows.append([
            county.name, units.get(county.pk, 0), app["submitted"], app["passed"],
            _percent(app["passed"], app["submitted"]), title["named"], title["revoked"],
            _percent(sat["satisfied"], sat["total"]),
        ])
    return Table(
        key="by_county", title=_("各县(市、区)对比"),
        columns=[_("县(市、区)"), _("参创单位（家）"), _("提交申报（家）"), _("县级验收通过（家）"), _("通过率（%）"),
                 _("认定命名（家）"), _("取消命名（家）"), _("职工满意率（%）")],
        rows=rows, chart=Chart(kind="bar", value_columns=(2, 3)),
        total=[_("合计"), _sum(rows, 1), _sum(rows, 2), _sum(rows, 3), _percent(_sum(rows, 3), _sum(rows, 2)),
               _sum(rows, 5), _sum(rows, 6), _satisfaction(scope, scope.years)["rate"]],
    )


def stages(scope: Scope) -> Section:
    counts = dict(scope.applications().values_list("status").annotate(n=Count("pk")).order_by())
    rows = [[str(label), counts.get(value, 0)] for value, label in Status.choices]
    table = Table(key="stages", title=_("申报所处阶段"), columns=[_("阶段"), _("申报数（家）")], rows=rows,
                  chart=Chart(kind="bar", value_columns=(1,)), total=[_("合计"), _sum(rows, 1)])
    return Section(key="stages", title=_("创建进展"), tables=[table])


def _highest(criterion: Criterion) -> Decimal | None:
    if criterion.kind == CriterionKind.CHOICE:
        values = [Decimal(str(choice["value"])) for choice in criterion.choices if "value" in choice]
        return max(values) if values else None
    return criterion.max_score


def scores(scope: Scope) -> Section:
    """Average self-evaluation score per item of submitted applications, and the weakest items."""
    rows = (
        Answer.objects.filter(
            application__in=scope.applications().exclude(status=Status.DRAFT),
            criterion__kind__in=(CriterionKind.NUMBER, CriterionKind.CHOICE), value__regex=NUMERIC_VALUE,
        ).values("criterion_id")
        .annotate(average=Avg(Cast("value", DecimalField(max_digits=12, decimal_places=2))), n=Count("pk"))
        .order_by()
    )
    averages = {row["criterion_id"]: row for row in rows}
    criteria = Criterion.objects.filter(pk__in=averages).select_related("standard").order_by(
        "standard__code", "position")
    items = []
    for criterion in criteria:
        row = averages[criterion.pk]
        highest = _highest(criterion)
        average = row["average"].quantize(Decimal("0.01"))
        share = (average * 100 / highest).quantize(Decimal("0.1")) if highest else None
        items.append([criterion.standard.title, criterion.code, criterion.title, row["n"], average,
                      highest, share])
    columns = [_("评价标准"), _("条目"), _("条目内容"), _("答卷数（份）"), _("平均得分（分）"), _("满分（分）"),
               _("得分率（%）")]
    weakest = sorted((item for item in items if item[6] is not None), key=lambda item: (item[6], item[1]))
    return Section(key="scores", title=_("自评得分情况"), tables=[
        Table(key="item_scores", title=_("各条目平均得分"), columns=columns, rows=items),
        Table(key="weakest", title=_("薄弱条目（得分率最低的 %(n)s 项）") % {"n": WEAKEST_COUNT},
              columns=[_("条目"), _("条目内容"), _("得分率（%）")],
              rows=[[item[1], item[2], item[6]] for item in weakest[:WEAKEST_COUNT]],
              chart=Chart(kind="bar", value_columns=(2,), label_column=1, percent=True)),
    ])


def satisfaction(scope: Scope) -> Section:
    survey = Survey.objects.filter(unit__region__path__startswith=scope.region.path, year__in=scope.years).aggregate(
        surveys=Count("pk"), respondents=Sum("response_count"))
    overall = _satisfaction(scope, scope.years)
    dimensions = sorted(_satisfaction_sum(scope, years=scope.years, key="question__dimension").items())
    return Section(key="satisfaction", title=_("职工满意度"), tables=[
        Table(key="satisfaction", title=_("满意度调查概况"), columns=[_("指标"), _("数值")], rows=[
            [_("开展调查的单位（家）"), survey["surveys"]],
            [_("参与答卷职工（人次）"), survey["respondents"] or 0],
            [_("综合满意率（%）"), overall["rate"]],
        ], row_keys=["surveys", "respondents", "rate"]),
        Table(key="satisfaction_dimensions", title=_("各维度满意率"),
              columns=[_("维度"), _("答题数（道次）"), _("满意率（%）")],
              rows=[[dimension, row["total"], _percent(row["satisfied"], row["total"])]
                    for dimension, row in dimensions],
              chart=Chart(kind="bar", value_columns=(2,), percent=True),
              total=[_("合计"), overall["total"], overall["rate"]] if dimensions else None),
    ])


def trend(scope: Scope) -> Section:
    """Year by year: submitted, passed, pass rate, named, revoked (two grouped queries)."""
    apps = {
        row["campaign_year__year"]: row for row in _grouped(
            scope.applications(scope.trend_years), "campaign_year__year")
    }
    titles = {
        row["year"]: row["named"] for row in scope.recognitions().filter(year__in=scope.trend_years)
        .values("year").annotate(named=Count("pk")).order_by()
    }
    revoked = dict(
        scope.recognitions().filter(status=RecognitionStatus.REVOKED, revoked_on__year__in=scope.trend_years)
        .values_list("revoked_on__year").annotate(n=Count("pk")).order_by()
    )
    rows = []
    for year in scope.trend_years:
        app = apps.get(year, {"submitted": 0, "passed": 0})
        rows.append([str(year), app["submitted"], app["passed"], _percent(app["passed"], app["submitted"]),
                     titles.get(year, 0), revoked.get(year, 0)])
    table = Table(key="trend", title=_("历年变化"),
                  columns=[_("年度"), _("提交申报（家）"), _("县级验收通过（家）"), _("通过率（%）"),
                           _("认定命名（家）"), _("取消命名（家）")],
                  rows=rows, chart=Chart(kind="line", value_columns=(1, 2)))
    return Section(key="trend", title=_("历年变化"), tables=[table])


def incentives(scope: Scope) -> Section:
    grants = IncentiveGrant.objects.filter(unit__region__path__startswith=scope.region.path,
                                           granted_on__year__in=scope.years)
    rows = [[row["measure__name"], row["n"], row["units"]] for row in grants.values("measure__name").annotate(
        n=Count("pk"), units=Count("unit", distinct=True)).order_by("-n", "measure__name")]
    table = Table(key="incentives", title=_("激励措施落实"),
                  columns=[_("激励措施"), _("落实次数（次）"), _("受益单位（家）")], rows=rows,
                  chart=Chart(kind="bar", value_columns=(1,)),
                  # A unit helped by two measures counts once in the total.
                  total=[_("合计"), _sum(rows, 1), grants.aggregate(n=Count("unit", distinct=True))["n"]]
                  if rows else None)
    return Section(key="incentives", title=_("激励措施"), tables=[table])


def cultivation(scope: Scope) -> Section:
    """Cultivation targets per county against the city's yearly quota (培育数量要求)."""
    quota = CultivationQuota.objects.filter(city=scope.city).first()
    per_year_enterprises = quota.min_enterprises if quota else 4
    per_year_areas = quota.min_areas if quota else 1
    years = len(scope.years)
    counts = {
        row["unit__region_id"]: row for row in CultivationTarget.objects.filter(
            unit__region__path__startswith=scope.region.path, year__in=scope.years,
        ).values("unit__region_id").annotate(
            enterprises=Count("pk", filter=Q(unit__kind=UnitKind.ENTERPRISE)),
            areas=Count("pk", filter=Q(unit__kind__in=AREA_UNIT_KINDS)),
        ).order_by()
    }
    counties = (
        Region.objects.filter(parent=scope.region, level=RegionLevel.COUNTY).in_code_order()
        if scope.is_city else [scope.region]
    )
    rows, met_total = [], 0
    for county in counties:
        row = counts.get(county.pk, {"enterprises": 0, "areas": 0})
        wanted_enterprises, wanted_areas = per_year_enterprises * years, per_year_areas * years
        met = min(row["enterprises"], wanted_enterprises) + min(row["areas"], wanted_areas)
        rows.append([county.name, row["enterprises"], wanted_enterprises, row["areas"], wanted_areas,
                     _percent(met, wanted_enterprises + wanted_areas)])
        met_total += met
    table = Table(key="cultivation", title=_("培育数量完成情况"),
                  columns=[_("县(市、区)"), _("培育企业（家）"), _("要求企业（家）"), _("培育园区乡镇（个）"),
                           _("要求园区乡镇（个）"), _("完成率（%）")],
                  rows=rows, chart=Chart(kind="bar", value_columns=(5,), percent=True),
                  # The rate of the total counts only what each county did up to its own quota.
                  total=[_("合计"), _sum(rows, 1), _sum(rows, 2), _sum(rows, 3), _sum(rows, 4),
                         _percent(met_total, _sum(rows, 2) + _sum(rows, 4))] if len(rows) > 1 else None)
    return Section(key="cultivation", title=_("培育工作"), tables=[table])


def risks(scope: Scope) -> Section:
    labels = dict(RiskKind.choices)
    events = RiskEvent.objects.filter(unit__region__path__startswith=scope.region.path,
                                      occurred_on__year__in=scope.years)
    rows = [[str(labels.get(row["kind"], row["kind"])), row["n"], row["units"]] for row in events.values(
        "kind").annotate(n=Count("pk"), units=Count("unit", distinct=True)).order_by("-n", "kind")]
    table = Table(key="risks", title=_("风险事件（按类型）"),
                  columns=[_("事件类型"), _("事件数（起）"), _("涉及单位（家）")], rows=rows,
                  chart=Chart(kind="bar", value_columns=(1,)),
                  total=[_("合计"), _sum(rows, 1), events.aggregate(n=Count("unit", distinct=True))["n"]]
                  if rows else None)
    return Section(key="risks", title=_("劳动关系风险"), tables=[table])


def _place_rows(scope: Scope, values: dict[str, list], width: int) -> list[list]:
    """One row per place (``Scope.places``): its figures, zeros where it has none; a city's own level (市本级)
    only where it has figures of its own."""
    rows = []
    for key, name in scope.places():
        figures = values.get(key)
        if figures is None and scope.is_city and key == "":
            continue
        rows.append([name, *(figures or [0] * width)])
    return rows


def _place_total(scope: Scope, rows: list[list], columns: Sequence[int],
                 computed: dict[int, object] | None = None) -> list | None:
    """合计 of a per-county table: the sums of ``columns``, ``computed`` {column: value} for the rest (distinct
    counts and rates, which are not sums); None for a county's one row."""
    if not scope.is_city or not rows:
        return None
    total = [_("合计")] + [None] * (len(rows[0]) - 1 if rows else 0)
    for column in columns:
        total[column] = _sum(rows, column)
    for column, value in (computed or {}).items():
        total[column] = value
    return total


def training(scope: Scope) -> Section:
    """Training and outreach sessions (培训宣传) held in the region: per county and per kind (four queries).

    The same definitions as ``apps.offices.training.selectors.training_figures``: sessions held by an office at
    or below the place, people summed over them, distinct units and coordinators, coordinators' hours."""
    sessions = Training.objects.filter(region__path__startswith=scope.region.path, held_on__year__in=scope.years)
    grouped = list(sessions.annotate(place=scope.place_key("region__path")).values("place", "kind")
                   .annotate(n=Count("pk"), people=Coalesce(Sum("people_count"), 0)).order_by())
    attended = {"training__region__path__startswith": scope.region.path, "training__held_on__year__in": scope.years}
    units = dict(Training.units.through.objects.filter(**attended)
                 .annotate(place=scope.place_key("training__region__path")).values("place")
                 .annotate(n=Count("unit", distinct=True)).values_list("place", "n").order_by())
    coordinators = {row["place"]: row for row in Training.coordinators.through.objects.filter(**attended)
                    .annotate(place=scope.place_key("training__region__path")).values("place")
                    .annotate(n=Count("coordinator", distinct=True),
                              hours=Coalesce(Sum("training__hours"), Decimal("0"))).order_by()}
    values: dict[str, list] = {}
    for row in grouped:
        figures = values.setdefault(row["place"], [0, 0, 0, 0, Decimal("0")])
        figures[0] += row["n"]
        figures[1] += row["people"]
    for place, n in units.items():
        values.setdefault(place, [0, 0, 0, 0, Decimal("0")])[2] = n
    for place, row in coordinators.items():
        figures = values.setdefault(place, [0, 0, 0, 0, Decimal("0")])
        figures[3], figures[4] = row["n"], row["hours"]
    rows = _place_rows(scope, values, 5)
    distinct = {}
    if scope.is_city:  # a unit or coordinator at sessions of two counties counts once in the total
        distinct = {
            3: Training.units.through.objects.filter(**attended).aggregate(n=Count("unit", distinct=True))["n"],
            4: Training.coordinators.through.objects.filter(**attended).aggregate(
                n=Count("coordinator", distinct=True))["n"],
        }
    by_place = Table(
        key="training", title=_("培训宣传活动（按县(市、区)）") if scope.is_city else _("培训宣传活动"),
        columns=[_("县(市、区)"), _("举办场次（场）"), _("参加人数（人次）"), _("参与创建单位（家）"),
                 _("参训协调员（人）"), _("协调员学时（学时）")],
        rows=rows, chart=Chart(kind="bar", value_columns=(1,)) if scope.is_city else None,
        total=_place_total(scope, rows, (1, 2, 5), distinct),
    )
    kinds: dict[str, list[int]] = {}
    for row in grouped:
        figures = kinds.setdefault(row["kind"], [0, 0])
        figures[0] += row["n"]
        figures[1] += row["people"]
    kind_rows = [[str(label), *kinds[value]] for value, label in TrainingKind.choices if value in kinds]
    by_kind = Table(key="training_by_kind", title=_("培训宣传活动（按类型）"),
                    columns=[_("活动类型"), _("举办场次（场）"), _("参加人数（人次）")], rows=kind_rows,
                    total=[_("合计"), _sum(kind_rows, 1), _sum(kind_rows, 2)] if kind_rows else None)
    return Section(key="training", title=_("培训宣传"), tables=[by_place, by_kind])


def honours(scope: Scope) -> Section:
    """Honour recommendations (评选表彰) of the period: per county by result, and per category (one query)."""
    grouped = list(Honour.objects.filter(region__path__startswith=scope.region.path, year__in=scope.years)
                   .annotate(place=scope.place_key("region__path")).values("place", "category", "status")
                   .annotate(n=Count("pk")).order_by())
    results = (HonourStatus.AWARDED, HonourStatus.NOT_AWARDED, HonourStatus.RECOMMENDED)
    values: dict[str, list[int]] = {}
    categories: dict[str, list[int]] = {}
    for row in grouped:
        figures = values.setdefault(row["place"], [0, 0, 0, 0])
        figures[0] += row["n"]
        figures[1 + results.index(row["status"])] += row["n"]
        category = categories.setdefault(row["category"], [0, 0])
        category[0] += row["n"]
        category[1] += row["n"] if row["status"] == HonourStatus.AWARDED else 0
    rows = _place_rows(scope, values, 4)
    by_place = Table(
        key="honours", title=_("评选表彰推荐（按县(市、区)）") if scope.is_city else _("评选表彰推荐"),
        columns=[_("县(市、区)"), _("推荐（个）"), _("已授予（个）"), _("未授予（个）"), _("待公布结果（个）")],
        rows=rows, total=_place_total(scope, rows, (1, 2, 3, 4)),
    )
    category_rows = [[str(label), *categories[value]] for value, label in HonourCategory.choices
                     if value in categories]
    by_category = Table(key="honours_by_category", title=_("评选表彰推荐（按类别）"),
                        columns=[_("类别"), _("推荐（个）"), _("已授予（个）")], rows=category_rows,
                        total=[_("合计"), _sum(category_rows, 1), _sum(category_rows, 2)] if category_rows else None)
    return Section(key="honours", title=_("评选表彰"), tables=[by_place, by_category])


def supervision(scope: Scope) -> Section:
    """Supervision visits (检查督导) to places in the region and their rectification items (two queries).

    As ``apps.oversight.supervision.selectors.supervision_figures``: a visit counts where it was made to; its
    items are counted by status, overdue ones (open after their deadline) as of ``Scope.as_of``."""
    visits = SupervisionVisit.objects.filter(region__path__startswith=scope.region.path,
                                             visited_on__year__in=scope.years)
    grouped = list(visits.annotate(place=scope.place_key("region__path")).values("place", "kind")
                   .annotate(n=Count("pk")).order_by())
    items = {row["place"]: row for row in RectificationItem.objects.filter(visit__in=visits.values("pk"))
             .annotate(place=scope.place_key("visit__region__path")).values("place").annotate(
                 total=Count("pk"), closed=Count("pk", filter=Q(status=ItemStatus.CLOSED)),
                 reported=Count("pk", filter=Q(status=ItemStatus.REPORTED)),
                 overdue=Count("pk", filter=Q(status=ItemStatus.OPEN, deadline__lt=scope.as_of))).order_by()}
    values: dict[str, list] = {}
    kinds: dict[str, int] = {}
    for row in grouped:
        values.setdefault(row["place"], [0, 0, 0, 0, 0, None])[0] += row["n"]
        kinds[row["kind"]] = kinds.get(row["kind"], 0) + row["n"]
    for place, row in items.items():
        values.setdefault(place, [0, 0, 0, 0, 0, None])[1:] = [
            row["total"], row["closed"], row["reported"], row["overdue"], _percent(row["closed"], row["total"])]
    rows = _place_rows(scope, values, 6)
    for row in rows:  # a place with no items has no 销号率, not 0%
        row[6] = _percent(row[3], row[2])
    by_place = Table(
        key="supervision", title=_("检查督导和问题整改（按县(市、区)）") if scope.is_city else _("检查督导和问题整改"),
        columns=[_("县(市、区)"), _("检查督导（次）"), _("发现问题（项）"), _("整改销号（项）"), _("待验收（项）"),
                 _("逾期未整改（项）"), _("销号率（%）")],
        rows=rows, chart=Chart(kind="bar", value_columns=(2, 3)) if scope.is_city else None,
        note=_("逾期未整改为截至 %(day)s 仍未整改且已过整改期限的问题。") % {"day": scope.as_of.isoformat()},
        total=_place_total(scope, rows, (1, 2, 3, 4, 5), {6: _percent(_sum(rows, 3), _sum(rows, 2))}),
    )
    kind_rows = [[str(label), kinds[value]] for value, label in VisitKind.choices if value in kinds]
    by_kind = Table(key="supervision_by_kind", title=_("检查督导（按方式）"),
                    columns=[_("督导方式"), _("检查督导（次）")], rows=kind_rows,
                    total=[_("合计"), _sum(kind_rows, 1)] if kind_rows else None)
    return Section(key="supervision", title=_("检查督导"), tables=[by_place, by_kind])


def title_checks(scope: Scope) -> Section:
    """Periodic checks of named units (命名单位核查) in the period's rounds, per county of the unit: titles checked,
    results recorded, and each result (one query)."""
    results = (CheckResult.PASSED, CheckResult.RECTIFY, CheckResult.REVOKE)
    grouped = (TitleCheck.objects.filter(unit__region__path__startswith=scope.region.path,
                                         round__year__in=scope.years)
               .annotate(place=scope.place_key("unit__region__path")).values("place")
               .annotate(n=Count("pk"), done=Count("pk", filter=~Q(result="")),
                         **{value: Count("pk", filter=Q(result=value)) for value in results}).order_by())
    values = {row["place"]: [row["n"], row["done"], *(row[value] for value in results)] for row in grouped}
    rows = _place_rows(scope, values, 5)
    table = Table(
        key="title_checks",
        title=_("命名单位核查（按县(市、区)）") if scope.is_city else _("命名单位核查"),
        columns=[_("县(市、区)"), _("列入核查（项）"), _("已登记结论（项）"), _("合格（项）"), _("限期整改（项）"),
                 _("建议取消命名（项）")],
        rows=rows, total=_place_total(scope, rows, (1, 2, 3, 4, 5)),
    )
    return Section(key="title_checks", title=_("命名单位核查"), tables=[table])


def red_list(scope: Scope) -> Section:
    """The labour-security integrity red list (守法诚信红名单) per county: listed and removed in the period, on the
    list at ``Scope.as_of``; and the enterprises' integrity grades in force then (two queries)."""
    day = scope.as_of
    entries = RedListEntry.objects.filter(enterprise__unit__region__path__startswith=scope.region.path,
                                          listed_on__lte=day)
    first = datetime.date(scope.years[0], 1, 1)
    values = {row["place"]: [row["added"], row["ended"], row["listed"]] for row in entries.annotate(
        place=scope.place_key("enterprise__unit__region__path")).values("place").annotate(
        added=Count("pk", filter=Q(listed_on__gte=first)),
        ended=Count("pk", filter=Q(ended_on__gte=first, ended_on__lte=day)),
        listed=Count("pk", filter=red_list_member_on_q(day))).order_by()}
    rows = _place_rows(scope, values, 3)
    listed = Table(
        key="red_list", title=_("守法诚信红名单（按县(市、区)）") if scope.is_city else _("守法诚信红名单"),
        columns=[_("县(市、区)"), _("新列入（家）"), _("移出（家）"), _("年末在列（家）")],
        rows=rows, total=_place_total(scope, rows, (1, 2, 3)),
        note=_("年末在列为截至 %(day)s 的在列企业数。") % {"day": day.isoformat()},
    )
    # Each enterprise's latest evaluation in force that day (DISTINCT ON), counted per county and grade.
    latest = (CreditEvaluation.objects.filter(evaluation_valid_on_q(day),
                                              enterprise__unit__region__path__startswith=scope.region.path)
              .order_by("enterprise_id", "-evaluated_on", "-pk").distinct("enterprise_id").values("pk"))
    grades = list(CreditEvaluation.objects.filter(pk__in=Subquery(latest))
                  .annotate(place=scope.place_key("enterprise__unit__region__path")).values("place", "grade")
                  .annotate(n=Count("pk")).order_by())
    order = [value for value, _label in CreditGrade.choices]
    graded: dict[str, list[int]] = {}
    for row in grades:
        if row["grade"] in order:
            graded.setdefault(row["place"], [0] * len(order))[order.index(row["grade"])] += row["n"]
    grade_rows = _place_rows(scope, graded, len(order)) if graded else []
    by_grade = Table(
        key="credit_grades", title=_("劳动保障诚信等级（年末）"),
        columns=[_("县(市、区)"), *(_("%(grade)s（家）") % {"grade": label} for _value, label in CreditGrade.choices)],
        rows=grade_rows, total=_place_total(scope, grade_rows, range(1, len(order) + 1)) if grade_rows else None,
    )
    return Section(key="red_list", title=_("守法诚信红名单和诚信等级"), tables=[listed, by_grade])


def indicators(scope: Scope) -> Section:
    """The indicators and, in a report, the target tasks beside them."""
    return _indicators(scope, tasks=True)


def dashboard_indicators(scope: Scope) -> Section:
    """The indicators alone: the dashboard shows the target tasks in its own panel."""
    return _indicators(scope, tasks=False)


def _indicators(scope: Scope, *, tasks: bool) -> Section:
    """Target-responsibility indicators (目标责任指标) of the region's catalogue: target against actual in the
    report's last year. No table where no document above the region lists indicators."""
    values = {value.indicator_id: value for value in IndicatorValue.objects.filter(region=scope.region,
                                                                                  year=scope.year)}
    catalogue = list(Indicator.objects.filter(region_id__in=scope.region.path_ids).order_by(
        "region__path", "position", "pk"))
    tasks = target_tasks(scope) if tasks else Table(key="target_tasks", title="", columns=[])
    if not catalogue:
        return Section(key="indicators", title=_("目标责任指标"), tables=[tasks] if tasks.rows else [])
    met_words = {True: _("已完成"), False: _("未完成"), None: _("未填报")}
    rows = []
    for indicator in catalogue:
        value = values.get(indicator.pk)
        target, actual = (value.target, value.actual) if value else (None, None)
        rows.append([indicator.name, indicator.unit, target, actual, met_words[value.is_met if value else None]])
    examples = any(value.is_example for value in values.values())
    table = Table(key="indicators", title=_("目标责任指标完成情况（%(year)s 年）") % {"year": scope.year},
                  columns=[_("指标"), _("计量单位"), _("目标值"), _("完成值"), _("完成情况")], rows=rows,
                  note=_("含演示用的示例数据，不是实际统计数值。") if examples else "")
    return Section(key="indicators", title=_("目标责任指标"), tables=[table, *([tasks] if tasks.rows else [])])


def target_tasks(scope: Scope) -> Table:
    """Target-responsibility tasks (目标责任任务) assigned to each county (and the city itself) in the period:
    done, open, overdue at each year's end (``targets_by_region``: three queries a year)."""
    regions = [*scope.counties(), scope.region]
    values: dict[str, list[int]] = {}
    for year in scope.years:
        for region_id, figures in targets_by_region(regions, year).items():
            key = "" if region_id == scope.region.pk else str(region_id)
            row = values.setdefault(key, [0, 0, 0, 0])
            for index, value in enumerate((figures.tasks, figures.done, figures.open, figures.overdue)):
                row[index] += value
    values = {key: row for key, row in values.items() if row[0]}
    rows = _place_rows(scope, values, 4) if values else []
    return Table(key="target_tasks", title=_("目标责任任务完成情况"),
                 columns=[_("县(市、区)"), _("目标任务（项）"), _("已完成（项）"), _("未完成（项）"),
                          _("逾期未完成（项）")],
                 rows=rows, total=_place_total(scope, rows, (1, 2, 3, 4)) if rows else None)




SECTION_BUILDERS: list[Callable[[Scope], Section]] = [
    overview, participation, stages, scores, satisfaction, trend, incentives, cultivation, training, honours,
    supervision, title_checks, red_list, risks, indicators,
]


# The dashboard's sections: the report's less the offices' records (training, honours, supervision, the red list)
# and the target tasks, which the dashboard shows in its own panels or not at all, within its query budget.
DASHBOARD_BUILDERS: list[Callable[[Scope], Section]] = [
    overview, participation, stages, scores, satisfaction, trend, incentives, cultivation, risks, dashboard_indicators,
]


def figures_for(scope: Scope, *, progress: Callable[[int], None] | None = None,
                dashboard: bool = False) -> list[Section]:
    """Every section, in order (the dashboard's: ``DASHBOARD_BUILDERS``); ``progress`` gets 0–100 after each."""
    builders = DASHBOARD_BUILDERS if dashboard else SECTION_BUILDERS
    sections = []
    for done, builder in enumerate(builders, start=1):
        sections.append(builder(scope))
        if progress:
            progress(done * 100 // len(builders))
    return sections
