"""Building a report: claim, files, versions, failure, the sweeper; the PDF and Excel figures against hand counts."""

import re
import subprocess
from datetime import timedelta
from unittest import mock

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone
from openpyxl import load_workbook

from apps.core.jobs import JobStatus, job_sweep
from apps.reports.models import (
    AnnualReport,
    CountyNarrative,
    ReportKind,
    TypicalCase,
    private_report_storage,
)
from apps.reports.services import (
    ReportError,
    report_build,
    report_request,
)
from apps.surveys.selectors import rate_percent
from tests.fixtures.reports import YEAR, count

pytestmark = pytest.mark.django_db


def pdf_text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def line_numbers(text: str, label: str, *, at_least: int = 1) -> list[str]:
    """The numbers printed on the first table line that starts with ``label`` and carries ``at_least`` numbers."""
    for line in text.splitlines():
        if line.strip().startswith(label):
            numbers = re.findall(r"-?\d+(?:\.\d+)?", line[line.index(label) + len(label):])
            if len(numbers) >= at_least:
                return numbers
    raise AssertionError(f"no line starting with {label} in the PDF text")


def sheet_rows(path, title: str) -> dict:
    book = load_workbook(path)
    return {row[0]: row[1:] for row in book[title].iter_rows(values_only=True) if row and row[0]}


def built(kind, region, by, django_capture_on_commit_callbacks) -> AnnualReport:
    with django_capture_on_commit_callbacks(execute=True):
        report = report_request(kind=kind, region=region, year=YEAR, by=by)
    report.refresh_from_db()
    return report


def test_city_summary_pdf_and_excel_carry_the_hand_counted_figures(city_data, cast, regions,
                                                                  django_capture_on_commit_callbacks):
    report = built(ReportKind.CITY, regions.city, cast.city_admin, django_capture_on_commit_callbacks)
    assert (report.status, report.progress, report.version) == (JobStatus.DONE, 100, 1)
    submitted, passed = count(city_data, submitted=True), count(city_data, passed=True)
    before = count(city_data, year=YEAR - 1, submitted=True)

    text = pdf_text(report.pdf.path)
    assert "山西省临汾市市级年度总结" in text and "各县(市、区)对比" in text and "目录" in text
    assert line_numbers(text, "提交申报（家）")[:3] == [str(submitted), str(before), str(submitted - before)]
    assert line_numbers(text, "县级验收通过（家）")[0] == str(passed)
    assert line_numbers(text, "通过率（%）")[0] == str(rate_percent(passed, submitted))
    county_line = line_numbers(text, regions.county_y.name, at_least=7)
    assert county_line[1:3] == [str(count(city_data, county="y", submitted=True)),
                                str(count(city_data, county="y", passed=True))]
    assert re.search(r"—\s*3\s*—", text)  # page numbers in the footer

    overview = sheet_rows(report.xlsx.path, "总体情况")
    assert overview["提交申报（家）"][:3] == (submitted, before, submitted - before)
    assert overview["县级验收通过（家）"][0] == passed
    assert float(overview["通过率（%）"][0]) == float(rate_percent(passed, submitted))
    by_county = sheet_rows(report.xlsx.path, "参与情况")
    assert by_county[regions.county_x.name][1:3] == (count(city_data, county="x", submitted=True),
                                                     count(city_data, county="x", passed=True))


def test_table_of_contents_gives_page_numbers(city_data, cast, regions, django_capture_on_commit_callbacks):
    report = built(ReportKind.CITY, regions.city, cast.city_admin, django_capture_on_commit_callbacks)
    toc = pdf_text(report.pdf.path).split("目录", 1)[1]
    assert re.search(r"一、基本情况\s*\.+\s*3", toc), toc[:400]
    assert re.search(r"附件1\s*总体情况\s*\.+\s*\d+", toc), toc[:400]


def test_county_report_includes_its_narrative_and_cases(city_data, cast, regions,
                                                        django_capture_on_commit_callbacks):
    CountyNarrative.objects.create(region=regions.county_x, year=YEAR, practices="建立协调员包联制度",
                                   achievements="欠薪投诉下降三成", shortcomings="小微企业参与不足")
    TypicalCase.objects.create(region=regions.county_x, year=YEAR, title="集体协商促增收",
                               body="某企业开展工资集体协商。")
    report = built(ReportKind.COUNTY, regions.county_x, cast.county_admin_x, django_capture_on_commit_callbacks)
    text = pdf_text(report.pdf.path)
    for phrase in ("主要做法", "建立协调员包联制度", "欠薪投诉下降三成", "小微企业参与不足", "集体协商促增收"):
        assert phrase in text
    assert regions.county_y.name not in text


def test_rerunning_makes_a_new_version_and_keeps_the_old(city_data, cast, regions,
                                                         django_capture_on_commit_callbacks):
    first = built(ReportKind.CITY, regions.city, cast.city_admin, django_capture_on_commit_callbacks)
    second = built(ReportKind.CITY, regions.city, cast.city_admin, django_capture_on_commit_callbacks)
    assert (first.version, second.version) == (1, 2)
    assert first.pdf.name != second.pdf.name
    first.refresh_from_db()
    assert first.is_downloadable and second.is_downloadable


def test_a_second_request_while_one_is_pending_returns_the_same_report(regions, cast):
    first = report_request(kind=ReportKind.CITY, region=regions.city, year=YEAR, by=cast.city_admin)
    again = report_request(kind=ReportKind.CITY, region=regions.city, year=YEAR, by=cast.city_admin)
    assert again.pk == first.pk and AnnualReport.objects.count() == 1


def test_the_database_refuses_two_active_builds_of_one_report(regions, cast):
    AnnualReport.objects.create(kind=ReportKind.CITY, region=regions.city, year=YEAR, version=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        AnnualReport.objects.create(kind=ReportKind.CITY, region=regions.city, year=YEAR, version=2,
                                    status=JobStatus.RUNNING)


def test_a_report_is_built_once_even_if_the_task_runs_twice(city_data, regions, cast):
    report = report_request(kind=ReportKind.CITY, region=regions.city, year=YEAR, by=cast.city_admin)
    assert report_build(report_id=report.pk) is True
    assert report_build(report_id=report.pk) is False


def test_a_failed_build_leaves_no_file_and_can_be_retried(city_data, regions, cast,
                                                          django_capture_on_commit_callbacks):
    with mock.patch("apps.reports.services.write_pdf", side_effect=OSError("磁盘已满")):
        failed = built(ReportKind.CITY, regions.city, cast.city_admin, django_capture_on_commit_callbacks)
    assert failed.status == JobStatus.FAILED and "磁盘已满" in failed.error
    assert not failed.pdf and not failed.is_downloadable
    written = [p.name for p in private_report_storage().local_root.rglob("*") if p.is_file()]
    assert written == []  # neither a half-written PDF nor its temporary file, nor an orphaned Excel file
    retried = built(ReportKind.CITY, regions.city, cast.city_admin, django_capture_on_commit_callbacks)
    assert (retried.version, retried.status) == (2, JobStatus.DONE)


def test_sweeper_starts_again_a_build_whose_worker_died(city_data, regions, cast):
    report = AnnualReport.objects.create(kind=ReportKind.CITY, region=regions.city, year=YEAR, version=1,
                                         status=JobStatus.RUNNING, progress=40, attempts=1,
                                         heartbeat_at=timezone.now() - timedelta(hours=1))
    assert job_sweep() == (0, 1)
    report.refresh_from_db()
    assert (report.status, report.attempts, report.version) == (JobStatus.DONE, 2, 1)  # run in-process in tests
    assert report.pdf.open("rb").read(5) == b"%PDF-"


def test_sweeper_fails_a_build_whose_worker_died_too_often(regions, cast):
    report = AnnualReport.objects.create(kind=ReportKind.CITY, region=regions.city, year=YEAR, version=1,
                                         status=JobStatus.RUNNING, progress=40, attempts=AnnualReport.max_attempts,
                                         heartbeat_at=timezone.now() - timedelta(hours=1))
    fresh = AnnualReport.objects.create(kind=ReportKind.COUNTY, region=regions.county_x, year=YEAR, version=1,
                                        status=JobStatus.RUNNING, heartbeat_at=timezone.now())
    assert job_sweep()[0] == 1
    report.refresh_from_db()
    fresh.refresh_from_db()
    assert report.status == JobStatus.FAILED and "重新生成" in report.error
    assert fresh.status == JobStatus.RUNNING


def test_a_build_the_sweeper_gave_up_on_does_not_turn_done(city_data, regions, cast):
    report = report_request(kind=ReportKind.CITY, region=regions.city, year=YEAR, by=cast.city_admin)

    def swept_meanwhile(document, path):
        AnnualReport.objects.filter(pk=report.pk).update(status=JobStatus.FAILED)
        path.write_bytes(b"%PDF-")

    with mock.patch("apps.reports.services.write_pdf", side_effect=swept_meanwhile):
        assert report_build(report_id=report.pk) is False
    report.refresh_from_db()
    assert report.status == JobStatus.FAILED and not report.pdf


def test_sweeper_requeues_pending_builds_whose_message_was_lost(city_data, regions, cast):
    report = AnnualReport.objects.create(kind=ReportKind.CITY, region=regions.city, year=YEAR, version=1)
    AnnualReport.objects.filter(pk=report.pk).update(created_at=timezone.now() - timedelta(minutes=10))
    assert job_sweep() == (0, 1)
    report.refresh_from_db()
    assert report.status == JobStatus.DONE  # tasks run in-process in tests


def test_kind_and_region_level_must_match(regions, cast):
    with pytest.raises(ReportError):
        report_request(kind=ReportKind.COUNTY, region=regions.city, year=YEAR, by=cast.city_admin)
    with pytest.raises(ReportError):
        report_request(kind=ReportKind.CITY, region=regions.county_x, year=YEAR, by=cast.city_admin)
