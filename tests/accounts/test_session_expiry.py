"""Sessions end when the browser closes, after SESSION_IDLE_TIMEOUT without a request, and at the latest
SESSION_COOKIE_AGE after logging in."""

import datetime

import pytest
import time_machine
from django.conf import settings

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 5, 6, 9, 0, tzinfo=datetime.UTC)


def _log_in(client):
    response = client.post("/accounts/login/", {"username": "rep_a", "password": "Test-pass-2026"})
    assert response.status_code == 302, "the cast's password logs in"
    return response


def test_the_session_cookie_lives_only_as_long_as_the_browser(client, cast):
    cookie = _log_in(client).cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["expires"] == "" and cookie["max-age"] == "", "no lifetime: the browser drops it on close"
    assert cookie["httponly"]


def test_a_session_older_than_the_cookie_age_is_sent_to_the_login_page(client, cast, settings):
    settings.SESSION_IDLE_TIMEOUT = 0  # the absolute limit on its own
    age = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    with time_machine.travel(START, tick=False) as clock:
        _log_in(client)
        clock.move_to(START + age - datetime.timedelta(minutes=1))
        assert client.get("/home/").status_code == 200, "still valid just before the limit"
        clock.move_to(START + age + datetime.timedelta(minutes=1))
        response = client.get("/home/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/home/")


def test_working_through_the_day_does_not_stretch_the_session(client, cast):
    """Requests do not renew the session: eight hours after logging in it ends, however busy the user was."""
    age = datetime.timedelta(seconds=settings.SESSION_COOKIE_AGE)
    with time_machine.travel(START, tick=False) as clock:
        _log_in(client)
        for minutes in range(20, int(age.total_seconds() // 60), 20):
            clock.move_to(START + datetime.timedelta(minutes=minutes))
            assert client.get("/home/").status_code == 200
            client.session.save()  # a page that writes to the session (e.g. an import preview) does not either
        clock.move_to(START + age + datetime.timedelta(seconds=30))
        assert client.get("/home/").status_code == 302


def test_an_idle_session_is_logged_out_after_the_idle_timeout(client, cast, settings):
    settings.SESSION_IDLE_TIMEOUT = 30 * 60
    with time_machine.travel(START, tick=False) as clock:
        _log_in(client)
        clock.move_to(START + datetime.timedelta(minutes=29))
        assert client.get("/home/").status_code == 200, "29 minutes idle: still signed in"
        clock.move_to(START + datetime.timedelta(minutes=29 + 31))
        response = client.get("/home/")
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/?next=/home/")
        assert "自动退出" in client.get(response["Location"]).content.decode()
        assert client.get("/home/").status_code == 302, "the session is gone, not just the one request refused"


def test_no_idle_limit_when_it_is_set_to_zero(client, cast, settings):
    settings.SESSION_IDLE_TIMEOUT = 0
    with time_machine.travel(START, tick=False) as clock:
        _log_in(client)
        clock.move_to(START + datetime.timedelta(hours=3))
        assert client.get("/home/").status_code == 200
