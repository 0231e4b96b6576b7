import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from apps.accounts.models import Membership, Role
from apps.accounts.services import membership_grant

pytestmark = pytest.mark.django_db


def test_login_page_is_in_chinese_with_labelled_fields(client):
    page = client.get("/accounts/login/").content.decode()
    assert 'for="id_username"' in page and "用户名" in page
    assert 'for="id_password"' in page and "密码" in page


def test_the_kept_empty_login_form_is_the_same_for_everyone_and_a_refused_one_is_not_kept(client, cast):
    first = client.get("/accounts/login/").content.decode()  # rendered and kept (apps/core/public_cache.py)
    client.post("/accounts/login/", {"username": "rep_a", "password": "wrong"})
    again = client.get("/accounts/login/").content.decode()
    assert 'name="username"' in again and "rep_a" not in again and "用户名或密码不正确" not in again
    assert 'name="csrfmiddlewaretoken"' in first and 'name="csrfmiddlewaretoken"' in again  # outside the kept part


def test_wrong_password_gets_a_chinese_message_and_keeps_the_username(client, cast):
    response = client.post("/accounts/login/", {"username": "rep_a", "password": "wrong"})
    page = response.content.decode()
    assert "用户名或密码不正确" in page
    assert 'value="rep_a"' in page


def test_repeated_failures_lock_the_account_even_with_the_right_password(client, cast):
    for _ in range(5):
        client.post("/accounts/login/", {"username": "rep_a", "password": "wrong"})
    response = client.post("/accounts/login/", {"username": "rep_a", "password": "Test-pass-2026"})
    assert response.status_code == 429
    assert "已锁定" in response.content.decode()
    assert AccessAttempt.objects.filter(username="rep_a").exists()


def test_logout_needs_post_and_ends_the_session(client, cast):
    client.force_login(cast.rep_a)
    assert client.get("/accounts/logout/").status_code == 405
    client.post("/accounts/logout/")
    assert client.get("/home/").status_code == 302


def test_password_change_applies_django_validators(client, cast):
    client.force_login(cast.rep_a)
    response = client.post(
        "/accounts/password/",
        {"old_password": "Test-pass-2026", "new_password1": "12345678", "new_password2": "12345678"},
    )
    assert "密码" in response.content.decode() and response.status_code == 200
    cast.rep_a.refresh_from_db()
    assert cast.rep_a.check_password("Test-pass-2026")

    response = client.post(
        "/accounts/password/",
        {"old_password": "Test-pass-2026", "new_password1": "Hlr-new-pass-77", "new_password2": "Hlr-new-pass-77"},
    )
    assert response.status_code == 302
    cast.rep_a.refresh_from_db()
    assert cast.rep_a.check_password("Hlr-new-pass-77")


def test_sessions_expire_at_browser_close_and_after_a_working_day(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


def test_staff_role_must_be_bound_to_a_region_of_its_level(cast, regions):
    with pytest.raises(ValidationError):
        membership_grant(user=cast.no_role, role=Role.COUNTY_ADMIN, region=regions.city)
    with pytest.raises(ValidationError):
        membership_grant(user=cast.no_role, role=Role.CITY_ADMIN, region=None)


def test_database_refuses_a_unit_rep_without_a_unit(cast):
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=cast.no_role, role=Role.UNIT_REP)


def test_database_refuses_a_reviewer_without_a_party(cast, regions):
    with pytest.raises(IntegrityError):
        Membership.objects.create(user=cast.no_role, role=Role.COUNTY_REVIEWER, region=regions.county_x)
