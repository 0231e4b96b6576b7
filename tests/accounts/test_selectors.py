import pytest

from apps.accounts.models import Role
from apps.accounts.permissions import in_jurisdiction
from apps.accounts.selectors import scope_through_unit, scope_to_jurisdiction
from apps.oversight.risks.models import RiskEvent
from apps.registry.units.selectors import unit_list_for
from tests.factories import RiskEventFactory, UnitFactory

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


# scope_through_unit: rows matched on their unit's id, the jurisdiction's units read first; the same rows as
# scope_to_jurisdiction over the unit's region and township.

@pytest.fixture
def events_everywhere(cast, regions):
    """One risk event for each unit of the cast, one in county X outside its township, one in another city."""
    in_county_x = UnitFactory(name="尧都区其他街道企业", region=regions.county_x)
    in_other_city = UnitFactory(name="枣庄企业", region=regions.other_county)
    for unit in (cast.unit_a, cast.unit_b, in_county_x, in_other_city):
        RiskEventFactory(unit=unit, description=unit.name)
    return RiskEvent.objects.all()


def descriptions(queryset):
    return set(queryset.values_list("description", flat=True))


@pytest.mark.parametrize("who", ["county_admin_x", "county_admin_y", "township_staff_x", "city_admin",
                                 "city_admin_other", "coordinator_x", "rep_a", "system_admin"])
@pytest.mark.parametrize("semi_join", [False, True])
def test_scoping_through_the_units_ids_keeps_the_rows_the_region_match_keeps(cast, events_everywhere, who,
                                                                               semi_join):
    user = getattr(cast, who)
    roles = (Role.COUNTY_ADMIN, Role.CITY_ADMIN, Role.TOWNSHIP_STAFF)
    assert descriptions(scope_through_unit(events_everywhere, user, roles=roles, semi_join=semi_join)) == descriptions(
        scope_to_jurisdiction(events_everywhere, user, fields=("unit__region", "unit__township"), roles=roles))


def test_the_semi_join_form_is_a_plain_in_subquery(cast, events_everywhere):
    """The form PostgreSQL can drive from the list's order index (a large jurisdiction's risk list)."""
    sql = str(scope_through_unit(events_everywhere, cast.county_admin_x, semi_join=True).query)
    assert '"oversight_riskevent"."unit_id" IN (SELECT' in sql and "ANY(ARRAY(SELECT V0" not in sql


def test_scoping_through_the_units_ids(cast, events_everywhere):
    roles = (Role.COUNTY_ADMIN, Role.CITY_ADMIN, Role.TOWNSHIP_STAFF)
    assert descriptions(scope_through_unit(events_everywhere, cast.county_admin_x, roles=roles)) == {
        "甲公司", "尧都区其他街道企业"}
    assert descriptions(scope_through_unit(events_everywhere, cast.township_staff_x, roles=roles)) == {"甲公司"}
    assert descriptions(scope_through_unit(events_everywhere, cast.city_admin, roles=roles)) == {
        "甲公司", "乙公司", "尧都区其他街道企业"}
    # Deny by default: a role not named sees nothing, a representative only their own unit's rows when asked.
    assert not scope_through_unit(events_everywhere, cast.coordinator_x, roles=roles).exists()
    assert not scope_through_unit(events_everywhere, cast.rep_a, roles=roles).exists()
    assert descriptions(scope_through_unit(events_everywhere, cast.rep_a, roles=roles, own_units=True)) == {"甲公司"}


def test_scoping_through_the_units_ids_uses_the_rows_unit_index(cast, events_everywhere):
    sql = str(scope_through_unit(events_everywhere, cast.county_admin_x).query)
    assert '"oversight_riskevent"."unit_id" = ANY(ARRAY(SELECT' in sql and "JOIN" not in sql
