"""Drill: a private Redis (cache and broker) goes down and comes back, with a real worker.

tests/core/test_redis_outage.py points at a closed port; here the Redis the portal uses really stops and
starts again on the same port, as in a restart. During the outage pages answer, /healthz says 503 with
``"redis": "down"``, and a report the city admin starts is recorded as pending; once Redis is back the
beat sweeper queues it and a worker builds it. The shared Redis on 6379 is never touched.
"""

import json
import shutil
import socket
import subprocess
import time
from datetime import timedelta

import pytest
import redis
from django.utils import timezone

from apps.core.jobs import REQUEUE_AFTER, JobStatus, job_sweep
from apps.reports.models import AnnualReport
from hlr_portal.celery import app
from tests.fixtures.reports import YEAR

from .workers import ordinary_worker, stop

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


class PrivateRedis:
    """A redis-server of our own on a free port, without persistence, that the test may stop and start."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)
        for _attempt in range(50):
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError("private redis-server did not start")

    def stop(self) -> None:
        stop(self.process)

    def queued_task_names(self) -> list[str]:
        """The tasks waiting on every queue (report builds have a queue of their own)."""
        server = redis.Redis.from_url(self.url)
        messages = [message for queue in ("celery", "reports") for message in server.lrange(queue, 0, -1)]
        return [json.loads(message)["headers"]["task"] for message in messages]


@pytest.fixture
def private_redis(settings):
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server not found: install Debian's redis-server package (.ci/run does).")
    server = PrivateRedis()
    server.start()
    settings.REDIS_URL = server.url
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": server.url}}
    broker = app.conf.broker_url
    _drop_broker_pools()
    app.conf.broker_url = server.url
    app.conf.task_always_eager = False
    yield server
    _drop_broker_pools()
    app.conf.broker_url = broker
    app.conf.task_always_eager = True
    server.stop()


def _drop_broker_pools():
    """Forget pooled broker connections so a changed broker URL takes effect (as Celery does after fork).

    Not ``app.close()``: that also unregisters the app, and a task module imported afterwards would then
    not be registered on it (NotRegistered in whichever test first queues that task).
    """
    app._pool = None
    app.amqp._producer_pool = None


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
