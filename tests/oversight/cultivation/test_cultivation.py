import pytest

from apps.oversight.cultivation.models import CultivationQuota, CultivationTarget, GuidanceVisit
from apps.registry.coordinators.models import Coordinator
from apps.registry.units.models import UnitKind
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator_record(cast, regions):
    return Coordinator.objects.create(full_name="王协调", region=regions.county_x, user=cast.coordinator_x)


def test_county_selects_a_target_with_a_coordinator_who_logs_a_visit(client, cast, coordinator_record):
    client.force_login(cast.county_admin_x)
    response = client.post("/cultivation/targets/new/", {
        "unit": "甲公司", "year": 2025, "coordinator": coordinator_record.pk, "goal": "建立集体协商机制"})
    assert response.status_code == 302
    target = CultivationTarget.objects.get()
    assert cast.unit_a in coordinator_record.units.all()
    client.force_login(cast.coordinator_x)
    response = client.post(f"/cultivation/targets/{target.pk}/", {
        "visited_on": "2025-04-01", "topic": "工资集体协商", "findings": "尚未签订集体合同",
        "next_step": "五月召开职代会"})
    assert response.status_code == 302
    assert GuidanceVisit.objects.get().logged_by == cast.coordinator_x


def test_a_duplicate_target_gets_a_message(client, cast):
    client.force_login(cast.county_admin_x)
    data = {"unit": "甲公司", "year": 2025}
    client.post("/cultivation/targets/new/", data)
    response = client.post("/cultivation/targets/new/", data)
    assert response.status_code == 400
    assert "已是 2025 年的培育对象" in response.content.decode()


def test_quota_fulfilment_per_county_follows_the_city_setting(client, cast, regions):
    for _ in range(4):
        CultivationTarget.objects.create(unit=UnitFactory(region=regions.county_x), year=2025,
                                         selected_by=cast.county_admin_x)
    CultivationTarget.objects.create(unit=UnitFactory(region=regions.county_x, kind=UnitKind.PARK), year=2025,
                                     selected_by=cast.county_admin_x)
    client.force_login(cast.city_admin)
    rows = {f.county.name: f for f in client.get("/cultivation/?year=2025").context["fulfilment"]}
    assert rows["尧都区"].met and not rows["曲沃县"].met
    assert client.post("/cultivation/quota/", {"min_enterprises": 5, "min_areas": 1}).status_code == 302
    assert CultivationQuota.objects.get(city=regions.city).min_enterprises == 5
    rows = {f.county.name: f for f in client.get("/cultivation/?year=2025").context["fulfilment"]}
    assert not rows["尧都区"].met


def test_other_county_targets_are_404_and_strangers_cannot_log_visits(client, cast, regions):
    target = CultivationTarget.objects.create(unit=cast.unit_a, year=2025, selected_by=cast.county_admin_x)
    client.force_login(cast.county_admin_y)
    assert client.get(f"/cultivation/targets/{target.pk}/").status_code == 404
    client.force_login(cast.coordinator_x)  # not this target's coordinator
    response = client.post(f"/cultivation/targets/{target.pk}/", {"visited_on": "2025-04-01", "topic": "x",
                                                                  "findings": "y"})
    assert response.status_code == 403
    client.force_login(cast.county_admin_x)
    assert client.post("/cultivation/quota/", {"min_enterprises": 1, "min_areas": 1}).status_code == 403
    client.logout()
    assert client.get("/cultivation/").status_code == 302


def _ledger_data(regions, **overrides) -> dict:
    data = {"full_name": "王协调", "phone": "13900000000", "region": regions.county_x.pk, "units_text": ""}
    data.update(overrides)
    return data


def test_the_county_links_a_ledger_entry_to_the_coordinators_account(client, cast, regions):
    client.force_login(cast.county_admin_x)
    form = client.get("/coordinators/new/").content.decode()
    assert "平台账号" in form and "coordinator_x" in form
    response = client.post("/coordinators/new/", _ledger_data(regions, user=cast.coordinator_x.pk))
    assert response.status_code == 302
    assert Coordinator.objects.get().user == cast.coordinator_x
    assert "<td>coordinator_x</td>" in client.get("/coordinators/").content.decode()
    response = client.post("/coordinators/new/", _ledger_data(regions, full_name="李协调", user=cast.rep_a.pk))
    assert response.status_code == 400 and "选择一个有效的选项" in response.content.decode()
    assert 'value="李协调"' in response.content.decode()


def test_an_account_is_linked_to_one_ledger_entry_only(client, cast, regions, coordinator_record):
    client.force_login(cast.county_admin_x)
    response = client.post("/coordinators/new/", _ledger_data(regions, full_name="李协调", user=cast.coordinator_x.pk))
    assert response.status_code == 400 and "该账号已关联台账中的协调员“王协调”" in response.content.decode()


def test_another_county_cannot_link_this_countys_coordinator(client, cast, regions):
    client.force_login(cast.county_admin_y)
    response = client.post("/coordinators/new/", _ledger_data(regions, region=regions.county_y.pk,
                                                               user=cast.coordinator_x.pk))
    assert response.status_code == 400
    assert not Coordinator.objects.exists()


def test_a_linked_coordinator_logs_visits_to_their_units_as_themselves(client, cast, regions, coordinator_record):
    from django.utils import timezone

    year = timezone.localdate().year
    coordinator_record.units.add(cast.unit_a)  # assigned in the ledger, not named on the target
    mine = CultivationTarget.objects.create(unit=cast.unit_a, year=year, selected_by=cast.county_admin_x)
    other = CultivationTarget.objects.create(unit=UnitFactory(region=regions.county_x, name="乙公司"), year=year,
                                             selected_by=cast.county_admin_x)
    client.force_login(cast.coordinator_x)
    home = client.get("/home/").content.decode()
    assert f'href="/cultivation/targets/{mine.pk}/"' in home and "乙公司" not in home
    assert "记录一次指导" in client.get(f"/cultivation/targets/{mine.pk}/").content.decode()
    visit = {"visited_on": timezone.localdate().isoformat(), "topic": "劳动合同", "findings": "签订率偏低"}
    assert client.post(f"/cultivation/targets/{mine.pk}/", visit).status_code == 302
    assert GuidanceVisit.objects.get().logged_by == cast.coordinator_x
    assert "记录一次指导" not in client.get(f"/cultivation/targets/{other.pk}/").content.decode()
    assert client.post(f"/cultivation/targets/{other.pk}/", visit).status_code == 403
    coordinator_record.user = None
    coordinator_record.save()
    assert client.post(f"/cultivation/targets/{mine.pk}/", visit).status_code == 403
