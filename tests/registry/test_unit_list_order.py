"""The unit list in name order is read as each county's units walked in name order and merged
(registry.selectors.units_in_name_order): the same rows, in the same order, page after page, as one sort."""

import re

import pytest
from django.urls import reverse

from apps.accounts.models import Party
from apps.registry.units.models import Unit
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
LIST = reverse("registry:unit_list")


@pytest.fixture
def many(cast, regions):
    """30 units in each of the city's two counties and 5 in another city, names interleaved across counties and
    repeated (a name shared by two units: the order falls back to the id)."""
    for n in range(30):
        UnitFactory(name=f"单位{n % 20:02d}", region=regions.county_x, township=regions.township_x if n % 2 else None)
        UnitFactory(name=f"单位{n:02d}乙", region=regions.county_y)
    for n in range(5):
        UnitFactory(name=f"单位{n:02d}外市", region=regions.other_county)
    return cast


def listed(client, **params) -> list[int]:
    html = client.get(LIST, params).content.decode()
    return [int(pk) for pk in re.findall(r'href="/registry/units/(\d+)/"', html)]


def in_name_order(units) -> list[int]:
    return list(units.order_by("name", "pk").values_list("pk", flat=True))


@pytest.mark.parametrize("params", [{}, {"sort": "name"}])
def test_a_citys_pages_are_its_counties_units_in_name_order(client, many, regions, params):
    client.force_login(many.city_admin)
    expected = in_name_order(Unit.objects.filter(region__in=[regions.county_x, regions.county_y]))
    pages = [listed(client, **params, page=page) for page in (1, 2, 3)]
    assert [pk for page in pages for pk in page] == expected
    assert [len(page) for page in pages] == [25, 25, len(expected) - 50]
    assert f"共 {len(expected)} 个单位" in client.get(LIST, params).content.decode()


def test_a_countys_pages_hold_only_its_own_units(client, many, regions):
    client.force_login(many.reviewers_x[Party.HRSS])
    expected = in_name_order(Unit.objects.filter(region=regions.county_x))
    assert listed(client) + listed(client, page=2) == expected
    assert not Unit.objects.filter(pk__in=listed(client, page=2)).exclude(region=regions.county_x).exists()


def test_another_citys_admin_sees_none_of_them(client, many, regions):
    client.force_login(many.city_admin_other)
    assert set(listed(client)) == set(Unit.objects.filter(region=regions.other_county).values_list("pk", flat=True))


def test_township_staff_page_their_townships_units_in_name_order(client, many, regions):
    client.force_login(many.township_staff_x)
    assert listed(client) == in_name_order(Unit.objects.filter(township=regions.township_x))


def test_a_page_past_the_end_shows_the_last_page(client, many, regions):
    client.force_login(many.city_admin)
    expected = in_name_order(Unit.objects.filter(region__in=[regions.county_x, regions.county_y]))
    assert listed(client, page=99) == expected[50:]
