"""The county workbench's "本月风险事件" is kept per region (apps/core/region_cache.py): every way an event is
recorded, and a unit moving county, shows at once on the workbenches it concerns and on no other."""

import pytest
from django.utils import timezone

from apps.oversight.risks.importer import import_commit
from apps.oversight.risks.services import risk_event_create, risk_event_receive
from apps.registry.enterprises.services import EnterpriseData, enterprise_update
from apps.registry.units.models import Unit

pytestmark = pytest.mark.django_db
SECTION = "本月风险事件"


def _month_section(client, user) -> str:
    """The workbench's part from the risk events' heading to the next heading."""
    client.force_login(user)
    page = client.get("/home/").content.decode()
    return page.split(SECTION, 1)[1].split("<h3", 1)[0]


def _fields(description: str) -> dict:
    return {
        "kind": "wage_arrears",
        "occurred_on": timezone.localdate(),
        "severity": 2,
        "source": "监察大队",
        "description": description,
    }


def test_an_event_recorded_in_the_form_shows_at_once_in_its_county_only(client, cast):
    assert cast.unit_a.name not in _month_section(client, cast.county_admin_x)  # kept: nothing this month
    assert cast.unit_a.name not in _month_section(client, cast.county_admin_y)
    risk_event_create(unit=cast.unit_a, by=cast.township_staff_x, **_fields("拖欠工资"))
    assert cast.unit_a.name in _month_section(client, cast.county_admin_x)
    assert cast.unit_a.name not in _month_section(client, cast.county_admin_y)


def test_an_event_posted_by_another_system_shows_at_once(client, cast, api_client_x):
    assert cast.unit_a.name not in _month_section(client, cast.county_admin_x)
    risk_event_receive(client=api_client_x, external_id="JC-1", unit=cast.unit_a, **_fields("拖欠工资"))
    assert cast.unit_a.name in _month_section(client, cast.county_admin_x)


def test_imported_events_show_at_once(client, cast):
    assert cast.unit_a.name not in _month_section(client, cast.county_admin_x)
    row = _fields("拖欠工资") | {"unit_id": cast.unit_a.pk, "occurred_on": timezone.localdate().isoformat()}
    import_commit(rows=[row], units=Unit.objects.all(), by=cast.county_admin_x)
    assert cast.unit_a.name in _month_section(client, cast.county_admin_x)


def test_a_unit_moved_to_another_county_takes_its_events_along(client, cast, regions, enterprise_a):
    risk_event_create(unit=cast.unit_a, by=cast.township_staff_x, **_fields("拖欠工资"))
    assert cast.unit_a.name in _month_section(client, cast.county_admin_x)
    assert cast.unit_a.name not in _month_section(client, cast.county_admin_y)
    enterprise_update(
        enterprise=enterprise_a,
        by=cast.county_admin_x,
        data=EnterpriseData(name="甲公司（迁）", uscc=enterprise_a.uscc, region=regions.county_y),
    )
    assert "甲公司" not in _month_section(client, cast.county_admin_x)
    assert "甲公司（迁）" in _month_section(client, cast.county_admin_y)
