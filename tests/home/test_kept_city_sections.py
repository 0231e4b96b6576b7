"""The offices' workbench sections kept per region since issue 17's city pass (apps/core/region_cache.py): the
latest yearly reports, the report duties falling due and the city's open revocation cases each show a change made
through its service at once, on the workbench of the region it concerns and on no other."""

import datetime

import pytest
from django.utils import timezone

from apps.campaigns.models import CampaignPolicy
from apps.core.jobs import STALE_AFTER, job_claim, job_fail, job_finish, job_sweep
from apps.oversight.revocations.checks import revocation_check_run
from apps.oversight.revocations.models import RevocationCase
from apps.oversight.revocations.services import (
    revocation_case_confirm,
    revocation_case_dismiss,
    revocation_propose,
    revocation_rule_save,
)
from apps.oversight.risks.models import RiskKind, Severity
from apps.reports.models import AnnualReport, ReportDuty, ReportingLevel, ReportKind
from apps.reports.services import report_duties_save, report_request
from tests.factories import RiskEventFactory

pytestmark = pytest.mark.django_db

REPORTS, DUTIES, CASES = "年度评估报告", "报告任务", "待处理的取消命名案件"


def _section(client, user, title: str) -> str:
    """The workbench's card under ``title``, up to the next heading."""
    client.force_login(user)
    page = client.get("/home/").content.decode()
    heading = f'<h3 class="h5">{title}</h3>'
    assert heading in page
    return page.split(heading, 1)[1].split("<h3", 1)[0]


def test_a_yearly_report_shows_from_its_request_through_each_state_of_its_build(client, cast, regions):
    label = f"{regions.city.name} 2025 市级年度总结 v1"
    assert label not in _section(client, cast.city_admin, REPORTS)
    report = report_request(kind=ReportKind.CITY, region=regions.city, year=2025, by=cast.city_admin)
    assert label in (section := _section(client, cast.city_admin, REPORTS)) and "排队中" in section
    assert label not in _section(client, cast.city_admin_other, REPORTS)  # another city's workbench
    job_claim(AnnualReport, pk=report.pk)
    assert "生成中" in _section(client, cast.city_admin, REPORTS)
    job_fail(AnnualReport, pk=report.pk, error="测试")
    assert "生成失败" in _section(client, cast.city_admin, REPORTS)
    second = report_request(kind=ReportKind.CITY, region=regions.city, year=2025, by=cast.city_admin)
    assert f"{regions.city.name} 2025 市级年度总结 v2" in _section(client, cast.city_admin, REPORTS)
    job_claim(AnnualReport, pk=second.pk)
    assert "生成中" in _section(client, cast.city_admin, REPORTS)
    job_finish(AnnualReport, pk=second.pk)
    assert "已完成" in _section(client, cast.city_admin, REPORTS)


def test_a_build_whose_worker_died_for_the_last_time_shows_as_failed_once_swept(client, cast, regions):
    report = report_request(kind=ReportKind.CITY, region=regions.city, year=2025, by=cast.city_admin)
    job_claim(AnnualReport, pk=report.pk)
    AnnualReport.objects.filter(pk=report.pk).update(attempts=AnnualReport.max_attempts)
    assert "生成中" in _section(client, cast.city_admin, REPORTS)
    job_sweep(now=timezone.now() + STALE_AFTER * 2)
    assert "生成失败" in _section(client, cast.city_admin, REPORTS)


def test_a_report_duty_falls_due_on_the_workbench_once_saved_and_builds_once_requested(client, cast, regions):
    today = timezone.localdate()
    due = today  # falling due today, whatever the date: within the year and not yet overdue
    policy = CampaignPolicy.objects.create(region=regions.city, year=today.year)
    line = f"中期评估报告 · {due:%Y-%m-%d} 截止"
    assert line not in _section(client, cast.city_admin, DUTIES)
    report_duties_save(policy=policy, duties=[ReportDuty(kind=ReportKind.MIDTERM, reporting_level=ReportingLevel.CITY,
                                                         due_date=due, lead_days=10)], removed=[], by=cast.city_admin)
    assert line in (section := _section(client, cast.city_admin, DUTIES)) and "即将到期" in section
    assert line not in _section(client, cast.city_admin_other, DUTIES)
    report_request(kind=ReportKind.MIDTERM, region=regions.city, year=today.year, by=cast.city_admin)
    assert "生成中" in _section(client, cast.city_admin, DUTIES)


def test_open_cases_follow_the_check_the_rule_the_proposal_and_the_decisions(client, cast, regions, title_a,
                                                                            major_rule):
    assert "甲公司" not in _section(client, cast.city_admin, CASES)
    RiskEventFactory(unit=cast.unit_a, kind=RiskKind.MASS_INCIDENT, severity=Severity.SERIOUS)
    revocation_check_run(today=datetime.date(2025, 6, 1))
    assert "重大违法或群体性事件 · " in _section(client, cast.city_admin, CASES)
    assert "甲公司" not in _section(client, cast.city_admin_other, CASES)  # another city's workbench
    revocation_rule_save(rule=major_rule, city=regions.city, by=cast.city_admin, data={
        "name": "重大违法事件", "kinds": major_rule.kinds, "min_severity": major_rule.min_severity,
        "min_count": major_rule.min_count, "window_days": major_rule.window_days, "is_active": True})
    assert "重大违法事件 · " in _section(client, cast.city_admin, CASES)
    revocation_case_dismiss(case=RevocationCase.objects.get(), by=cast.city_admin, reason="经核实系误报")
    assert "甲公司" not in _section(client, cast.city_admin, CASES)
    case = revocation_propose(recognition=title_a, by=cast.city_admin, reason="拖欠工资，经查属实")
    assert f'href="/revocations/cases/{case.pk}/"' in _section(client, cast.city_admin, CASES)
    revocation_case_confirm(case=case, by=cast.city_admin, reason="拖欠工资，经查属实", plaque_recovered_on=None)
    assert "甲公司" not in _section(client, cast.city_admin, CASES)
