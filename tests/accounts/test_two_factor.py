"""Two-factor login (TOTP) for the roles that administer others (15.9, 等保 2.0 level 3)."""

import pytest
from django.core.exceptions import ImproperlyConfigured
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.models import AccountEvent, AccountEventKind, Role
from hlr_portal.settings.base import env_choices

pytestmark = pytest.mark.django_db

ADMIN_ROLES = ["system_admin", "city_admin", "county_admin"]


@pytest.fixture
def two_factor(settings):
    settings.OTP_REQUIRED_ROLES = ADMIN_ROLES


def _code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def _log_in(client, username: str):
    assert client.post("/accounts/login/", {"username": username, "password": "Test-pass-2026"}).status_code == 302


def test_a_county_admin_binds_an_authenticator_before_anything_else(client, cast, two_factor):
    _log_in(client, "county_admin_x")
    response = client.get("/home/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/two-factor/setup/?next=/home/")
    page = client.get(response["Location"]).content.decode()
    assert "绑定身份验证器" in page and "data:image/svg+xml" in page and 'for="id_token"' in page
    device = TOTPDevice.objects.get(user=cast.county_admin_x, confirmed=False)

    response = client.post("/accounts/two-factor/setup/", {"token": "000000", "next": "/home/"})
    assert "验证码不正确" in response.content.decode()
    assert client.get("/home/").status_code == 302, "still held"
    device.refresh_from_db()
    device.throttling_failure_count, device.throttling_failure_timestamp = 0, None  # the wrong try is throttled
    device.save()

    response = client.post("/accounts/two-factor/setup/", {"token": _code(device), "next": "/home/"})
    assert response.status_code == 302 and response["Location"] == "/home/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get("/home/").status_code == 200
    assert AccountEvent.objects.filter(user=cast.county_admin_x, kind=AccountEventKind.TWO_FACTOR_SET_UP).exists()


def test_with_a_bound_authenticator_every_login_asks_for_its_code(client, cast, two_factor):
    device = TOTPDevice.objects.create(user=cast.city_admin, name="authenticator", confirmed=True)
    _log_in(client, "city_admin")
    response = client.get("/audit/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/two-factor/verify/")
    response = client.post("/accounts/two-factor/verify/", {"token": "123456", "next": "/audit/"})
    assert "验证码不正确" in response.content.decode()
    assert AccountEvent.objects.filter(user=cast.city_admin, kind=AccountEventKind.TWO_FACTOR_FAILED).count() == 1
    device.refresh_from_db()
    device.throttling_failure_count, device.throttling_failure_timestamp = 0, None  # the wrong try is throttled
    device.save()
    response = client.post("/accounts/two-factor/verify/", {"token": _code(device), "next": "/audit/"})
    assert response["Location"] == "/audit/"
    assert client.get("/audit/").status_code == 200


def test_a_unit_rep_logs_in_with_the_password_alone(client, cast, two_factor):
    _log_in(client, "rep_a")
    assert client.get("/home/").status_code == 200


def test_the_code_leads_only_back_into_the_portal(client, cast, two_factor):
    device = TOTPDevice.objects.create(user=cast.county_admin_x, name="authenticator", confirmed=True)
    _log_in(client, "county_admin_x")
    response = client.post("/accounts/two-factor/verify/", {"token": _code(device), "next": "https://evil.example/"})
    assert response["Location"] == "/home/"


def test_the_required_roles_setting_names_real_roles_only(monkeypatch):
    choices = tuple(Role.values)
    monkeypatch.setenv("OTP_REQUIRED_ROLES", "city_admin, county_admim")
    with pytest.raises(ImproperlyConfigured):
        env_choices("OTP_REQUIRED_ROLES", "", choices=choices)
    monkeypatch.setenv("OTP_REQUIRED_ROLES", "city_admin,county_admin")
    assert env_choices("OTP_REQUIRED_ROLES", "", choices=choices) == ["city_admin", "county_admin"]
