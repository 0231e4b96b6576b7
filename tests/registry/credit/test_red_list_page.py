"""The region-wide 守法诚信红名单: the offices' list of their jurisdiction's entries, its filters and its Excel."""

import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from openpyxl import load_workbook

from apps.registry.credit.models import RedListEntry
from tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

HEADER = ("单位名称", "统一社会信用代码", "所属县(市、区)", "列入日期", "列入机关", "列入事由", "移出日期", "移出原因",
          "录入人")


def _entry(unit, by, *, listed_on, reason, ended_on=None, end_reason=""):
    enterprise = getattr(unit, "enterprise", None) or EnterpriseFactory(unit=unit)
    return RedListEntry.objects.create(enterprise=enterprise, listed_on=listed_on, listed_by="临汾市人社局",
                                       reason=reason, ended_on=ended_on, end_reason=end_reason, entered_by=by)


@pytest.fixture
def entries(cast):
    """Unit A (county X): listed in 2023, ended in 2024, listed again in 2025. Unit B (county Y): listed in 2024."""
    earlier = _entry(cast.unit_a, cast.city_admin, listed_on=datetime.date(2023, 6, 30), reason="首次列入事由",
                     ended_on=datetime.date(2024, 6, 30), end_reason="发生欠薪")
    current = _entry(cast.unit_a, cast.county_admin_x, listed_on=datetime.date(2025, 3, 1), reason="再次列入事由")
    other = _entry(cast.unit_b, cast.county_admin_y, listed_on=datetime.date(2024, 5, 1), reason="曲沃县列入事由")
    return earlier, current, other


def _page(client, user, query: str = "") -> str:
    client.force_login(user)
    response = client.get(reverse("registry:red_list") + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_county_office_sees_its_entries_in_force_with_a_link_to_the_unit(client, cast, entries):
    page = _page(client, cast.county_admin_x)
    assert "再次列入事由" in page and "首次列入事由" not in page, "ended entries are off the default view"
    assert f'href="{reverse("registry:unit_detail", args=[cast.unit_a.pk])}#red-list"' in page
    assert cast.unit_a.enterprise.uscc in page and "尧都区" in page and "2025-03-01" in page
    assert cast.city_admin.full_name not in page
    assert cast.city_admin.full_name in _page(client, cast.county_admin_x, "?state=all"), "who recorded the ended one"
    assert "曲沃县列入事由" not in page and "乙公司" not in page


def test_another_countys_office_sees_only_its_own_and_gets_404_on_the_unit(client, cast, entries):
    page = _page(client, cast.county_admin_y, "?state=all")
    assert "曲沃县列入事由" in page
    assert "首次列入事由" not in page and "再次列入事由" not in page and "甲公司" not in page
    assert client.get(reverse("registry:unit_detail", args=[cast.unit_a.pk])).status_code == 404
    assert "乙公司" not in _page(client, cast.city_admin_other, "?state=all")


@pytest.mark.parametrize("who", ["rep_a", "township_staff_x", "coordinator_x", "department_staff", "system_admin"])
def test_roles_without_the_list_get_403(client, cast, entries, who):
    client.force_login(getattr(cast, who))
    assert client.get(reverse("registry:red_list")).status_code == 403
    assert client.get(reverse("registry:red_list_export")).status_code == 403


def test_anonymous_users_are_sent_to_log_in(client, entries):
    response = client.get(reverse("registry:red_list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_city_filters_by_state_year_county_and_name_or_code(client, cast, regions, entries):
    earlier, current, other = entries
    texts = ("首次列入事由", "再次列入事由", "曲沃县列入事由")

    def shown(query):
        page = _page(client, cast.city_admin, query)
        return tuple(text for text in texts if text in page)

    assert shown("") == ("再次列入事由", "曲沃县列入事由")
    assert shown("?state=ended") == ("首次列入事由",)
    assert shown("?state=all") == texts
    assert shown("?state=all&year=2024") == ("曲沃县列入事由",)
    assert shown(f"?state=all&county={regions.county_x.pk}") == ("首次列入事由", "再次列入事由")
    assert shown("?state=all&q=乙公司") == ("曲沃县列入事由",)
    assert shown(f"?state=all&q={cast.unit_a.enterprise.uscc[-6:]}") == ("首次列入事由", "再次列入事由")
    assert shown(f"?state=all&county={regions.other_county.pk}") == texts, "a county outside is no filter"
    assert shown("?state=nonsense&year=abc") == ("再次列入事由", "曲沃县列入事由")
    assert 'name="county"' in _page(client, cast.city_admin)
    assert 'name="county"' not in _page(client, cast.county_admin_x), "a county office has one county"


def _workbook_rows(client, user, query: str = "") -> list[tuple]:
    client.force_login(user)
    response = client.get(reverse("registry:red_list_export") + query)
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_export_holds_the_filtered_rows_under_a_chinese_header_and_is_audited(client, cast, entries):
    rows = _workbook_rows(client, cast.city_admin, "?state=all&q=甲公司")
    assert rows[0] == HEADER
    body = sorted(rows[1:], key=lambda row: row[3])
    assert [(row[0], row[2], row[3].date(), row[5], row[6] and row[6].date(), row[7] or None) for row in body] == [
        ("甲公司", "尧都区", datetime.date(2023, 6, 30), "首次列入事由", datetime.date(2024, 6, 30), "发生欠薪"),
        ("甲公司", "尧都区", datetime.date(2025, 3, 1), "再次列入事由", None, None),
    ]
    assert body[0][1] == cast.unit_a.enterprise.uscc and body[0][8] == cast.city_admin.full_name
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=cast.city_admin).latest("timestamp")
    assert entry.changes["导出"][1] == "守法诚信红名单" and entry.changes["行数"][1] == "2"


def test_another_countys_export_holds_none_of_its_rows(client, cast, entries):
    rows = _workbook_rows(client, cast.county_admin_y, "?state=all")
    assert [row[0] for row in rows[1:]] == ["乙公司"]


def test_the_offices_find_the_red_list_in_the_menu(client, cast):
    client.force_login(cast.county_admin_x)
    assert reverse("registry:red_list") in client.get("/home/").content.decode()
    client.force_login(cast.coordinator_x)
    assert reverse("registry:red_list") not in client.get("/home/").content.decode()


def test_the_dashboard_leads_to_the_red_list(client, cast, entries):
    """The statistics dashboard, where the offices read their figures, leads to the red list (a link, no count)."""
    for office in (cast.county_admin_x, cast.city_admin):
        client.force_login(office)
        page = client.get(reverse("reports:dashboard")).content.decode()
        assert f'<a href="{reverse("registry:red_list")}">查看守法诚信红名单</a>' in page
