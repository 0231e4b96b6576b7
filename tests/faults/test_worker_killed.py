"""Drill: the Celery worker is killed (SIGKILL) half-way through a report, with real processes and Redis.

What the city admin sees meanwhile: the report page keeps saying 生成中 and offers no download (there is
no half file to offer). When a worker is back, the sweeper's next run (every five minutes, beat) starts the
build again and it finishes as the same version; a second delivery of the same task changes nothing.
"""

import signal
import subprocess
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.core.jobs import STALE_AFTER, JobStatus, job_sweep
from apps.reports.models import AnnualReport, ReportKind, private_report_storage
from apps.reports.services import report_file_names, report_request
from apps.reports.tasks import report_build_task
from tests.fixtures.reports import YEAR

from .workers import ordinary_worker, start_worker, stop

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def wait_for(report: AnnualReport, predicate, what: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if predicate(report):
            return
        time.sleep(0.2)
    pytest.fail(f"{what} did not happen: {report.status} {report.progress}% {report.error}")


def test_a_report_whose_worker_was_killed_is_built_whole_when_a_worker_returns(
        city_data, cast, regions, client, queued_through_redis):
    slow = start_worker("tests.faults.slow_worker")
    try:
        report = report_request(kind=ReportKind.CITY, region=regions.city, year=YEAR, by=cast.city_admin)
        wait_for(report, lambda r: r.status == JobStatus.RUNNING and r.progress >= 10, "a half-done build")
        slow.send_signal(signal.SIGKILL)
        slow.wait(timeout=15)
    finally:
        stop(slow)

    report.refresh_from_db()
    assert report.status == JobStatus.RUNNING and report.progress < 100 and not report.pdf
    storage = private_report_storage()
    pdf_name, xlsx_name, docx_name = report_file_names(report)
    assert not storage.exists(pdf_name)
    client.force_login(cast.city_admin)
    assert client.get(reverse("reports:download", args=[report.pk, "pdf"])).status_code == 404
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert 'data-status="running"' in page and "下载 PDF" not in page

    # The beat sweeper runs once the build has been silent for STALE_AFTER: it queues the build again.
    assert job_sweep(now=timezone.now() + STALE_AFTER + timedelta(minutes=1)) == (0, 1)
    report.refresh_from_db()
    assert report.status == JobStatus.PENDING
    assert list(storage.local_root.rglob("*.part")) == []  # the killed build's temporary file is gone

    worker = ordinary_worker()
    try:
        wait_for(report, lambda r: r.status in (JobStatus.DONE, JobStatus.FAILED), "the rebuild")
        assert report.status == JobStatus.DONE, report.error
        finished_at = report.finished_at

        # The killed worker's unacknowledged message comes back after Redis' visibility timeout: here it is
        # sent again by hand, followed by a county report that the single worker can only take after it.
        report_build_task.delay(report.pk)
        marker = report_request(kind=ReportKind.COUNTY, region=regions.county_x, year=YEAR, by=cast.county_admin_x)
        wait_for(marker, lambda r: r.status == JobStatus.DONE, "the county report after the duplicate")
    finally:
        stop(worker)

    report.refresh_from_db()
    assert (report.version, report.attempts, report.finished_at) == (1, 2, finished_at)
    assert AnnualReport.objects.filter(kind=ReportKind.CITY).count() == 1
    assert storage.exists(xlsx_name) and storage.exists(docx_name)
    text = subprocess.run(["pdftotext", "-layout", storage.path(pdf_name), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "山西省临汾市市级年度总结" in text
    response = client.get(reverse("reports:download", args=[report.pk, "pdf"]))
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-")
