"""The report task through Redis and a real Celery worker process, on the real test database."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from apps.core.jobs import JobStatus
from apps.reports.models import AnnualReport, ReportKind
from apps.reports.services import report_request
from hlr_portal.celery import app
from tests.fixtures.reports import YEAR

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


@pytest.fixture
def worker(tmp_path, settings):
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": settings.REDIS_URL, "DB_CONN_MAX_AGE": "0",
           "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT)}
    app.control.purge()
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "hlr_portal", "worker", "--pool=solo", "--concurrency=1",
         "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    yield process
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def test_the_worker_builds_the_city_summary(worker, city_data, cast, regions):
    app.conf.task_always_eager = False
    try:
        report = report_request(kind=ReportKind.CITY, region=regions.city, year=YEAR, by=cast.city_admin)
    finally:
        app.conf.task_always_eager = True
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        report.refresh_from_db()
        if report.status in (JobStatus.DONE, JobStatus.FAILED):
            break
        time.sleep(0.5)
    assert report.status == JobStatus.DONE, report.error or "the worker did not build the report"
    assert report.pdf.storage.exists(report.pdf.name) and report.pdf.open("rb").read(5) == b"%PDF-"
    assert AnnualReport.objects.count() == 1
    assert settings.PRIVATE_MEDIA_ROOT.exists()
