"""Drill: the portal across several machines, as the multinode compose profile runs it, with real servers here.

Two gunicorn nodes share one database through PgBouncer (transaction pooling), one Redis and one
object store (SeaweedFS); nginx spreads requests over them; the only Celery worker serves the
``reports`` queue. A person logs in on one node and carries on on the other; a report asked for
through nginx is built by that worker and downloads the same from either node.
"""

import os
import sys
import time

import pytest
import requests
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from apps.core.jobs import JobStatus
from apps.reports.models import AnnualReport, ReportKind
from hlr_portal.celery import app
from tests.fixtures.reports import YEAR
from tests.servers import Processes, free_port, nginx, pgbouncer, wait_for_port

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]

PASSWORD = "Drill-2026-hlr"


def _log_in(session: requests.Session, base: str, username: str) -> None:
    session.get(f"{base}/accounts/login/")
    response = session.post(f"{base}/accounts/login/", allow_redirects=False, data={
        "username": username, "password": PASSWORD, "csrfmiddlewaretoken": session.cookies["csrftoken"]})
    assert response.status_code == 302, response.text[:2000]


def test_two_web_nodes_behind_nginx_share_logins_files_and_a_report_worker(
        city_data, cast, regions, private_files_in_object_store, tmp_path):
    city_admin = cast.city_admin
    hasher = PBKDF2PasswordHasher()  # the nodes run the real hashers, not the tests' fast one
    city_admin.password = hasher.encode(PASSWORD, hasher.salt())
    city_admin.save(update_fields=["password"])
    store, db = private_files_in_object_store, connection.settings_dict
    processes = Processes(tmp_path)
    try:
        bouncer = pgbouncer(processes, database=db["NAME"], user=db["USER"])
        env = {
            **os.environ, "DJANGO_SETTINGS_MODULE": "hlr_portal.settings.base", "DEBUG": "false",
            "SECRET_KEY": "drill-shared-secret-key-of-every-node-0123456789", "ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": f"postgres://{db['USER']}@127.0.0.1:{bouncer}/{db['NAME']}",
            "DATABASE_POOLER": "transaction", "DB_CONN_MAX_AGE": "0", "REDIS_URL": settings.REDIS_URL,
            "PRIVATE_STORAGE": "s3", "S3_ENDPOINT_URL": store.endpoint_url, "S3_BUCKET": store.bucket,
            "S3_ACCESS_KEY": store.access_key, "S3_SECRET_KEY": store.secret_key,
            "OTP_REQUIRED_ROLES": "",  # two-factor login has its own tests; here the password alone
        }
        nodes = {}
        for name in ("web-a", "web-b"):
            port = free_port()
            process, log = processes.start(name, [
                sys.executable, "-m", "gunicorn", "hlr_portal.wsgi:application", "--bind", f"127.0.0.1:{port}",
                "--workers", "1", "--access-logfile", str(tmp_path / f"{name}-access.log")],
                cwd=settings.BASE_DIR, env=env)
            wait_for_port(port, process, log)
            nodes[name] = f"http://127.0.0.1:{port}"
        front = f"http://127.0.0.1:{nginx(processes, upstreams=[int(url.rsplit(':', 1)[1]) for url in nodes.values()])}"
        app.control.purge()
        worker, worker_log = processes.start("worker-reports", [
            sys.executable, "-m", "celery", "-A", "hlr_portal", "worker", "-Q", "reports", "--pool=solo",
            "--concurrency=1", "--without-gossip", "--without-mingle", "--loglevel=INFO"],
            cwd=settings.BASE_DIR, env=env)

        person = requests.Session()
        _log_in(person, nodes["web-a"], city_admin.username)
        on_b = person.get(f"{nodes['web-b']}/home/", allow_redirects=False)
        assert on_b.status_code == 200 and str(city_admin) in on_b.text  # the login holds on the other node

        person.get(f"{front}/reports/")
        started = person.post(f"{front}/reports/start/", allow_redirects=False, data={
            "kind": ReportKind.CITY, "region": regions.city.pk, "year": YEAR,
            "csrfmiddlewaretoken": person.cookies["csrftoken"]})
        assert started.status_code == 302, started.text[:2000]
        report = AnnualReport.objects.get()
        deadline = time.monotonic() + 120
        while report.status not in (JobStatus.DONE, JobStatus.FAILED) and time.monotonic() < deadline:
            assert worker.poll() is None, worker_log.read_text()[-3000:]
            time.sleep(0.5)
            report.refresh_from_db()
        assert report.status == JobStatus.DONE, report.error or worker_log.read_text()[-3000:]
        assert "report_build_task" in worker_log.read_text()

        downloads = {name: person.get(f"{url}/reports/{report.pk}/download/pdf/") for name, url in nodes.items()}
        assert all(response.status_code == 200 for response in downloads.values())
        assert downloads["web-a"].content == downloads["web-b"].content
        assert downloads["web-a"].content.startswith(b"%PDF")
        keys = {item["Key"] for item in store.client().list_objects_v2(Bucket=store.bucket)["Contents"]}
        assert f"reports/{report.pdf.name}" in keys

        for _ in range(6):
            assert person.get(f"{front}/reports/?drill=1").status_code == 200
        for name in nodes:  # nginx spread the requests over both nodes
            assert "/reports/?drill=1" in (tmp_path / f"{name}-access.log").read_text(), name
    finally:
        processes.stop()
