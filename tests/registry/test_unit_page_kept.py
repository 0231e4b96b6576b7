"""The unit page's parts alike for every viewer (coordinators, credit record, history) are kept per unit
(registry/unit_page.py): each change that shows on the page drops them, and who may open the page, and with which
buttons, is read for each request, never from the cache."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.oversight.cultivation.services import cultivation_target_create
from apps.registry.coordinators.services import coordinator_save
from apps.registry.credit.services import credit_evaluation_create, red_list_entry_create, red_list_entry_end
from apps.registry.enterprises.services import EnterpriseData, enterprise_create, enterprise_update
from apps.registry.models import UnitEventAction
from apps.registry.parks.models import ServiceStation
from apps.registry.parks.services import park_create
from apps.registry.services import unit_event_record
from tests.factories import EnterpriseFactory
from tests.registry.helpers import code

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


@pytest.fixture
def enterprise(cast):
    return EnterpriseFactory(unit=cast.unit_a, credit_grade="B")


@pytest.fixture
def page(client, cast, enterprise):
    """The county admin's view of 甲公司's page, kept by a first request."""
    client.force_login(cast.county_admin_x)
    url = reverse("registry:unit_detail", args=[cast.unit_a.pk])

    def get() -> str:
        response = client.get(url)
        assert response.status_code == 200
        return response.content.decode()

    get()
    return get


def _unmasked(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


def _coordinator(cast, regions, name="赵协调", units=()):
    return coordinator_save(coordinator=None, data={"full_name": name, "region": regions.county_x},
                            units=list(units), by=cast.county_admin_x)


def test_a_kept_unit_page_reads_only_the_unit_with_the_viewers_access(client, cast, regions, enterprise):
    _coordinator(cast, regions, units=[cast.unit_a])
    credit_evaluation_create(enterprise=enterprise, grade="A", evaluated_on=TODAY, evaluated_by="人社局",
                             by=cast.city_admin)
    client.force_login(cast.county_admin_x)
    url = reverse("registry:unit_detail", args=[cast.unit_a.pk])
    first = client.get(url).content.decode()
    with CaptureQueriesContext(connection) as captured:
        kept = client.get(url).content.decode()
    queries = [query["sql"] for query in captured.captured_queries if "SAVEPOINT" not in query["sql"]]
    assert len(queries) == 1, "\n".join(queries)
    assert "赵协调" in kept and "A级" in kept
    assert _unmasked(kept) == _unmasked(first)


def test_a_history_entry_shows_on_the_kept_page(cast, page):
    assert "核验通过" not in page().split("变更记录")[1]
    unit_event_record(unit=cast.unit_a, action=UnitEventAction.VERIFIED, actor=cast.county_admin_x)
    assert "核验通过" in page().split("变更记录")[1]


def test_a_credit_evaluation_shows_on_the_kept_page(cast, enterprise, page):
    assert "十堰市人社局" not in page()
    credit_evaluation_create(enterprise=enterprise, grade="A", evaluated_on=TODAY, evaluated_by="十堰市人社局",
                             by=cast.city_admin)
    assert "十堰市人社局" in page()


def test_the_registered_grade_changed_shows_on_the_kept_page(enterprise, page):
    assert "B级" in page().replace(" ", "")
    enterprise.credit_grade = "C"
    enterprise.save()  # as the admin site saves it, without a history entry
    assert "C级" in page().replace(" ", "")


def test_a_red_list_entry_listed_and_ended_shows_on_the_kept_page(cast, enterprise, page):
    assert "在红名单中" not in page().replace("不在红名单中", "")
    entry = red_list_entry_create(enterprise=enterprise, listed_on=TODAY - datetime.timedelta(days=10),
                                  listed_by="人社局", reason="守法诚信", by=cast.city_admin)
    assert "在红名单中" in page().replace("不在红名单中", "")
    red_list_entry_end(entry=entry, ended_on=TODAY, end_reason="发生欠薪", by=cast.city_admin)
    assert "发生欠薪" in page()


def test_a_coordinator_assigned_renamed_and_deleted_shows_on_the_kept_page(cast, regions, page):
    coordinator = _coordinator(cast, regions, units=[cast.unit_a])
    assert "赵协调" in page()
    coordinator.full_name = "钱协调"
    coordinator.save()
    assert "钱协调" in page() and "赵协调" not in page()
    coordinator.delete()
    assert "钱协调" not in page()


def test_a_coordinator_given_the_unit_elsewhere_shows_on_the_kept_page(cast, regions, page):
    coordinator = _coordinator(cast, regions, name="孙协调")
    assert "孙协调" not in page()
    cultivation_target_create(unit=cast.unit_a, year=TODAY.year, coordinator=coordinator, goal="建立协商机制",
                              by=cast.county_admin_x)
    assert "孙协调" in page()
    cast.unit_a.coordinators.clear()
    assert "孙协调" not in page()


def test_an_actor_renamed_shows_on_the_kept_page(cast, page):
    unit_event_record(unit=cast.unit_a, action=UnitEventAction.UPDATED, actor=cast.township_staff_x)
    assert cast.township_staff_x.full_name in page()
    cast.township_staff_x.full_name = "改名后的经办人"
    cast.township_staff_x.save()
    assert "改名后的经办人" in page()


def test_another_countys_admin_gets_404_also_once_the_page_is_kept(client, cast, page):
    page()
    client.force_login(cast.county_admin_y)
    assert client.get(reverse("registry:unit_detail", args=[cast.unit_a.pk])).status_code == 404
    assert client.post(reverse("registry:unit_contact_reveal", args=[cast.unit_a.pk])).status_code == 404


def test_the_kept_page_keeps_no_admins_buttons_for_a_reviewer(client, cast, page):
    assert "录入诚信等级评价" in page()
    client.force_login(next(iter(cast.reviewers_x.values())))
    html = client.get(reverse("registry:unit_detail", args=[cast.unit_a.pk])).content.decode()
    assert "甲公司" in html and "录入诚信等级评价" not in html


@pytest.fixture
def park_page(client, cast, regions):
    """The county admin's view of a township's page (its stations and the enterprises within it), kept."""
    park = park_create(name="解放路街道", region=regions.county_x, area_kind="street", area_region=regions.township_x,
                       by=None)
    client.force_login(cast.county_admin_x)
    url = reverse("registry:unit_detail", args=[park.pk])

    def get() -> str:
        response = client.get(url)
        assert response.status_code == 200
        return response.content.decode()

    assert "新登记公司" not in get()
    return park, get


def test_a_service_station_shows_on_the_kept_township_page(park_page):
    park, page = park_page
    # Saved as the admin site saves it (station_add also writes a history entry).
    ServiceStation(park=park, name="第一服务站", address="解放路 1 号", staff="王", services="咨询").save()
    assert "第一服务站" in page()


def test_an_enterprise_added_in_the_township_shows_on_its_kept_page(regions, park_page):
    _park, page = park_page
    enterprise_create(data=EnterpriseData(name="新登记公司", uscc=code(7001), region=regions.county_x,
                                          township=regions.township_x), by=None)
    assert "新登记公司" in page()


def test_an_enterprise_leaving_the_park_leaves_its_kept_page(cast, regions, park_page):
    park, page = park_page
    enterprise = enterprise_create(data=EnterpriseData(name="园区公司", uscc=code(7002), region=regions.county_x,
                                                       profile={"park": park}), by=None)
    assert "园区公司" in page()
    enterprise_update(enterprise=enterprise, by=cast.county_admin_x, data=EnterpriseData(
        name="园区公司", uscc=enterprise.uscc, region=regions.county_x, profile={"park": None}))
    assert "园区公司" not in page()
