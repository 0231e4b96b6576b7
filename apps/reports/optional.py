"""Report sections for apps that may not be installed: incentives, cultivation, risk events.

``figures_for`` only calls a builder when its app is installed, and the
models are looked up through the app registry, so this module imports
nothing from those apps.
"""

from django.apps import apps
from django.db.models import Count, Q
from django.utils.translation import gettext as _

from apps.regions.models import Region, RegionLevel
from apps.units.models import UnitKind

from .figures import SECTION_BUILDERS, Chart, Scope, Section, Table, _percent


def incentives(scope: Scope) -> Section:
    grant = apps.get_model("incentives", "IncentiveGrant")
    rows = (
        grant.objects.filter(unit__region__path__startswith=scope.region.path, granted_on__year__in=scope.years)
        .values("measure__name").annotate(n=Count("pk"), units=Count("unit", distinct=True))
        .order_by("-n", "measure__name")
    )
    table = Table(key="incentives", title=_("激励措施落实"),
                  columns=[_("激励措施"), _("落实次数"), _("受益单位（家）")],
                  rows=[[row["measure__name"], row["n"], row["units"]] for row in rows],
                  chart=Chart(kind="bar", value_columns=(1,)))
    return Section(key="incentives", title=_("激励措施"), tables=[table])


def cultivation(scope: Scope) -> Section:
    """Cultivation targets per county against the city's yearly quota (培育数量要求)."""
    quota_model = apps.get_model("cultivation", "CultivationQuota")
    target = apps.get_model("cultivation", "CultivationTarget")
    quota = quota_model.objects.filter(city=scope.city).first()
    per_year_enterprises = quota.min_enterprises if quota else 4
    per_year_areas = quota.min_areas if quota else 1
    years = len(scope.years)
    counts = {
        row["unit__region_id"]: row for row in target.objects.filter(
            unit__region__path__startswith=scope.region.path, year__in=scope.years,
        ).values("unit__region_id").annotate(
            enterprises=Count("pk", filter=Q(unit__kind=UnitKind.ENTERPRISE)),
            areas=Count("pk", filter=Q(unit__kind__in=(UnitKind.PARK, UnitKind.TOWNSHIP))),
        ).order_by()
    }
    counties = (
        Region.objects.filter(parent=scope.region, level=RegionLevel.COUNTY).in_code_order()
        if scope.is_city else [scope.region]
    )
    rows = []
    for county in counties:
        row = counts.get(county.pk, {"enterprises": 0, "areas": 0})
        wanted_enterprises, wanted_areas = per_year_enterprises * years, per_year_areas * years
        met = min(row["enterprises"], wanted_enterprises) + min(row["areas"], wanted_areas)
        rows.append([county.name, row["enterprises"], wanted_enterprises, row["areas"], wanted_areas,
                     _percent(met, wanted_enterprises + wanted_areas)])
    table = Table(key="cultivation", title=_("培育数量完成情况"),
                  columns=[_("县(市、区)"), _("培育企业（家）"), _("要求企业（家）"), _("培育园区乡镇（个）"),
                           _("要求园区乡镇（个）"), _("完成率（%）")],
                  rows=rows, chart=Chart(kind="bar", value_columns=(5,), percent=True))
    return Section(key="cultivation", title=_("培育工作"), tables=[table])


def risks(scope: Scope) -> Section:
    event = apps.get_model("risks", "RiskEvent")
    labels = dict(event._meta.get_field("kind").choices)
    rows = (
        event.objects.filter(unit__region__path__startswith=scope.region.path, occurred_on__year__in=scope.years)
        .values("kind").annotate(n=Count("pk"), units=Count("unit", distinct=True)).order_by("-n", "kind")
    )
    table = Table(key="risks", title=_("风险事件（按类型）"),
                  columns=[_("事件类型"), _("事件数"), _("涉及单位（家）")],
                  rows=[[str(labels.get(row["kind"], row["kind"])), row["n"], row["units"]] for row in rows],
                  chart=Chart(kind="bar", value_columns=(1,)))
    return Section(key="risks", title=_("劳动关系风险"), tables=[table])


for _builder, _app in ((incentives, "apps.incentives"), (cultivation, "apps.cultivation"), (risks, "apps.risks")):
    if (_builder, _app) not in SECTION_BUILDERS:
        SECTION_BUILDERS.append((_builder, _app))
