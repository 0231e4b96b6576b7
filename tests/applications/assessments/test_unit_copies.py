"""An application keeps its unit's county, township and name (registry.units.copied): the jurisdiction's lists read
them, so every way an application is written fills them and a unit that moves or is renamed takes its
applications along, on both sides of the jurisdiction."""

import pytest
from django.urls import reverse

from apps.applications.assessments.models import Application
from apps.applications.assessments.selectors import application_list_for
from apps.registry.enterprises.services import EnterpriseData, enterprise_update
from tests.factories import EnterpriseFactory, UnitFactory

pytestmark = pytest.mark.django_db


def _listed(client, user) -> str:
    client.force_login(user)
    return client.get(reverse("assessments:list")).content.decode()


def _move(enterprise, *, by, name: str, region, township=None) -> None:
    enterprise_update(enterprise=enterprise, by=by,
                      data=EnterpriseData(name=name, uscc=enterprise.uscc, region=region, township=township))


def test_a_moved_units_application_leaves_the_old_countys_list_and_joins_the_new_ones(client, cast, regions,
                                                                                       campaign, standard):
    enterprise = EnterpriseFactory(unit=cast.unit_a)
    application = Application.objects.create(unit=cast.unit_a, campaign_year=campaign, standard=standard)
    assert "甲公司" in _listed(client, cast.county_admin_x)
    assert "甲公司" in _listed(client, cast.township_staff_x)
    assert "甲公司" not in _listed(client, cast.county_admin_y)

    _move(enterprise, by=cast.county_admin_x, name="甲公司", region=regions.county_y)

    assert "甲公司" not in _listed(client, cast.county_admin_x)
    assert "甲公司" not in _listed(client, cast.township_staff_x)
    assert "甲公司" in _listed(client, cast.county_admin_y)
    assert not application_list_for(user=cast.county_admin_x).filter(pk=application.pk).exists()
    assert application_list_for(user=cast.county_admin_y).filter(pk=application.pk).exists()
    assert "甲公司" in _listed(client, cast.city_admin)  # both counties are the city's


def test_a_unit_moved_into_a_township_is_listed_there(client, cast, regions, campaign, standard):
    enterprise = EnterpriseFactory(unit=cast.unit_b)
    Application.objects.create(unit=cast.unit_b, campaign_year=campaign, standard=standard)
    assert "乙公司" not in _listed(client, cast.township_staff_x)
    _move(enterprise, by=cast.county_admin_y, name="乙公司", region=regions.county_x, township=regions.township_x)
    assert "乙公司" in _listed(client, cast.township_staff_x)
    assert "乙公司" not in _listed(client, cast.county_admin_y)


def test_a_renamed_unit_is_listed_under_its_new_name(client, cast, regions, campaign, standard):
    enterprise = EnterpriseFactory(unit=cast.unit_a)
    Application.objects.create(unit=cast.unit_a, campaign_year=campaign, standard=standard)
    _move(enterprise, by=cast.county_admin_x, name="丙公司", region=regions.county_x, township=regions.township_x)
    assert Application.objects.get(unit=cast.unit_a).unit_name == "丙公司"


def test_every_way_of_writing_an_application_fills_its_units_copies(cast, regions, campaign, standard):
    created = Application.objects.create(unit_id=cast.unit_a.pk, campaign_year=campaign, standard=standard)
    unit_c = UnitFactory(name="丁公司", region=regions.county_y)
    bulk = Application.objects.bulk_create([
        Application(unit=cast.unit_b, campaign_year=campaign, standard=standard),
        Application(unit_id=unit_c.pk, campaign_year=campaign, standard=standard),
    ])
    rows = Application.objects.filter(pk__in=[created.pk, *(row.pk for row in bulk)]).order_by("pk")
    assert [(row.region_id, row.township_id, row.unit_name) for row in rows] == [
        (regions.county_x.pk, regions.township_x.pk, "甲公司"),
        (regions.county_y.pk, None, "乙公司"),
        (regions.county_y.pk, None, "丁公司"),
    ]
