"""等保 2.0 level 3 password rules (15.9): complexity, no reuse, expiry, strict settings."""

import datetime

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ImproperlyConfigured, ValidationError

from apps.accounts.models import PasswordHistoryEntry
from hlr_portal.settings.base import env_int

pytestmark = pytest.mark.django_db


def _change(client, old: str, new: str):
    return client.post("/accounts/password/", {"old_password": old, "new_password1": new, "new_password2": new})


@pytest.mark.parametrize("password", ["abcdefgh12", "ABCDEFGH12", "abcdefgh!!", "Abcdefghij"])
def test_a_password_of_fewer_than_three_character_classes_is_refused(cast, password):
    with pytest.raises(ValidationError) as error:
        validate_password(password, cast.rep_a)
    assert "至少 3 类" in " ".join(error.value.messages)


def test_a_password_of_three_classes_and_eight_characters_is_accepted(cast):
    validate_password("Qwert-9z", cast.rep_a)


def test_a_short_password_is_refused_even_with_every_class(cast):
    with pytest.raises(ValidationError):
        validate_password("Qw-9zx", cast.rep_a)


def test_a_password_containing_the_username_is_refused(cast):
    with pytest.raises(ValidationError) as error:
        validate_password("XRep_A-2026!", cast.rep_a)
    assert "不能包含用户名" in " ".join(error.value.messages)


def test_the_change_form_refuses_the_current_and_recent_passwords(client, cast, settings):
    settings.PASSWORD_HISTORY_COUNT = 3
    client.force_login(cast.rep_a)
    response = _change(client, "Test-pass-2026", "Test-pass-2026")
    assert response.status_code == 200 and "最近使用过的 3 个密码" in response.content.decode()
    passwords = ["Test-pass-2026", "Second-pass-1", "Third-pass-22", "Fourth-pass-333"]
    for old, new in zip(passwords, passwords[1:], strict=False):
        assert _change(client, old, new).status_code == 302
    assert _change(client, "Fourth-pass-333", "Second-pass-1").status_code == 200, "one of the last three"
    assert _change(client, "Fourth-pass-333", "Test-pass-2026").status_code == 302, "four back is allowed again"
    assert PasswordHistoryEntry.objects.filter(user=cast.rep_a).count() == 3, "only what is checked is kept"


def test_an_expired_password_leads_every_page_to_the_change_form(client, cast, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    start = cast.rep_a.password_changed_at
    assert start is not None, "setting a password records when"
    with time_machine.travel(start + datetime.timedelta(days=89), tick=False):
        client.post("/accounts/login/", {"username": "rep_a", "password": "Test-pass-2026"})
        assert client.get("/home/").status_code == 200
    with time_machine.travel(start + datetime.timedelta(days=91), tick=False):
        client.post("/accounts/login/", {"username": "rep_a", "password": "Test-pass-2026"})
        response = client.get("/home/")
        assert response.status_code == 302 and response["Location"].startswith("/accounts/password/")
        assert "超过有效期" in client.get("/accounts/password/").content.decode()
        assert _change(client, "Test-pass-2026", "Renewed-pass-91").status_code == 302
        assert client.get("/home/").status_code == 200


def test_passwords_do_not_expire_when_the_age_is_zero(client, cast, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 0
    client.force_login(cast.rep_a)
    with time_machine.travel(cast.rep_a.password_changed_at + datetime.timedelta(days=1000), tick=False):
        client.force_login(cast.rep_a)
        assert client.get("/home/").status_code == 200


@pytest.mark.parametrize("raw", ["9O", "ninety", "-1", "1.5"])
def test_a_mistyped_number_setting_stops_the_process(monkeypatch, raw):
    monkeypatch.setenv("PASSWORD_MAX_AGE_DAYS", raw)
    with pytest.raises(ImproperlyConfigured):
        env_int("PASSWORD_MAX_AGE_DAYS", 90)


def test_a_number_setting_is_read_and_defaults_when_unset(monkeypatch):
    monkeypatch.setenv("PASSWORD_MAX_AGE_DAYS", " 30 ")
    assert env_int("PASSWORD_MAX_AGE_DAYS", 90) == 30
    monkeypatch.delenv("PASSWORD_MAX_AGE_DAYS")
    assert env_int("PASSWORD_MAX_AGE_DAYS", 90) == 90


def test_guessing_the_current_password_on_the_change_form_is_stopped_after_five_tries(client, cast):
    client.force_login(cast.rep_a)
    for _ in range(5):
        response = _change(client, "guess-Pass-1", "Brand-new-pass-5")
        assert "当前密码输错次数过多" not in response.content.decode()
    response = _change(client, "Test-pass-2026", "Brand-new-pass-5")
    assert response.status_code == 200 and "当前密码输错次数过多，请 30 分钟后再试" in response.content.decode()
    cast.rep_a.refresh_from_db()
    assert cast.rep_a.check_password("Test-pass-2026"), "even the right password is not tried during the pause"

    client.force_login(cast.rep_b)
    assert _change(client, "Test-pass-2026", "Brand-new-pass-5").status_code == 302, "other users are not paused"


def test_a_successful_change_clears_the_wrong_guesses(client, cast):
    client.force_login(cast.rep_a)
    for _ in range(4):
        _change(client, "guess-Pass-1", "Brand-new-pass-5")
    assert _change(client, "Test-pass-2026", "Brand-new-pass-5").status_code == 302
    for _ in range(4):
        _change(client, "guess-Pass-1", "Other-new-pass-6")
    assert _change(client, "Brand-new-pass-5", "Other-new-pass-6").status_code == 302
