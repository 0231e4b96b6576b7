"""The risk event list's bounded count is kept per jurisdiction and kind (apps/core/region_cache.py): every way an
event is recorded, and a unit moving county, shows in the totals at once, on the lists it concerns and no other."""

import pytest
from django.utils import timezone

from apps.oversight.risks.importer import import_commit
from apps.oversight.risks.services import risk_event_create, risk_event_receive
from apps.registry.enterprises.services import EnterpriseData, enterprise_update
from apps.registry.units.models import Unit

pytestmark = pytest.mark.django_db


def _total(client, user, query: str = "") -> int:
    client.force_login(user)
    return client.get(f"/risks/{query}").context["page"].paginator.count


def _fields(kind: str = "wage_arrears") -> dict:
    return {"kind": kind, "occurred_on": timezone.localdate(), "severity": 2, "source": "监察大队",
            "description": "拖欠工资"}


def test_an_event_recorded_in_the_form_is_counted_at_once_in_its_jurisdiction_only(client, cast):
    seen = [cast.county_admin_x, cast.county_admin_y, cast.city_admin, cast.township_staff_x]
    assert [_total(client, user) for user in seen] == [0, 0, 0, 0]
    assert _total(client, cast.county_admin_x, "?kind=wage_arrears") == 0
    risk_event_create(unit=cast.unit_a, by=cast.township_staff_x, **_fields())
    assert [_total(client, user) for user in seen] == [1, 0, 1, 1]
    assert _total(client, cast.county_admin_x, "?kind=wage_arrears") == 1
    assert _total(client, cast.county_admin_x, "?kind=group_petition") == 0


def test_an_event_posted_by_another_system_is_counted_at_once(client, cast, api_client_x):
    assert _total(client, cast.county_admin_x) == 0
    risk_event_receive(client=api_client_x, external_id="JC-1", unit=cast.unit_a, **_fields())
    assert _total(client, cast.county_admin_x) == 1


def test_imported_events_are_counted_at_once(client, cast):
    assert _total(client, cast.county_admin_x, "?kind=group_petition") == 0
    row = _fields("group_petition") | {"unit_id": cast.unit_a.pk, "occurred_on": timezone.localdate().isoformat()}
    import_commit(rows=[row, row], units=Unit.objects.all(), by=cast.county_admin_x)
    assert _total(client, cast.county_admin_x, "?kind=group_petition") == 2


def test_a_unit_moved_to_another_county_takes_its_events_count_along(client, cast, regions, enterprise_a):
    risk_event_create(unit=cast.unit_a, by=cast.township_staff_x, **_fields())
    assert (_total(client, cast.county_admin_x), _total(client, cast.county_admin_y)) == (1, 0)
    enterprise_update(enterprise=enterprise_a, by=cast.county_admin_x,
                      data=EnterpriseData(name="甲公司（迁）", uscc=enterprise_a.uscc, region=regions.county_y))
    assert (_total(client, cast.county_admin_x), _total(client, cast.county_admin_y)) == (0, 1)


def test_a_second_view_of_the_list_does_not_count_again(client, cast, django_assert_max_num_queries):
    risk_event_create(unit=cast.unit_a, by=cast.township_staff_x, **_fields())
    assert _total(client, cast.county_admin_x) == 1
    # user, memberships, the menu's policy, the request's savepoint and its release; the page's ids, its rows
    # (the count is kept).
    with django_assert_max_num_queries(7):
        assert client.get("/risks/").context["page"].paginator.count == 1
    with django_assert_max_num_queries(8):  # a search by name is counted each time
        assert client.get("/risks/?q=甲").status_code == 200
