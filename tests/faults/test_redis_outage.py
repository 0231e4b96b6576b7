"""Drill: a private Redis (cache and broker) goes down and comes back, with a real worker.

tests/core/test_redis_outage.py points at a closed port; here the Redis the portal uses really stops and
starts again on the same port, as in a restart. During the outage pages answer, /healthz says 503 with
``"redis": "down"``, and a report the city admin starts is recorded as pending; once Redis is back the
beat sweeper queues it and a worker builds it. The shared Redis on 6379 is never touched.
"""

import json
import time
from datetime import timedelta

import pytest
from django.utils import timezone

from apps.core.jobs import REQUEUE_AFTER, JobStatus, job_sweep
from apps.reports.models import AnnualReport
from tests.fixtures.reports import YEAR

from .workers import ordinary_worker, stop

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


def test_pages_work_while_redis_is_down_and_the_report_is_built_when_it_returns(
        client, cast, regions, city_data, private_redis):
    assert json.loads(client.get("/healthz").content)["redis"] == "ok"
    private_redis.stop()

    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content) == {"status": "degraded", "database": "ok", "redis": "down"}
    assert client.get("/").status_code == 200
    response = client.post("/accounts/login/", {"username": "city_admin", "password": "Test-pass-2026"})
    assert response.status_code == 302 and response["Location"] == "/home/"
    assert "市级年度总结" in client.get("/reports/").content.decode()
    response = client.post("/reports/start/", {"kind": "city", "region": regions.city.pk, "year": YEAR})
    report = AnnualReport.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/reports/{report.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert 'data-status="pending"' in page and "可以离开本页稍后再来" in page

    private_redis.start()
    assert private_redis.queued_task_names() == []  # the outage's prompt was dropped, the row was not
    assert job_sweep(now=timezone.now() + REQUEUE_AFTER + timedelta(minutes=1)) == (0, 1)
    assert private_redis.queued_task_names() == ["apps.reports.tasks.report_build_task"]
    assert client.get("/healthz").status_code == 200

    worker = ordinary_worker()  # settings.REDIS_URL is the private server's
    try:
        deadline = time.monotonic() + 90
        while report.status not in (JobStatus.DONE, JobStatus.FAILED) and time.monotonic() < deadline:
            time.sleep(0.3)
            report.refresh_from_db()
    finally:
        stop(worker)
    assert report.status == JobStatus.DONE, report.error or "the worker did not build the report"
    assert b"".join(client.get(f"/reports/{report.pk}/download/pdf/").streaming_content).startswith(b"%PDF-")
