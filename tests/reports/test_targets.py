"""Target responsibility (目标责任制, seed 001 四(二), seed 003 三(五)): tasks per region and year with their
department, deadline and progress, and the indicators' actuals against targets on the dashboard."""

import datetime
import io
from decimal import Decimal

import pytest
import time_machine
from auditlog.models import LogEntry
from openpyxl import load_workbook

from apps.accounts.models import Role
from apps.regions.models import RegionLevel
from apps.reports.models import Indicator, IndicatorValue, TargetTask, TaskStatus
from apps.reports.targets import target_figures
from tests.factories import MembershipFactory, RegionFactory, UnitFactory, UserFactory

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


def test_a_countys_dashboard_counts_the_tasks_of_its_townships_and_their_units(client, cast, regions):
    """The 包保 chain reaches below the county: its townships' and their units' tasks are the county's figures; the
    city's own row keeps only its own tasks, so the rows add up without counting a task twice."""
    _task(regions.county_x, cast.city_admin)
    _task(regions.township_x, cast.county_admin_x, deadline=datetime.date(2026, 6, 30))  # overdue
    _task(regions.township_x, cast.county_admin_x, progress=100, status=TaskStatus.DONE)
    _task(regions.township_x, cast.township_staff_x, unit=cast.unit_a, responsible_person="张三")
    _task(regions.city, cast.city_admin)
    client.force_login(cast.county_admin_x)
    response = client.get("/reports/dashboard/?year=2026")
    [county] = response.context["target_figures"]
    assert (county.tasks, county.done, county.overdue) == (4, 1, 1)
    assert "含其下乡镇(街道)、社区和包保单位的任务" in response.content.decode()
    client.force_login(cast.city_admin)
    response = client.get(f"/reports/dashboard/?region={regions.city.pk}&year=2026")
    rows = {f.region.name: f.tasks for f in response.context["target_figures"]}
    assert rows == {"临汾市": 1, "尧都区": 4, "曲沃县": 0}


def test_the_export_lists_the_regions_tasks(client, cast, regions):
    _task(regions.county_x, cast.city_admin, deadline=datetime.date(2026, 6, 30))
    _task(regions.county_y, cast.city_admin, title="曲沃县的任务")
    client.force_login(cast.county_admin_x)
    response = client.get("/reports/targets/export.xlsx?year=2026")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    texts = [" ".join(str(c) for c in row if c is not None) for row in rows]
    assert any("完成 4 家企业培育" in t and "逾期" in t for t in texts)
    assert not any("曲沃县的任务" in t for t in texts)


# The 包保 chain below the county (seed 003 三(五)): county → township/community → unit.

@pytest.fixture
def other_township(regions):
    """A second street of 尧都区 with its own staff and a unit: the township across the border."""
    township = RegionFactory(name="水塔街道", level=RegionLevel.TOWNSHIP, parent=regions.county_x)
    staff = MembershipFactory(user=UserFactory(username="township_other"), role=Role.TOWNSHIP_STAFF,
                              region=township).user
    unit = UnitFactory(name="丙公司", region=regions.county_x, township=township)
    return township, staff, unit


def _progress(client, task, **fields):
    return client.post(f"/reports/targets/{task.pk}/edit/", {"progress": 0, "status": "planned",
                                                             "progress_note": "", **fields})


def test_the_county_assigns_a_task_to_its_township_whose_staff_report_its_progress(client, cast, regions,
                                                                                   other_township):
    client.force_login(cast.county_admin_x)
    response = client.post("/reports/targets/new/", {
        "region": regions.township_x.pk, "year": 2026, "title": "街道内企业劳动合同签订率达到 95%",
        "department": "解放路街道劳动保障所", "deadline": "2026-12-20", "progress": 0, "status": "planned"})
    assert response.status_code == 302
    task = TargetTask.objects.get()
    assert (task.region, task.unit, task.assigned_by) == (regions.township_x, None, cast.county_admin_x)

    client.force_login(cast.township_staff_x)
    assert "街道内企业劳动合同签订率达到 95%" in client.get("/home/").content.decode()  # on the workbench
    form = client.get(f"/reports/targets/{task.pk}/edit/").content.decode()
    assert 'name="progress_note"' in form and 'name="title"' not in form and 'name="deadline"' not in form
    response = _progress(client, task, progress=40, status="ongoing", progress_note="已检查 12 家",
                         title="改成别的任务", deadline="2027-12-31")
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.progress, task.status, task.progress_note) == (40, TaskStatus.ONGOING, "已检查 12 家")
    assert (task.title, task.deadline) == ("街道内企业劳动合同签订率达到 95%", datetime.date(2026, 12, 20))
    assert LogEntry.objects.get_for_object(task).count() == 2
    response = _progress(client, task, progress=100, status="ongoing", progress_note="全部完成")
    assert response.status_code == 400 and "请将状态改为“已完成”" in response.content.decode()
    assert "全部完成" in response.content.decode()
    page = client.get("/reports/targets/?year=2026").content.decode()
    assert "街道内企业劳动合同签订率达到 95%" in page and "乡镇(街道)" in page and "已检查 12 家" in page
    assert client.get("/reports/targets/new/").status_code == 403  # a street assigns to its units only

    # The other street's staff, another county's office and the city cannot reach past their borders.
    _township, other_staff, _unit = other_township
    client.force_login(other_staff)
    assert client.get(f"/reports/targets/{task.pk}/edit/").status_code == 404
    assert client.get(f"/reports/targets/?region={regions.township_x.pk}&year=2026").status_code == 404
    assert "街道内企业劳动合同签订率达到 95%" not in client.get("/reports/targets/?year=2026").content.decode()
    assert "街道内企业劳动合同签订率达到 95%" not in client.get("/home/").content.decode()
    client.force_login(cast.county_admin_y)
    assert client.get(f"/reports/targets/{task.pk}/edit/").status_code == 404
    client.force_login(cast.city_admin)  # the city assigns to its counties, not past them to a street
    response = client.post("/reports/targets/new/", {
        "region": regions.township_x.pk, "year": 2026, "title": "x", "department": "y", "deadline": "2026-11-30",
        "progress": 0, "status": "planned"})
    assert response.status_code == 400 and TargetTask.objects.count() == 1


def test_the_township_assigns_a_task_to_its_unit_whose_representative_sees_it(client, cast, regions,
                                                                               other_township):
    other, other_staff, other_unit = other_township
    client.force_login(cast.township_staff_x)
    form = client.get("/reports/targets/units/new/").content.decode()
    assert "甲公司" in form and "丙公司" not in form and "乙公司" not in form
    typed = {"year": 2026, "title": "建立企业劳动争议调解委员会", "deadline": "2026-12-31", "progress": 0,
             "status": "planned", "progress_note": "已约谈企业负责人"}
    response = client.post("/reports/targets/units/new/", {**typed, "unit": other_unit.pk,
                                                           "responsible_person": "王建华"})
    assert response.status_code == 400  # a unit of another street is not this street's to answer for
    page = response.content.decode()
    assert "建立企业劳动争议调解委员会" in page and "已约谈企业负责人" in page and "王建华" in page
    response = client.post("/reports/targets/units/new/", {**typed, "unit": cast.unit_a.pk,
                                                           "responsible_person": ""})
    assert response.status_code == 400 and "这个字段是必填项" in response.content.decode()
    response = client.post("/reports/targets/units/new/", {**typed, "unit": cast.unit_a.pk,
                                                           "responsible_person": "王建华"})
    assert response.status_code == 302
    task = TargetTask.objects.get()
    assert (task.unit, task.region, task.department, task.responsible_person, task.assigned_by) == (
        cast.unit_a, regions.township_x, "解放路街道", "王建华", cast.township_staff_x)
    assert LogEntry.objects.get_for_object(task).exists()
    response = client.post(f"/reports/targets/{task.pk}/edit/", {**typed, "unit": cast.unit_a.pk,
                                                                 "responsible_person": "王建华", "progress": 50,
                                                                 "status": "ongoing", "progress_note": "已选出委员"})
    assert response.status_code == 302
    task.refresh_from_db()
    assert (task.progress, task.progress_note) == (50, "已选出委员")

    # The unit's representative reads it on the workbench; another unit's does not.
    client.force_login(cast.rep_a)
    home = client.get("/home/").content.decode()
    assert "包保目标任务" in home and "建立企业劳动争议调解委员会" in home and "王建华" in home and "50%" in home
    client.force_login(cast.rep_b)
    assert "建立企业劳动争议调解委员会" not in client.get("/home/").content.decode()
    assert client.get(f"/reports/targets/{task.pk}/edit/").status_code == 403

    # The county office above sees it as a unit's task; the other street and another county get 404.
    client.force_login(cast.county_admin_x)
    page = client.get("/reports/targets/?year=2026").content.decode()
    assert "建立企业劳动争议调解委员会" in page and "用人单位" in page and "甲公司" in page
    assert client.get(f"/reports/targets/{task.pk}/edit/").status_code == 200
    for user in (other_staff, cast.county_admin_y, cast.city_admin_other):
        client.force_login(user)
        assert client.get(f"/reports/targets/{task.pk}/edit/").status_code == 404
    client.force_login(other_staff)
    assert "建立企业劳动争议调解委员会" not in client.get("/reports/targets/?year=2026").content.decode()
    assert "甲公司" not in client.get("/reports/targets/units/new/").content.decode()
    assert other_unit.township == other


def test_the_export_names_each_tasks_level_down_to_the_unit(client, cast, regions):
    _task(regions.county_x, cast.city_admin, title="县的任务")
    _task(regions.township_x, cast.county_admin_x, title="街道的任务", department="解放路街道")
    _task(regions.township_x, cast.township_staff_x, title="单位的任务", department="解放路街道",
          unit=cast.unit_a, responsible_person="王建华")
    client.force_login(cast.county_admin_x)
    response = client.get("/reports/targets/export.xlsx?year=2026")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    header = next(row for row in rows if row and "层级" in row)
    by_title = {row[header.index("目标任务")]: row for row in rows if row and row[0] and row is not header}
    assert by_title["县的任务"][header.index("层级")] == "县(市、区)"
    assert by_title["街道的任务"][header.index("层级")] == "乡镇(街道)"
    unit_row = by_title["单位的任务"]
    assert (unit_row[header.index("层级")], unit_row[header.index("包保单位")],
            unit_row[header.index("包保责任人")]) == ("用人单位", "甲公司", "王建华")
    client.force_login(cast.township_staff_x)  # a street's export: its own and its units' tasks only
    response = client.get("/reports/targets/export.xlsx?year=2026")
    texts = " ".join(str(c) for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
                     for c in row if c is not None)
    assert "街道的任务" in texts and "单位的任务" in texts and "县的任务" not in texts
