import pytest

from apps.accounts.models import Role
from apps.accounts.permissions import in_jurisdiction
from apps.registry.units.selectors import unit_list_for
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


def names(queryset):
    return set(queryset.values_list("name", flat=True))


def test_county_staff_see_units_of_their_county_only(cast):
    assert names(unit_list_for(user=cast.county_admin_x)) == {"甲公司"}
    assert names(unit_list_for(user=cast.reviewers_x["hrss"])) == {"甲公司"}
    assert names(unit_list_for(user=cast.county_admin_y)) == {"乙公司"}


def test_city_admin_sees_every_county_of_the_city_and_no_other_city(cast, regions):
    UnitFactory(name="枣庄企业", region=regions.other_county)
    assert names(unit_list_for(user=cast.city_admin)) == {"甲公司", "乙公司"}
    assert names(unit_list_for(user=cast.city_admin_other)) == {"枣庄企业"}


def test_township_staff_see_units_in_their_township_only(cast, regions):
    UnitFactory(name="尧都区其他街道企业", region=regions.county_x)
    assert names(unit_list_for(user=cast.township_staff_x)) == {"甲公司"}


def test_unit_rep_sees_own_unit_only(cast):
    assert names(unit_list_for(user=cast.rep_a)) == {"甲公司"}
    assert names(unit_list_for(user=cast.rep_b)) == {"乙公司"}


def test_users_without_a_jurisdiction_see_nothing(cast):
    assert names(unit_list_for(user=cast.no_role)) == set()
    assert names(unit_list_for(user=cast.system_admin)) == set()


def test_in_jurisdiction_checks_the_subtree(cast, regions):
    assert in_jurisdiction(cast.city_admin, regions.township_x, [Role.CITY_ADMIN])
    assert not in_jurisdiction(cast.county_admin_y, regions.county_x, [Role.COUNTY_ADMIN])
    assert not in_jurisdiction(cast.county_admin_x, regions.county_x, [Role.CITY_ADMIN])
