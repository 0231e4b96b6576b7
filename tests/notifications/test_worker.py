"""A real Celery worker process, a real Redis broker, the real test database."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from apps.notifications.models import Notification
from hlr_portal.celery import app

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]


@pytest.fixture
def worker(tmp_path):
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": settings.REDIS_URL,
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(tmp_path / "mail"),
        "DB_CONN_MAX_AGE": "0",
    }
    app.control.purge()
    process = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "hlr_portal", "worker", "--pool=solo", "--concurrency=1",
         "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
        cwd=settings.BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    yield tmp_path / "mail"
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


def test_task_sent_through_redis_is_run_by_the_worker(worker, cast):
    from apps.notifications.tasks import notification_email_send

    cast.rep_a.email = "rep@example.org"
    cast.rep_a.save()
    notification = Notification.objects.create(user=cast.rep_a, message="评估组已组建")
    app.conf.task_always_eager = False
    try:
        notification_email_send.delay(notification.pk)
    finally:
        app.conf.task_always_eager = True

    # The task claims the notification (sets emailed_at) before it writes the mail: wait for the file too.
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        notification.refresh_from_db()
        if notification.emailed_at is not None and worker.is_dir() and any(
                "评估组已组建" in mail.read_text() for mail in worker.iterdir()):
            break
        time.sleep(0.3)
    assert notification.emailed_at is not None, "the worker did not run the task"
    sent = list(worker.iterdir()) if worker.is_dir() else []
    assert len(sent) == 1 and "评估组已组建" in sent[0].read_text()
