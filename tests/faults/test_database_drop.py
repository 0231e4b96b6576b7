"""Drill: the request's PostgreSQL connection is killed (as by a server restart) mid-request and between requests.

The shared cluster is not restarted (other work uses it): the backend serving the request is ended with
pg_terminate_backend, which is what a restart does to every open connection. scripts/drill_pg_restart.sh
is the real restart drill on a scratch cluster. The person gets a Chinese 503 page without a traceback,
nothing of the failed request is written (ATOMIC_REQUESTS), and what was saved before is kept.
"""

from unittest import mock

import psycopg
import pytest
from django.db import close_old_connections, connection
from django.test import Client
from django.urls import reverse

from apps.applications.assessments.models import Answer, ApplicationEvent, ApplicationRevision
from apps.applications.workflow.states import Status

pytestmark = pytest.mark.django_db(transaction=True)


def terminate_this_connection() -> None:
    """End the backend behind Django's connection from a second connection, as a PostgreSQL restart would."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    db = connection.settings_dict
    with psycopg.connect(dbname=db["NAME"], user=db["USER"], host=db["HOST"] or "127.0.0.1",
                         port=db["PORT"] or 5432, password=db["PASSWORD"] or None, autocommit=True) as other:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])


@pytest.fixture
def rep_client(cast):
    client = Client(raise_request_exception=False)
    client.force_login(cast.rep_a)
    return client


def assert_clean_503(response) -> None:
    page = response.content.decode()
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "系统暂时无法处理您的请求" in page and "本次操作没有保存" in page
    assert "Traceback" not in page and "OperationalError" not in page and "psycopg" not in page


def test_connection_killed_between_the_status_change_and_the_notification_writes_nothing(
        rep_client, ready_application):
    submit = reverse("assessments:submit", args=[ready_application.pk])
    # The transition has frozen the revision, changed the status and written the event when the notification
    # (the last write of the same transaction) finds its connection gone.
    with mock.patch("apps.applications.workflow.service.notify", side_effect=lambda **kw: terminate_this_connection()
                    or Answer.objects.count()):
        response = rep_client.post(submit, {"confirmed": "1"})
    assert_clean_503(response)

    ready_application.refresh_from_db()
    assert ready_application.status == Status.DRAFT
    assert not ApplicationRevision.objects.exists() and not ApplicationEvent.objects.exists()
    assert Answer.objects.filter(application=ready_application).count() == 12  # the saved answers are all there

    response = rep_client.post(submit, {"confirmed": "1"})  # the person retries once the database is back
    assert response.status_code == 302
    ready_application.refresh_from_db()
    assert ready_application.status == Status.SUBMITTED and ready_application.revisions.count() == 1
    assert ApplicationEvent.objects.filter(to_status=Status.SUBMITTED).count() == 1


def test_a_save_then_a_restart_then_submit_keeps_the_save_and_submits(rep_client, ready_application):
    criterion = ready_application.standard.criteria.get(code="1")
    response = rep_client.post(reverse("assessments:answer_save", args=[ready_application.pk, criterion.pk]),
                               {"value": "9", "narrative": "重启前保存的说明"})
    assert response.status_code == 200

    terminate_this_connection()  # the persistent connection (CONN_MAX_AGE) dies while the page is open
    # Every request start runs close_old_connections(); the test client skips it, so do it here. With
    # CONN_HEALTH_CHECKS it finds the dead connection and opens a new one instead of failing the request.
    close_old_connections()
    response = rep_client.post(reverse("assessments:submit", args=[ready_application.pk]), {"confirmed": "1"})
    assert response.status_code == 302
    ready_application.refresh_from_db()
    assert ready_application.status == Status.SUBMITTED
    answer = Answer.objects.get(application=ready_application, criterion=criterion)
    assert (answer.value, answer.narrative) == ("9", "重启前保存的说明")
    assert ready_application.revisions.get().snapshot["score"]["total"] == "99"
