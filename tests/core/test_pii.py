"""Personal data (PIPL): contacts masked except for those who need them, shown in full by a logged action."""

import io

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from openpyxl import load_workbook

from apps.core.pii import mask_name, mask_phone

from ..factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

NAME, PHONE = "张三丰", "13812345678"


def test_names_and_phones_are_masked_in_one_way():
    assert mask_name(NAME) == "张**" and mask_name("李") == "李**" and mask_name("") == ""
    assert mask_phone(PHONE) == "138****5678"
    assert mask_phone("0357-1234567") == "035****4567"
    assert mask_phone("12345") == "****" and mask_phone("") == ""


@pytest.fixture
def enterprise(cast):
    return EnterpriseFactory(unit=cast.unit_a, contact_name=NAME, contact_phone=PHONE)


def _page(client, user, unit):
    client.force_login(user)
    return client.get(reverse("registry:unit_detail", args=[unit.pk]))


@pytest.mark.parametrize("who", ["city_admin", "coordinator_x", "township_staff_x"])
def test_staff_who_do_not_need_the_contacts_see_them_masked(client, cast, enterprise, who):
    page = _page(client, getattr(cast, who), cast.unit_a).content.decode()
    assert "张**" in page and "138****5678" in page
    assert NAME not in page and PHONE not in page
    assert "显示完整信息" in page


@pytest.mark.parametrize("who", ["county_admin_x", "rep_a"])
def test_the_county_office_and_the_unit_itself_see_the_contacts_in_full(client, cast, enterprise, who):
    page = _page(client, getattr(cast, who), cast.unit_a).content.decode()
    assert NAME in page and PHONE in page and "显示完整信息" not in page


def test_showing_the_contacts_in_full_is_a_logged_post(client, cast, enterprise):
    client.force_login(cast.city_admin)
    url = reverse("registry:unit_contact_reveal", args=[cast.unit_a.pk])
    assert client.get(url).status_code == 405
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()
    page = client.post(url, REMOTE_ADDR="198.51.100.4")
    assert page.status_code == 200 and NAME in page.content.decode() and PHONE in page.content.decode()
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS)
    assert entry.actor == cast.city_admin and entry.object_id == cast.unit_a.pk
    assert entry.remote_addr == "198.51.100.4" and "显示完整信息" in entry.changes
    assert entry.scope.region_id == cast.unit_a.region_id
    assert "no-store" in page["Cache-Control"]


def _exported_contacts(client, user, unit_name: str = "甲公司") -> tuple[list, LogEntry]:
    client.force_login(user)
    response = client.get(reverse("registry:unit_export"))
    assert "no-store" in response["Cache-Control"]
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header = rows[0]
    contacts = [(row[header.index("联系人")], row[header.index("联系电话")]) for row in rows[1:]
                if row[0] == unit_name]
    return contacts, LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=user).latest("timestamp")


def test_exports_mask_the_contacts_for_staff_who_do_not_need_them_and_are_recorded(client, cast, enterprise):
    contacts, entry = _exported_contacts(client, cast.city_admin)
    assert contacts == [("张**", "138****5678")]
    assert entry.changes["导出"][1] == "单位名录" and entry.changes["行数"][1] == "2"  # 甲公司, 乙公司
    assert entry.scope.region_id == cast.city_admin.memberships.get().region_id

    contacts, entry = _exported_contacts(client, cast.county_admin_x)
    assert contacts == [(NAME, PHONE)]
    assert entry.changes["行数"][1] == "1"


def test_pages_and_files_with_personal_data_are_not_stored_by_caches(client, cast, regions, settings, tmp_path):
    from ..access_world import build_world

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    world = build_world(cast, regions)["X"]
    client.force_login(cast.county_admin_x)
    for url in (reverse("registry:unit_detail", args=[cast.unit_a.pk]), reverse("registry:unit_list"),
                reverse("assessments:evidence_download", args=[world["application"], world["evidence"]]),
                reverse("reviews:photo", args=[world["photo"]]),
                reverse("risks:attachment", args=[world["risk_attachment"]])):
        response = client.get(url)
        assert response.status_code == 200 and "no-store" in response["Cache-Control"], url


def test_the_city_reads_who_showed_or_exported_personal_data_in_its_audit_viewer(client, cast, enterprise):
    client.force_login(cast.coordinator_x)
    client.post(reverse("registry:unit_contact_reveal", args=[cast.unit_a.pk]))
    client.get(reverse("registry:unit_export"))
    client.force_login(cast.city_admin)
    page = client.get(reverse("audit:list")).content.decode()
    assert page.count("coordinator_x") >= 2
    assert "显示完整信息" in page and "单位名录" in page and "行数" in page
