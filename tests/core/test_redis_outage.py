"""Redis down: pages still work, /healthz says so, queued work is not lost."""

import json

import pytest

from apps.notifications.models import Notification
from apps.notifications.services import notify
from tests.broker import broker_switched

pytestmark = pytest.mark.django_db

DEAD_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


@pytest.fixture
def redis_down(settings):
    """Point the cache and the Celery broker at a port where nothing listens."""
    with broker_switched(settings, DEAD_REDIS):
        yield


def test_pages_work_and_healthz_reports_redis_down(client, cast, redis_down):
    client.force_login(cast.county_admin_x)
    assert client.get("/home/").status_code == 200
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["redis"] == "down"


def test_login_works_while_redis_is_down(client, cast, redis_down):
    response = client.post("/accounts/login/", {"username": "rep_a", "password": "Test-pass-2026"})
    assert response.status_code == 302 and response["Location"] == "/home/"


def test_notification_is_kept_for_the_sweeper_when_the_broker_is_down(
    cast, redis_down, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[cast.county_admin_x], message="Redis 中断时的通知")
    notification = Notification.objects.get(message="Redis 中断时的通知")
    assert notification.emailed_at is None  # not sent, not lost: the periodic sweep picks it up


def test_the_sweeper_sends_what_was_left_once_redis_is_back(cast):
    from apps.notifications.tasks import notification_email_retry_pending

    cast.rep_a.email = "rep@example.org"
    cast.rep_a.save()
    left = Notification.objects.create(user=cast.rep_a, message="中断期间未发出的通知")
    assert notification_email_retry_pending.delay().get() == 1
    left.refresh_from_db()
    assert left.emailed_at is not None
