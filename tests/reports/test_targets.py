"""Target responsibility (目标责任制, seed 001 四(二), seed 003 三(五)): tasks per region and year with their
department, deadline and progress, and the indicators' actuals against targets on the dashboard."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from auditlog.models import LogEntry
from openpyxl import load_workbook

from apps.reports.models import Indicator, IndicatorValue, TargetTask, TaskStatus
from apps.reports.targets import target_figures

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(datetime.datetime(2026, 11, 20, 10, tzinfo=datetime.UTC), tick=False):
        yield


@pytest.fixture
def catalogue(regions):
    """Three of the Jilin document's indicators, listed by the province above the cast's city."""
    return [Indicator.objects.create(region=regions.province, name=name, max_value=cap, position=position)
            for position, (name, cap) in enumerate(
                (("劳动合同签订率", 100), ("劳动用工备案率", 100), ("职工群众上访下降率", None)), start=1)]


def _task(region, by, **fields):
    defaults = {"year": 2026, "title": "完成 4 家企业培育", "department": "县人社局",
                "deadline": datetime.date(2026, 12, 31)}
    return TargetTask.objects.create(region=region, assigned_by=by, **{**defaults, **fields})


def test_the_city_assigns_a_task_to_a_county_which_reports_its_progress(client, cast, regions):
    client.force_login(cast.city_admin)
    response = client.post("/reports/targets/new/", {
        "region": regions.county_x.pk, "year": 2026, "title": "每县培育和谐企业不少于 4 家", "department": "县人社局",
        "deadline": "2026-11-30", "progress": 0, "status": "planned", "progress_note": ""})
    assert response.status_code == 302
    task = TargetTask.objects.get()
    assert (task.region, task.assigned_by) == (regions.county_x, cast.city_admin)
    client.force_login(cast.county_admin_x)
    response = client.post(f"/reports/targets/{task.pk}/edit/", {
        "region": regions.county_x.pk, "year": 2026, "title": task.title, "department": "县人社局",
        "deadline": "2026-11-30", "progress": 50, "status": "ongoing", "progress_note": "已确定 2 家"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.progress, task.status, task.progress_note) == (50, TaskStatus.ONGOING, "已确定 2 家")
    assert LogEntry.objects.get_for_object(task).count() == 2
    page = client.get(f"/reports/targets/?region={regions.county_x.pk}&year=2026").content.decode()
    assert "每县培育和谐企业不少于 4 家" in page and "已确定 2 家" in page and "50%" in page


def test_done_needs_full_progress_and_the_input_stays(client, cast, regions):
    client.force_login(cast.county_admin_x)
    response = client.post("/reports/targets/new/", {
        "region": regions.county_x.pk, "year": 2026, "title": "建立调解组织", "department": "县总工会",
        "deadline": "2026-11-30", "progress": 80, "status": "done", "progress_note": "九成企业已建"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "完成进度须为 100%" in page and "九成企业已建" in page and "建立调解组织" in page
    response = client.post("/reports/targets/new/", {
        "region": regions.county_x.pk, "year": 2026, "title": "x", "department": "y", "deadline": "2026-11-30",
        "progress": 120, "status": "ongoing"})
    assert response.status_code == 400 and not TargetTask.objects.exists()


def test_another_countys_office_gets_404(client, cast, regions):
    task = _task(regions.county_x, cast.county_admin_x)
    client.force_login(cast.county_admin_y)
    assert client.get(f"/reports/targets/{task.pk}/edit/").status_code == 404
    assert client.get(f"/reports/targets/?region={regions.county_x.pk}").status_code == 404
    assert "完成 4 家企业培育" not in client.get("/reports/targets/").content.decode()
    response = client.post("/reports/targets/new/", {
        "region": regions.county_x.pk, "year": 2026, "title": "x", "department": "y", "deadline": "2026-11-30",
        "progress": 0, "status": "planned"})
    assert response.status_code == 400 and TargetTask.objects.count() == 1
    client.force_login(cast.city_admin_other)
    assert client.get(f"/reports/targets/{task.pk}/edit/").status_code == 404
    client.force_login(cast.coordinator_x)
    assert client.get("/reports/targets/").status_code == 403


def test_target_figures_count_tasks_and_name_the_indicators_behind(cast, regions, catalogue):
    contract, filing, petitions = catalogue
    _task(regions.county_x, cast.city_admin, deadline=datetime.date(2026, 6, 30))  # overdue
    _task(regions.county_x, cast.city_admin, progress=100, status=TaskStatus.DONE,
          deadline=datetime.date(2026, 6, 30))
    _task(regions.county_x, cast.city_admin)
    _task(regions.county_x, cast.city_admin, year=2025)
    IndicatorValue.objects.create(indicator=contract, region=regions.county_x, year=2026, target=95, actual=96)
    IndicatorValue.objects.create(indicator=filing, region=regions.county_x, year=2026, target=90, actual=85)
    figures = target_figures(regions.county_x, 2026)
    assert (figures.tasks, figures.done, figures.overdue, figures.open) == (3, 1, 1, 2)
    assert (figures.met, figures.unreported) == (1, 1)
    assert [(s.name, s.actual, s.target) for s in figures.behind] == [("劳动用工备案率", Decimal(85), Decimal(90))]
    assert target_figures(regions.county_y, 2026).tasks == 0
    assert target_figures(regions.other_county, 2026).indicators == []  # another province lists none


def test_the_city_dashboard_shows_which_indicator_each_county_is_behind_on(client, cast, regions, catalogue):
    contract, filing, _petitions = catalogue
    IndicatorValue.objects.create(indicator=filing, region=regions.county_y, year=2026, target=90, actual=85)
    IndicatorValue.objects.create(indicator=contract, region=regions.county_x, year=2026, target=95, actual=96)
    _task(regions.county_x, cast.city_admin, deadline=datetime.date(2026, 6, 30))
    client.force_login(cast.city_admin)
    response = client.get(f"/reports/dashboard/?region={regions.city.pk}&year=2026")
    rows = {f.region.name: f for f in response.context["target_figures"]}
    assert [s.name for s in rows["曲沃县"].behind] == ["劳动用工备案率"] and rows["尧都区"].behind == []
    assert rows["尧都区"].overdue == 1
    page = response.content.decode()
    assert "目标责任完成情况" in page and "劳动用工备案率" in page and "检查督导" in page
    client.force_login(cast.county_admin_x)
    response = client.get("/reports/dashboard/?year=2026")
    assert [f.region.name for f in response.context["target_figures"]] == ["尧都区"]


def test_the_export_lists_the_regions_tasks(client, cast, regions):
    _task(regions.county_x, cast.city_admin, deadline=datetime.date(2026, 6, 30))
    _task(regions.county_y, cast.city_admin, title="曲沃县的任务")
    client.force_login(cast.county_admin_x)
    response = client.get("/reports/targets/export.xlsx?year=2026")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    texts = [" ".join(str(c) for c in row if c is not None) for row in rows]
    assert any("完成 4 家企业培育" in t and "逾期" in t for t in texts)
    assert not any("曲沃县的任务" in t for t in texts)
