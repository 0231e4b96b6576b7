"""A representative's workbench is kept per unit (apps/registry/units/home.py): each service that changes what it
shows drops it at once, and another unit's representative never sees this unit's rows."""

import datetime

import pytest
from django.utils import timezone

from apps.applications.assessments.services import application_open
from apps.applications.workflow.states import Status, status_label
from apps.registry.enterprises.services import EnterpriseData, enterprise_register
from apps.registry.enterprises.uscc import uscc_with_check_digit
from apps.registry.services import unit_reject
from apps.reports.models import TaskStatus
from apps.reports.targets import target_task_progress_save, target_unit_task_save
from apps.surveys.services import survey_close, survey_open, survey_reopen
from tests.factories import UnitFactory, named
from tests.fixtures.reviews import form_panel
from tests.fixtures.standards import put_in_force
from tests.fixtures.surveys import answer

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _home(client, user) -> str:
    client.force_login(user)
    return client.get("/home/").content.decode()


def test_opening_this_years_application_shows_at_once_for_its_unit_only(client, cast, regions, campaign, standard):
    put_in_force(standard, regions.city)
    assert "开始本年度创建申报" in _home(client, cast.rep_a)
    assert "开始本年度创建申报" in _home(client, cast.rep_b)
    application_open(unit=cast.unit_a, by=cast.rep_a, today=TODAY)
    assert "打开本年度创建申报" in _home(client, cast.rep_a)
    assert "开始本年度创建申报" in _home(client, cast.rep_b)


def test_the_applications_move_shows_at_once(client, cast, application):
    submitted, in_review = str(status_label(Status.SUBMITTED)), str(status_label(Status.COUNTY_REVIEW))
    assert submitted in _home(client, cast.rep_a)
    form_panel(application, cast)  # submitted → county review (application_transition)
    page = _home(client, cast.rep_a)
    assert in_review in page and submitted not in page
    assert in_review not in _home(client, cast.rep_b)


def test_the_survey_its_answers_and_its_close_show_at_once(client, cast, campaign, questionnaire):
    assert "发起本年度调查" in _home(client, cast.rep_a)
    survey = survey_open(unit=cast.unit_a, year=TODAY.year, by=cast.rep_a)
    assert "已收答卷 0 份" in _home(client, cast.rep_a)
    assert "发起本年度调查" in _home(client, cast.rep_b)
    answer(survey, 5)
    assert "已收答卷 1 份" in _home(client, cast.rep_a)
    survey_close(survey=survey, by=cast.rep_a)
    survey.refresh_from_db()
    assert f"{survey.get_status_display()} · 已收答卷 1 份" in _home(client, cast.rep_a)
    survey_reopen(survey=survey, by=cast.rep_a)
    survey.refresh_from_db()
    assert f"{survey.get_status_display()} · 已收答卷 1 份" in _home(client, cast.rep_a)


def test_a_returned_registration_shows_its_reason_at_once(client, cast, regions):
    data = EnterpriseData(name="丁注册公司", uscc=uscc_with_check_digit("91141000MA0K00003"), region=regions.county_x)
    user, enterprise = enterprise_register(data=data, username="dingzhuce", password="Zhuce-2026-pass",
                                           full_name="丁填报人")
    assert "注册信息正在等待县级三方办公室核验" in _home(client, user)
    unit_reject(unit=enterprise.unit, by=cast.county_admin_x, reason="营业执照照片不清晰")
    assert "营业执照照片不清晰" in _home(client, user)


REPORT = "填报或查看本单位年度工作报告"


def test_a_title_conferred_shows_the_yearly_report_and_titles_at_once(client, cast, regions):
    assert REPORT not in _home(client, cast.rep_a)
    named(cast.unit_a, city=regions.city, by=cast.city_admin, issued_on=TODAY - datetime.timedelta(days=30))
    assert REPORT in _home(client, cast.rep_a)
    assert REPORT not in _home(client, cast.rep_b)


def test_a_task_naming_the_unit_and_its_progress_show_at_once(client, cast, regions):
    assert "包保目标任务" not in _home(client, cast.rep_a)
    task = target_unit_task_save(unit=cast.unit_a, responsible_person="王包保", year=TODAY.year, title="规范劳动合同",
                                 deadline=TODAY + datetime.timedelta(days=60), progress=10, progress_note="",
                                 status=TaskStatus.ONGOING, by=cast.township_staff_x)
    assert "进度 10%" in _home(client, cast.rep_a)
    assert "规范劳动合同" not in _home(client, cast.rep_b)
    target_task_progress_save(task=task, progress=60, status=TaskStatus.ONGOING, progress_note="已签订",
                              by=cast.township_staff_x)
    assert "进度 60%" in _home(client, cast.rep_a)
    unit_c = UnitFactory(name="戊公司", region=regions.county_x, township=regions.township_x)
    target_unit_task_save(task=task, unit=unit_c, responsible_person="王包保", year=TODAY.year, title="规范劳动合同",
                          deadline=task.deadline, progress=60, progress_note="", status=TaskStatus.ONGOING,
                          by=cast.township_staff_x)  # named the wrong unit: moved to the right one
    assert "规范劳动合同" not in _home(client, cast.rep_a)
