"""Sign-in, sign-out and failed sign-in are in the Chinese audit viewer (等保 2.0 安全审计, 15.9)."""

import pytest
from django.test import Client

from apps.accounts.models import AccountEvent, AccountEventKind

pytestmark = pytest.mark.django_db

EVENTS = "/audit/accounts/"


def _sign_in_and_out():
    person = Client()
    person.post("/accounts/login/", {"username": "rep_a", "password": "wrong"})
    person.post("/accounts/login/", {"username": "ghost", "password": "wrong"})
    person.post("/accounts/login/", {"username": "rep_a", "password": "Test-pass-2026"})
    person.post("/accounts/logout/")
    other_city = Client()
    other_city.post("/accounts/login/", {"username": "city_admin_other", "password": "Test-pass-2026"})


def test_logins_logouts_and_failures_are_recorded_with_the_address(cast):
    _sign_in_and_out()
    rows = list(AccountEvent.objects.filter(username__in=["rep_a", "ghost"]).order_by("pk")
                .values_list("username", "kind", "ip_address"))
    assert rows == [
        ("rep_a", AccountEventKind.LOGIN_FAILED, "127.0.0.1"),
        ("ghost", AccountEventKind.LOGIN_FAILED, "127.0.0.1"),
        ("rep_a", AccountEventKind.LOGIN, "127.0.0.1"),
        ("rep_a", AccountEventKind.LOGOUT, "127.0.0.1"),
    ]


def test_the_audit_admin_reads_them_in_chinese_in_the_audit_viewer(client, cast):
    _sign_in_and_out()
    client.force_login(cast.audit_admin)
    page = client.get(EVENTS).content.decode()
    for text in ("登录与账号安全记录", "登录成功", "登录失败", "退出登录", "ghost", "rep_a", "127.0.0.1"):
        assert text in page
    assert ">login_failed<" not in page, "no raw codes"


def test_the_city_admin_sees_the_events_of_its_own_people_only(client, cast):
    _sign_in_and_out()
    client.force_login(cast.city_admin)
    page = client.get(EVENTS).content.decode()
    assert "<td>rep_a" in page
    assert "ghost" not in page, "a name without an account belongs to no city: the system admin's"
    assert "city_admin_other" not in page


def test_the_records_are_for_the_audit_viewers_only(client, cast):
    for user in (cast.county_admin_x, cast.rep_a):
        client.force_login(user)
        assert client.get(EVENTS).status_code == 403


def test_the_audit_viewer_links_to_the_records(client, cast):
    client.force_login(cast.city_admin)
    assert 'href="/audit/accounts/"' in client.get("/audit/").content.decode()
