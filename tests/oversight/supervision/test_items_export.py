"""Rectification items as Excel, with the item list's filters: the viewer's own items only, recorded."""

import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from openpyxl import load_workbook

from apps.oversight.supervision.models import ItemStatus, RectificationItem, SupervisionVisit, VisitKind

pytestmark = pytest.mark.django_db

HEADER = ("整改事项", "责任单位", "整改期限", "状态", "是否逾期", "督导日期", "督导单位", "被督导地区", "督导方式",
          "整改情况", "整改完成日期", "销号日期", "验收人", "验收意见")


@pytest.fixture
def items(cast, regions):
    """The city's spot check of 尧都区 with an overdue item and a closed one; one of 曲沃县."""
    made = []
    for county, texts in ((regions.county_x, ("台账不全", "制度未公示")), (regions.county_y, ("曲沃县事项",))):
        visit = SupervisionVisit.objects.create(supervisor=regions.city, region=county,
                                                visited_on=datetime.date(2025, 3, 1), kind=VisitKind.SPOT,
                                                participants="市人社局", findings="问题", recorded_by=cast.city_admin)
        for n, text in enumerate(texts):
            closed = {"status": ItemStatus.CLOSED, "closed_on": datetime.date(2025, 6, 1),
                      "closed_by": cast.city_admin} if n else {}
            made.append(RectificationItem.objects.create(
                visit=visit, description=text, responsible=county, deadline=datetime.date(2025, 6, 30), **closed))
    return made


def _rows(client, user, query="") -> list[tuple]:
    client.force_login(user)
    response = client.get(reverse("supervision:items_export") + query)
    assert response.status_code == 200
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_export_follows_the_lists_filter_and_is_recorded(client, cast, items):
    rows = _rows(client, cast.county_admin_x, "?state=overdue")
    assert rows[0] == HEADER
    assert [(row[0], row[1], row[4], row[6], row[7]) for row in rows[1:]] == [
        ("台账不全", "尧都区", "是", "临汾市", "尧都区")]
    assert sorted(row[0] for row in _rows(client, cast.county_admin_x)[1:]) == ["制度未公示", "台账不全"]
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=cast.county_admin_x).latest("timestamp")
    assert entry.changes["导出"][1] == "整改事项" and entry.changes["行数"][1] == "2"


def test_the_city_exports_every_county_another_county_only_its_own_and_a_unit_gets_403(client, cast, items):
    assert len(_rows(client, cast.city_admin)) == 4
    assert [row[0] for row in _rows(client, cast.county_admin_y)[1:]] == ["曲沃县事项"]
    client.force_login(cast.rep_a)
    assert client.get(reverse("supervision:items_export")).status_code == 403
