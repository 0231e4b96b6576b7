import json

import pytest

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_redis_up(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok", "redis": "ok"}


def test_healthz_answers_503_when_redis_does_not(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["redis"] == "down"
    assert json.loads(response.content)["database"] == "ok"


def test_healthz_answers_503_when_the_database_does_not(client, monkeypatch):
    from apps.core import views

    monkeypatch.setattr(views, "database_ok", lambda: False)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert json.loads(response.content)["database"] == "down"


def test_liveness_answers_ok_without_asking_the_database_or_redis(client, settings, django_assert_num_queries):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1: liveness must not care
    with django_assert_num_queries(0):
        response = client.get("/healthz/live")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "sessionid" not in response.cookies
