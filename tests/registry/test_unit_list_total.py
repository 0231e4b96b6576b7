"""The whole unit list's total is kept per jurisdiction (registry.selectors.unit_total_kept): every way a unit is
added, and a unit moving county, shows in the totals at once, on the lists it concerns and no other."""

import pytest
from django.urls import reverse

from apps.registry.enterprises.services import (
    EnterpriseData,
    enterprise_create,
    enterprise_update,
    enterprises_bulk_create,
)
from apps.registry.industries.services import industry_bodies_bulk_create, industry_body_create
from apps.registry.parks.models import AreaKind
from apps.registry.parks.services import park_create, parks_bulk_create
from tests.factories import EnterpriseFactory

from .helpers import code

pytestmark = pytest.mark.django_db
LIST = reverse("registry:unit_list")


def _totals(client, users, query: str = "") -> list[int]:
    totals = []
    for user in users:
        client.force_login(user)
        totals.append(client.get(f"{LIST}{query}").context["page"].paginator.count)
    return totals


@pytest.fixture
def seen(cast):
    """County X's admin, county Y's admin, the city's admin and another city's admin, each counted once before."""
    return [cast.county_admin_x, cast.county_admin_y, cast.city_admin, cast.city_admin_other]


@pytest.fixture
def before(client, seen):
    return _totals(client, seen)


def _added(before: list[int], x: int = 0, y: int = 0) -> list[int]:
    return [before[0] + x, before[1] + y, before[2] + x + y, before[3]]


def test_an_enterprise_entered_by_its_county_is_counted_at_once_in_its_jurisdiction_only(client, seen, before,
                                                                                        regions):
    enterprise_create(data=EnterpriseData(name="新登记公司", uscc=code(7001), region=regions.county_x), by=None)
    assert _totals(client, seen) == _added(before, x=1)
    assert _totals(client, seen, "?sort=name") == _added(before, x=1)


def test_imported_enterprises_are_counted_at_once(client, seen, before, regions):
    enterprises_bulk_create(rows=[{"name": f"导入公司{n}", "uscc": code(7100 + n), "region_id": regions.county_y.pk}
                                  for n in range(3)], by=None)
    assert _totals(client, seen) == _added(before, y=3)


def test_a_park_and_imported_townships_are_counted_at_once(client, seen, before, regions):
    park_create(name="新工业园区", region=regions.county_x, area_kind=AreaKind.INDUSTRIAL_PARK, by=None)
    assert _totals(client, seen) == _added(before, x=1)
    parks_bulk_create(rows=[{"name": "导入园区", "area_kind": AreaKind.INDUSTRIAL_PARK,
                             "region_id": regions.county_y.pk}], by=None)
    assert _totals(client, seen) == _added(before, x=1, y=1)


def test_industry_bodies_entered_and_imported_are_counted_at_once(client, seen, before, regions):
    industry_body_create(name="新行业", region=regions.county_x, industry_kind="industry",
                         lead_body_type="association", lead_body_name="某协会", pilot_year=None, by=None)
    assert _totals(client, seen) == _added(before, x=1)
    industry_bodies_bulk_create(rows=[{"name": "导入行业", "region_id": regions.county_y.pk,
                                       "industry_kind": "industry", "lead_body_type": "association",
                                       "lead_body_name": "某协会"}], by=None)
    assert _totals(client, seen) == _added(before, x=1, y=1)


def test_a_unit_moved_to_another_county_takes_its_count_along(client, cast, seen, regions):
    enterprise = EnterpriseFactory(unit=cast.unit_a)
    before = _totals(client, seen)
    enterprise_update(enterprise=enterprise, by=cast.county_admin_x,
                      data=EnterpriseData(name="甲公司（迁）", uscc=enterprise.uscc, region=regions.county_y))
    assert _totals(client, seen) == [before[0] - 1, before[1] + 1, before[2], before[3]]


def test_another_citys_admin_sees_none_of_the_citys_units_also_from_the_kept_total(client, cast, before):
    client.force_login(cast.city_admin_other)
    html = client.get(LIST).content.decode()
    assert cast.unit_a.name not in html and cast.unit_b.name not in html
    assert client.get(LIST).context["page"].paginator.count == before[3]


def test_a_second_view_of_the_list_does_not_count_again(client, cast, before, django_assert_max_num_queries):
    # user, memberships, the menu's policy, the request's savepoint and its release; the jurisdiction's counties,
    # the page's ids and its rows (the count is kept).
    with django_assert_max_num_queries(8):
        assert client.get(LIST).context["page"].paginator.count == before[3]
