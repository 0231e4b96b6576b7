"""A risk event keeps its unit's county and township (registry.units.copied): the risk lists read them, so a unit
that moves takes its events out of the old county's and township's lists and into the new county's."""

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.oversight.risks.importer import import_commit
from apps.oversight.risks.models import RiskEvent
from apps.oversight.risks.services import risk_event_create
from apps.registry.enterprises.services import EnterpriseData, enterprise_update
from apps.registry.units.models import Unit

pytestmark = pytest.mark.django_db


def _listed(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("risks:list")).content.decode()


def _fields(description: str) -> dict:
    return {"kind": "wage_arrears", "occurred_on": timezone.localdate(), "severity": 2, "source": "监察大队",
            "description": description}


def test_a_moved_units_events_leave_the_old_countys_list_and_join_the_new_ones(client, cast, regions, enterprise_a):
    event = risk_event_create(unit=cast.unit_a, by=cast.county_admin_x, **_fields("拖欠工资"))
    assert "甲公司" in _listed(client, cast.county_admin_x)
    assert "甲公司" in _listed(client, cast.township_staff_x)
    assert "甲公司" not in _listed(client, cast.county_admin_y)

    enterprise_update(enterprise=enterprise_a, by=cast.county_admin_x,
                      data=EnterpriseData(name="甲公司", uscc=enterprise_a.uscc, region=regions.county_y))

    assert "甲公司" not in _listed(client, cast.county_admin_x)
    assert "甲公司" not in _listed(client, cast.township_staff_x)
    assert "甲公司" in _listed(client, cast.county_admin_y)
    client.force_login(cast.county_admin_x)
    assert client.get(reverse("risks:detail", args=[event.pk])).status_code == 404


def test_form_and_import_fill_the_events_copies(cast, regions):
    created = risk_event_create(unit=cast.unit_a, by=cast.county_admin_x, **_fields("拖欠工资"))
    row = _fields("欠缴社保") | {"unit_id": cast.unit_b.pk, "occurred_on": timezone.localdate().isoformat()}
    import_commit(rows=[row], units=Unit.objects.all(), by=cast.city_admin)
    imported = RiskEvent.objects.get(unit=cast.unit_b)
    assert (created.region_id, created.township_id) == (regions.county_x.pk, regions.township_x.pk)
    assert (imported.region_id, imported.township_id) == (regions.county_y.pk, None)
