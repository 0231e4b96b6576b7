import datetime
import io

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from apps.oversight.supervision import views
from apps.oversight.supervision.models import ItemStatus, RectificationItem, SupervisionVisit, VisitKind
from apps.oversight.supervision.selectors import supervision_figures

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, tzinfo=datetime.UTC), tick=False):
        yield


def _visit(regions, cast, *, region=None, supervisor=None, on=datetime.date(2026, 11, 10)):
    return SupervisionVisit.objects.create(
        supervisor=supervisor or regions.city, region=region or regions.county_x, visited_on=on,
        kind=VisitKind.SPOT, participants="市人社局、市总工会", findings="创建台账不全", recorded_by=cast.city_admin)


def _item(visit, *, deadline=datetime.date(2026, 11, 30), responsible=None, **fields):
    return RectificationItem.objects.create(visit=visit, description="补齐创建台账", deadline=deadline,
                                            responsible=responsible or visit.region, **fields)


def test_the_city_records_a_spot_check_of_a_county_with_a_rectification_item(client, cast, regions):
    client.force_login(cast.city_admin)
    form = client.get("/supervision/new/").content.decode()
    assert "尧都区" in form and "曲沃县" in form and "解放路街道" not in form  # the level below only
    response = client.post("/supervision/new/", {
        "region": regions.county_x.pk, "visited_on": "2026-11-10", "kind": "spot",
        "participants": "市人社局、市总工会、市企联", "findings": "部分企业自评材料不全"})
    assert response.status_code == 302
    visit = SupervisionVisit.objects.get()
    assert (visit.supervisor, visit.region, visit.recorded_by) == (regions.city, regions.county_x, cast.city_admin)
    response = client.post(f"/supervision/{visit.pk}/", {
        "description": "补齐 3 家企业自评材料", "deadline": "2026-11-30", "responsible": regions.county_x.pk})
    assert response.status_code == 302
    page = client.get(f"/supervision/{visit.pk}/").content.decode()
    assert "补齐 3 家企业自评材料" in page and "上级抽查" in page and "整改中" in page
    assert LogEntry.objects.filter(object_repr__contains="补齐").exists()


def test_a_bad_visit_keeps_what_was_typed_and_says_why_in_chinese(client, cast, regions):
    client.force_login(cast.city_admin)
    response = client.post("/supervision/new/", {
        "region": regions.county_x.pk, "visited_on": "2026-12-01", "kind": "spot",
        "participants": "市人社局", "findings": "材料不全的说明"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "督导日期不能晚于今天" in page and "材料不全的说明" in page
    response = client.post("/supervision/new/", {"region": regions.other_county.pk, "visited_on": "2026-11-01",
                                                  "kind": "spot", "participants": "x", "findings": "y"})
    assert response.status_code == 400 and not SupervisionVisit.objects.exists()


def test_a_deadline_before_the_visit_is_refused(client, cast, regions):
    visit = _visit(regions, cast)
    client.force_login(cast.city_admin)
    response = client.post(f"/supervision/{visit.pk}/", {
        "description": "整改", "deadline": "2026-11-01", "responsible": regions.county_x.pk})
    assert response.status_code == 400 and "整改期限不能早于督导日期" in response.content.decode()


def test_the_county_reports_and_the_city_accepts_the_closing(client, cast, regions):
    item = _item(_visit(regions, cast))
    client.force_login(cast.county_admin_x)
    assert client.post(f"/supervision/items/{item.pk}/decide/", {"action": "accept"}).status_code == 403
    response = client.post(f"/supervision/items/{item.pk}/", {"measures": "已补齐台账", "rectified_on": "2026-11-18"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.reported_by) == (ItemStatus.REPORTED, cast.county_admin_x)
    client.force_login(cast.city_admin)
    assert client.post(f"/supervision/items/{item.pk}/", {"measures": "x", "rectified_on": "2026-11-18"}
                       ).status_code == 403  # the supervisor does not report for the county
    response = client.post(f"/supervision/items/{item.pk}/decide/", {"action": "accept", "comment": "台账齐全"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.status, item.closed_on, item.closed_by) == (ItemStatus.CLOSED, TODAY, cast.city_admin)
    page = client.get(f"/supervision/items/{item.pk}/").content.decode()
    assert "已验收销号" in page and "已补齐台账" in page


def test_a_return_needs_a_comment_and_sends_the_item_back(client, cast, regions):
    item = _item(_visit(regions, cast), status=ItemStatus.REPORTED, measures="已整改")
    client.force_login(cast.city_admin)
    response = client.post(f"/supervision/items/{item.pk}/decide/", {"action": "return", "comment": ""})
    assert response.status_code == 400 and "退回整改须写明验收意见" in response.content.decode()
    assert client.post(f"/supervision/items/{item.pk}/decide/", {"action": "return", "comment": "缺少证明材料"}
                       ).status_code == 302
    item.refresh_from_db()
    assert item.status == ItemStatus.OPEN and item.review_comment == "缺少证明材料"


def test_a_refusal_by_the_service_is_shown_once(client, cast, regions, monkeypatch):
    """Another supervisor decided first (the item is no longer reported when the service locks it): the form says
    so once, above its fields."""
    def decided_meanwhile(**kwargs):
        raise ValidationError("只有已报告整改的事项才能验收销号。")

    monkeypatch.setattr(views, "rectification_accept", decided_meanwhile)
    item = _item(_visit(regions, cast), status=ItemStatus.REPORTED, measures="已整改")
    client.force_login(cast.city_admin)
    response = client.post(f"/supervision/items/{item.pk}/decide/", {"action": "accept", "comment": ""})
    assert response.status_code == 400
    assert response.content.decode().count("只有已报告整改的事项才能验收销号。") == 1


def test_another_countys_staff_get_404(client, cast, regions):
    visit = _visit(regions, cast)
    item = _item(visit)
    client.force_login(cast.county_admin_y)
    assert client.get(f"/supervision/{visit.pk}/").status_code == 404
    assert client.get(f"/supervision/items/{item.pk}/").status_code == 404
    assert client.post(f"/supervision/items/{item.pk}/", {"measures": "x", "rectified_on": "2026-11-18"}
                       ).status_code == 404
    assert "补齐创建台账" not in client.get("/supervision/items/").content.decode()
    client.force_login(cast.city_admin_other)
    assert client.get(f"/supervision/{visit.pk}/").status_code == 404
    assert client.post(f"/supervision/items/{item.pk}/decide/", {"action": "accept"}).status_code == 404
    client.force_login(cast.county_admin_x)
    assert client.get(f"/supervision/{visit.pk}/").status_code == 200
    assert client.get("/supervision/new/").status_code == 200  # a county supervises its townships
    client.force_login(cast.rep_a)
    assert client.get("/supervision/").status_code == 403


def test_overdue_open_items_show_on_the_supervised_offices_workbench(client, cast, regions):
    visit = _visit(regions, cast, on=datetime.date(2026, 10, 1))
    _item(visit, deadline=datetime.date(2026, 11, 1))
    reported = _item(visit, deadline=datetime.date(2026, 11, 1), status=ItemStatus.REPORTED)  # not overdue
    not_due = _item(visit, deadline=datetime.date(2026, 12, 1))
    RectificationItem.objects.filter(pk=reported.pk).update(description="已报告的事项")
    RectificationItem.objects.filter(pk=not_due.pk).update(description="尚未到期的事项")
    client.force_login(cast.county_admin_x)
    page = client.get("/home/").content.decode()
    assert "逾期未整改事项" in page and "补齐创建台账" in page
    assert "尚未到期的事项" not in page and "已报告的事项" not in page
    client.force_login(cast.county_admin_y)
    assert "补齐创建台账" not in client.get("/home/").content.decode()
    client.force_login(cast.city_admin)
    page = client.get("/home/").content.decode()
    assert "待验收的整改事项" in page and "已报告的事项" in page
    client.force_login(cast.county_admin_x)
    listed = client.get("/supervision/items/?state=overdue&mine=1").content.decode()
    assert "补齐创建台账" in listed and "尚未到期的事项" not in listed and "已报告的事项" not in listed


def test_a_township_office_sees_its_own_overdue_item(client, cast, regions):
    visit = _visit(regions, cast, supervisor=regions.county_x, region=regions.township_x,
                   on=datetime.date(2026, 10, 1))
    _item(visit, deadline=datetime.date(2026, 10, 31))
    client.force_login(cast.township_staff_x)
    assert "补齐创建台账" in client.get("/home/").content.decode()


def test_the_export_lists_each_item_with_its_visit(client, cast, regions):
    visit = _visit(regions, cast)
    _item(visit, status=ItemStatus.CLOSED, closed_on=TODAY, closed_by=cast.city_admin, measures="已整改")
    _visit(regions, cast, region=regions.county_y)
    client.force_login(cast.county_admin_x)
    response = client.get("/supervision/export.xlsx?year=2026")
    assert response.status_code == 200
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    texts = [" ".join(str(c) for c in row if c is not None) for row in rows]
    assert any("尧都区" in t and "补齐创建台账" in t and "已验收销号" in t for t in texts)
    assert not any("曲沃县" in t for t in texts)


def test_supervision_figures_count_visits_and_items_of_the_year(cast, regions):
    visit = _visit(regions, cast)
    _item(visit, deadline=datetime.date(2026, 11, 15))  # overdue
    _item(visit, status=ItemStatus.CLOSED, closed_on=TODAY, closed_by=cast.city_admin)
    _item(visit, status=ItemStatus.REPORTED)
    township_visit = _visit(regions, cast, supervisor=regions.county_x, region=regions.township_x)
    SupervisionVisit.objects.filter(pk=township_visit.pk).update(kind=VisitKind.JOINT)
    _visit(regions, cast, on=datetime.date(2025, 11, 10))  # another year
    city = supervision_figures(regions.city, 2026)
    assert (city.visits, city.visits_made, city.items, city.closed, city.reported, city.overdue) == (2, 1, 3, 1, 1, 1)
    assert city.by_kind == {"联合督导": 1, "上级抽查": 1}
    county = supervision_figures(regions.county_x, 2026)
    assert (county.visits, county.visits_made, county.visits_received) == (2, 1, 1)
    assert supervision_figures(regions.county_y, 2026).visits == 0
    past = supervision_figures(regions.city, 2025)
    assert (past.visits, past.items, past.as_of) == (1, 0, datetime.date(2025, 12, 31))
