"""The oversight sections of a report: incentives, cultivation, risk events."""

from datetime import date

import pytest
from django.apps import apps

from apps.reports.figures import figures_for, scope_for
from tests.fixtures.reports import YEAR

pytestmark = pytest.mark.django_db


def section_keys(region) -> set[str]:
    return {section.key for section in figures_for(scope_for(region=region, year=YEAR))}


def test_every_report_has_the_oversight_sections(regions):
    assert {"incentives", "cultivation", "risks"} <= section_keys(regions.city)


def table(region, key):
    return next(t for s in figures_for(scope_for(region=region, year=YEAR)) for t in s.tables if t.key == key)


def test_risk_events_are_counted_by_kind(cast, regions):
    event = apps.get_model("oversight", "RiskEvent")
    for unit, kind, day in ((cast.unit_a, "wage_arrears", date(YEAR, 3, 1)), (cast.unit_a, "wage_arrears",
                            date(YEAR, 4, 1)), (cast.unit_b, "wage_arrears", date(YEAR, 5, 1)),
                            (cast.unit_b, "group_petition", date(YEAR - 1, 5, 1))):
        event.objects.create(unit=unit, kind=kind, occurred_on=day, severity=2, source="监察支队", description="测试")
    rows = {row[0]: row[1:] for row in table(regions.city, "risks").rows}
    assert rows == {"拖欠工资": [3, 2]}
    assert {row[0]: row[1:] for row in table(regions.county_x, "risks").rows} == {"拖欠工资": [2, 1]}


def test_incentives_granted_in_the_year_are_counted_by_measure(cast, regions):
    from apps.applications.recognitions.services import recognition_create

    measure = apps.get_model("oversight", "IncentiveMeasure").objects.create(
        code="report-test", name="减少监察检查频次", department="人社局")
    grant = apps.get_model("oversight", "IncentiveGrant")
    for unit in (cast.unit_a, cast.unit_b):
        title = recognition_create(unit=unit, city=regions.city, year=YEAR - 1, issued_on=date(YEAR - 1, 12, 1),
                                   by=cast.city_admin)
        grant.objects.create(measure=measure, recognition=title, unit=unit, department="人社局",
                             granted_on=date(YEAR, 2, 1), granted_by=cast.city_admin)
    assert table(regions.city, "incentives").rows == [["减少监察检查频次", 2, 2]]
    assert table(regions.county_y, "incentives").rows == [["减少监察检查频次", 1, 1]]


def test_cultivation_targets_against_the_quota(cast, regions):
    from tests.factories import UnitFactory

    target = apps.get_model("oversight", "CultivationTarget")
    for n in range(2):
        unit = UnitFactory(region=regions.county_x, name=f"培育企业{n}")
        target.objects.create(unit=unit, year=YEAR, selected_by=cast.county_admin_x)
    park = UnitFactory(region=regions.county_x, kind="park", name="培育园区")
    target.objects.create(unit=park, year=YEAR, selected_by=cast.county_admin_x)
    rows = {row[0]: row[1:] for row in table(regions.city, "cultivation").rows}
    # Default quota (no city setting): 4 enterprises and 1 park or township per county per year.
    assert rows["尧都区"] == [2, 4, 1, 1, pytest.approx(60.0)]
    assert rows["曲沃县"][0] == 0 and rows["曲沃县"][4] == 0
