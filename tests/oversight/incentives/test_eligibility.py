"""Who may enjoy a measure is the measure's own data: title level, credit grade on the day, red list,
enterprises only, and the locality whose catalogue it is in (inherited downwards)."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.applications.recognitions.services import recognition_create
from apps.oversight.incentives.catalogue import catalogue_load
from apps.oversight.incentives.models import IncentiveMeasure
from apps.oversight.incentives.selectors import catalogue_for
from apps.oversight.incentives.services import eligibility_problems, incentive_grant_create
from apps.regions.models import RegionLevel
from apps.registry.credit.models import CreditEvaluation, RedListEntry
from apps.registry.units.models import UnitKind
from tests.factories import EnterpriseFactory, RegionFactory, UnitFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2025, 3, 1)


def _title(unit, *, city, by, level: str):
    return recognition_create(unit=unit, city=city, year=2024, issued_on=datetime.date(2024, 12, 1), by=by,
                              level=level, validity_years=10)


def _problems(code: str, title, region=None) -> list[str]:
    measure = IncentiveMeasure.objects.get(code=code, **({"region": region} if region else {}))
    return eligibility_problems(measure=measure, recognition=title, on=DAY)


@pytest.fixture
def zaozhuang_unit(regions):
    return EnterpriseFactory(unit__name="枣庄甲公司", unit__region=regions.other_county).unit


@pytest.fixture
def hedong(db):
    tianjin = RegionFactory(name="天津市", code="120000", level=RegionLevel.CITY)
    district = RegionFactory(name="河东区", code="120102", parent=tianjin)
    catalogue_load(region=district)
    return district


def test_zaozhuang_provincial_joint_incentives_refuse_a_city_title(cast, zaozhuang_catalogue, zaozhuang_unit,
                                                                   regions):
    title = _title(zaozhuang_unit, city=regions.other_city, by=cast.city_admin_other, level="市级")
    problems = _problems("zz-provincial-joint", title)
    assert any("只适用于获得省级及以上称号" in problem and "市级" in problem for problem in problems)
    with pytest.raises(ValidationError, match="省级及以上称号"):
        incentive_grant_create(measure=IncentiveMeasure.objects.get(code="zz-provincial-joint"), recognition=title,
                               granted_on=DAY, by=cast.city_admin_other)


def test_zaozhuang_provincial_joint_incentives_go_to_a_provincial_title(cast, zaozhuang_catalogue,
                                                                         zaozhuang_unit, regions):
    title = _title(zaozhuang_unit, city=regions.other_city, by=cast.city_admin_other, level="省级")
    assert _problems("zz-provincial-joint", title) == []


def test_zaozhuang_city_joint_incentives_need_at_least_a_city_title(cast, zaozhuang_catalogue, zaozhuang_unit,
                                                                     regions):
    city_title = _title(zaozhuang_unit, city=regions.other_city, by=cast.city_admin_other, level="市级")
    assert _problems("zz-city-joint", city_title) == []
    other = EnterpriseFactory(unit__name="枣庄乙公司", unit__region=regions.other_county).unit
    district_title = _title(other, city=regions.other_city, by=cast.city_admin_other, level="区级")
    assert any("市级及以上称号" in problem for problem in _problems("zz-city-joint", district_title))


def test_hedongs_inspection_relief_carries_no_credit_condition(cast, hedong):
    measure = IncentiveMeasure.objects.get(region=hedong, code="hedong-inspection-relief")
    assert measure.min_credit_grade == "" and not measure.requires_red_list
    enterprise = EnterpriseFactory(unit__name="河东甲公司", unit__region=hedong, credit_grade="C")
    CreditEvaluation.objects.create(enterprise=enterprise, grade="C", evaluated_on=datetime.date(2024, 1, 1),
                                    evaluated_by="人社局", entered_by=cast.city_admin)
    title = _title(enterprise.unit, city=hedong.parent, by=cast.city_admin, level="区级")
    assert _problems("hedong-inspection-relief", title) == []


def test_linfens_fewer_inspections_need_credit_grade_a_on_the_day(cast, regions, linfen_catalogue):
    enterprise = EnterpriseFactory(unit=cast.unit_a)
    title = _title(cast.unit_a, city=regions.city, by=cast.city_admin, level="市级")
    CreditEvaluation.objects.create(enterprise=enterprise, grade="B", evaluated_on=datetime.date(2024, 1, 1),
                                    evaluated_by="临汾市人社局", entered_by=cast.city_admin)
    assert any("诚信等级达到A级" in problem and "为B级" in problem
               for problem in _problems("fewer-inspections", title))
    CreditEvaluation.objects.create(enterprise=enterprise, grade="A", evaluated_on=datetime.date(2025, 1, 10),
                                    evaluated_by="临汾市人社局", valid_until=datetime.date(2025, 2, 28),
                                    entered_by=cast.city_admin)
    assert _problems("fewer-inspections", title) != [], "the A grade lapsed the day before"
    CreditEvaluation.objects.create(enterprise=enterprise, grade="A", evaluated_on=datetime.date(2025, 2, 20),
                                    evaluated_by="临汾市人社局", entered_by=cast.city_admin)
    assert _problems("fewer-inspections", title) == []


def test_a_measure_can_require_the_red_list(cast, regions, linfen_catalogue):
    measure = IncentiveMeasure.objects.create(region=regions.city, code="red-list-only", name="红名单激励",
                                              department="人社局", requires_red_list=True)
    enterprise = EnterpriseFactory(unit=cast.unit_a)
    title = _title(cast.unit_a, city=regions.city, by=cast.city_admin, level="市级")
    problems = eligibility_problems(measure=measure, recognition=title, on=DAY)
    assert problems == [f"该措施要求列入守法诚信红名单，该单位{DAY:%Y-%m-%d}不在红名单中。"]
    RedListEntry.objects.create(enterprise=enterprise, listed_on=datetime.date(2024, 6, 30), listed_by="人社局",
                                reason="守法诚信", entered_by=cast.city_admin, ended_on=DAY, end_reason="复核")
    assert eligibility_problems(measure=measure, recognition=title, on=DAY) == problems, "off the list that day"
    assert eligibility_problems(measure=measure, recognition=title, on=DAY - datetime.timedelta(days=1)) == []


def test_enterprise_only_measures_refuse_a_park(cast, regions, linfen_catalogue):
    park = UnitFactory(name="甲园区", kind=UnitKind.PARK, region=regions.county_x)
    title = _title(park, city=regions.city, by=cast.city_admin, level="市级")
    assert _problems("salary-data", title) == ["该措施仅适用于企业。"]
    assert _problems("material-reward", title) == []


def test_a_measure_of_another_locality_does_not_apply(cast, regions, linfen_catalogue, zaozhuang_unit):
    title = _title(zaozhuang_unit, city=regions.other_city, by=cast.city_admin_other, level="市级")
    assert _problems("salary-data", title) == ["该措施属于临汾市的激励目录，不适用于薛城区的单位。"]


def test_a_catalogue_is_inherited_downwards_not_upwards_nor_sideways(regions, linfen_catalogue,
                                                                     zaozhuang_catalogue):
    own = IncentiveMeasure.objects.create(region=regions.county_x, code="county-reward", name="区级奖励",
                                          department="区三方")
    in_county = set(catalogue_for(region=regions.township_x).values_list("code", flat=True))
    assert "salary-data" in in_county and "county-reward" in in_county and "zz-city-joint" not in in_county
    assert own not in catalogue_for(region=regions.city) and own not in catalogue_for(region=regions.county_y)
