"""Applications filed on a unit's behalf (帮办代办): the application list's filter and its Excel export."""

import io

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from openpyxl import load_workbook

from apps.applications.assessments.models import Application
from apps.applications.workflow.states import Status

pytestmark = pytest.mark.django_db

HEADER = ("单位名称", "统一社会信用代码", "所属县(市、区)", "所属乡镇(街道)", "年度", "申报类型", "状态", "版次",
          "帮办代办", "代办人", "代办原因")


@pytest.fixture
def filings(cast, regions, campaign, standard):
    """Unit A's application filed on its behalf by the township office; unit B's filed by itself."""
    behalf = Application.objects.create(unit=cast.unit_a, campaign_year=campaign, standard=standard,
                                        status=Status.DRAFT, on_behalf=True, filed_by=cast.township_staff_x,
                                        on_behalf_reason="企业无专职人员")
    own = Application.objects.create(unit=cast.unit_b, campaign_year=campaign, standard=standard,
                                     status=Status.DRAFT)
    return behalf, own


def test_the_offices_list_only_the_applications_filed_on_behalf(client, cast, filings):
    client.force_login(cast.city_admin)
    everything = client.get(reverse("assessments:list")).content.decode()
    assert "甲公司" in everything and "乙公司" in everything
    page = client.get(reverse("assessments:list") + "?on_behalf=1").content.decode()
    assert "甲公司" in page and "乙公司" not in page and "帮办代办" in page
    assert reverse("assessments:export") + "?on_behalf=1" in page


def _rows(client, user, query="?on_behalf=1") -> list[tuple]:
    client.force_login(user)
    response = client.get(reverse("assessments:export") + query)
    assert response.status_code == 200
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_export_holds_the_filtered_rows_with_who_filed_and_why(client, cast, filings):
    rows = _rows(client, cast.county_admin_x)
    assert rows[0] == HEADER
    assert [(row[0], row[2], row[3], row[8], row[9], row[10]) for row in rows[1:]] == [
        ("甲公司", "尧都区", "解放路街道", "是", str(cast.township_staff_x), "企业无专职人员")]
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=cast.county_admin_x).latest("timestamp")
    assert entry.changes["导出"][1] == "帮办代办申报" and entry.changes["行数"][1] == "1"
    assert sorted(row[0] for row in _rows(client, cast.city_admin, "")[1:]) == sorted(["乙公司", "甲公司"])


def test_another_countys_staff_export_none_of_its_rows_and_a_unit_gets_403(client, cast, filings):
    assert _rows(client, cast.county_admin_y)[1:] == []
    client.force_login(cast.rep_a)
    assert client.get(reverse("assessments:export")).status_code == 403
    assert "导出 Excel" not in client.get(reverse("assessments:list")).content.decode()
