"""Forgotten passwords: the e-mailed link, and the administrator above the user (14.11)."""

import re

import pytest
from django.core import mail

from apps.accounts.models import AccountEvent, AccountEventKind, Role
from apps.accounts.services import membership_grant

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Hlr-new-pass-77"


def _link(message) -> str:
    return re.search(r"https?://\S+/accounts/password/reset/\S+/\S+/", message.body).group(0)


def test_login_page_links_the_reset_and_the_sign_up_and_says_whom_to_call(client):
    page = client.get("/accounts/login/").content.decode()
    assert 'href="/accounts/password/reset/"' in page
    assert 'href="/registry/signup/"' in page
    assert "三方办公室" in page


def test_the_reset_mail_has_an_absolute_link_on_the_public_address(client, cast, settings):
    settings.PUBLIC_BASE_URL = "https://hlr.example.gov.cn"
    cast.rep_a.email = "rep_a@example.cn"
    cast.rep_a.save()
    response = client.post("/accounts/password/reset/", {"email": "REP_A@example.cn"})
    assert response.status_code == 302 and response["Location"] == "/accounts/password/reset/sent/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["rep_a@example.cn"]
    assert "重置" in message.subject and "密码" in message.subject
    assert _link(message).startswith("https://hlr.example.gov.cn/accounts/password/reset/")


def test_an_unknown_address_sends_nothing_and_looks_the_same(client, cast):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.cn"})
    assert response["Location"] == "/accounts/password/reset/sent/"
    assert mail.outbox == []


def test_the_link_sets_a_new_password_once_and_is_recorded(client, cast):
    cast.rep_a.email = "rep_a@example.cn"
    cast.rep_a.must_change_password = True
    cast.rep_a.save()
    client.post("/accounts/password/reset/", {"email": "rep_a@example.cn"})
    link = _link(mail.outbox[0]).removeprefix("http://localhost")
    form_url = client.get(link)["Location"]  # Django moves the token into the session first
    page = client.get(form_url).content.decode()
    assert "设置新密码" in page and "新密码" in page
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == "/accounts/password/reset/complete/"
    cast.rep_a.refresh_from_db()
    assert cast.rep_a.check_password(NEW_PASSWORD)
    assert cast.rep_a.must_change_password is False
    assert AccountEvent.objects.filter(user=cast.rep_a, kind=AccountEventKind.PASSWORD_RESET_BY_EMAIL).exists()
    assert "无效" in client.get(link, follow=True).content.decode(), "the link works once"


def test_a_county_admin_gives_a_temporary_password_that_must_be_changed_at_login(client, cast):
    client.force_login(cast.county_admin_x)
    response = client.post(f"/accounts/users/{cast.rep_a.pk}/password/",
                           {"password1": "Temp-pass-2026", "password2": "Temp-pass-2026"})
    assert response.status_code == 302
    cast.rep_a.refresh_from_db()
    assert cast.rep_a.check_password("Temp-pass-2026") and cast.rep_a.must_change_password
    event = AccountEvent.objects.get(user=cast.rep_a, kind=AccountEventKind.TEMPORARY_PASSWORD_SET)
    assert event.by == cast.county_admin_x
    client.force_login(cast.city_admin)
    assert "管理员设置临时密码" in client.get("/audit/accounts/").content.decode(), "the reset is in the records"

    client.logout()
    client.post("/accounts/login/", {"username": "rep_a", "password": "Temp-pass-2026"})
    response = client.get("/home/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/password/?next=/home/")
    assert "临时密码" in client.get("/accounts/password/").content.decode()
    client.post("/accounts/password/", {"old_password": "Temp-pass-2026", "new_password1": NEW_PASSWORD,
                                        "new_password2": NEW_PASSWORD})
    cast.rep_a.refresh_from_db()
    assert cast.rep_a.must_change_password is False
    assert client.get("/home/").status_code == 200


def test_a_temporary_password_follows_the_password_rules(client, cast):
    client.force_login(cast.county_admin_x)
    response = client.post(f"/accounts/users/{cast.rep_a.pk}/password/", {"password1": "12345678",
                                                                          "password2": "12345678"})
    assert response.status_code == 200 and "密码" in response.content.decode()
    cast.rep_a.refresh_from_db()
    assert not cast.rep_a.must_change_password


def test_the_admin_sends_the_reset_link_to_the_users_address(client, cast):
    cast.township_staff_x.email = "town@example.cn"
    cast.township_staff_x.save()
    client.force_login(cast.county_admin_x)
    response = client.post(f"/accounts/users/{cast.township_staff_x.pk}/password/link/")
    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [["town@example.cn"]]
    assert AccountEvent.objects.filter(user=cast.township_staff_x, kind=AccountEventKind.RESET_LINK_SENT,
                                       by=cast.county_admin_x).exists()


def test_without_an_address_the_admin_is_told_to_set_a_temporary_password(client, cast):
    client.force_login(cast.county_admin_x)
    response = client.post(f"/accounts/users/{cast.rep_a.pk}/password/link/", follow=True)
    assert "未登记电子邮箱" in response.content.decode()
    assert mail.outbox == []


def test_a_county_admin_cannot_reset_a_user_of_another_county(client, cast):
    client.force_login(cast.county_admin_x)
    for path in (f"/accounts/users/{cast.rep_b.pk}/password/", f"/accounts/users/{cast.reviewer_y.pk}/password/"):
        assert client.get(path).status_code == 404
        assert client.post(path, {"password1": "Temp-pass-2026", "password2": "Temp-pass-2026"}).status_code == 404
    assert client.post(f"/accounts/users/{cast.rep_b.pk}/password/link/").status_code == 404
    cast.rep_b.refresh_from_db()
    assert not cast.rep_b.must_change_password


def test_a_county_admin_reaches_its_reps_and_staff_but_not_its_peers_or_the_city(client, cast):
    client.force_login(cast.county_admin_x)
    page = client.get("/accounts/users/").content.decode()
    for username in ("rep_a", "township_x", "coordinator_x", "reviewer_hrss_x"):
        assert username in page
    for username in ("rep_b", "reviewer_y", "city_admin", "county_admin_y", "sysadmin"):
        assert username not in page
    assert client.get(f"/accounts/users/{cast.city_admin.pk}/password/").status_code == 404


def test_the_city_admin_resets_county_staff_of_its_city_only(client, cast):
    client.force_login(cast.city_admin)
    assert client.get(f"/accounts/users/{cast.county_admin_x.pk}/password/").status_code == 200
    assert client.get(f"/accounts/users/{cast.county_admin_y.pk}/password/").status_code == 200
    assert client.get(f"/accounts/users/{cast.rep_a.pk}/password/").status_code == 404, "units go to the county"
    client.force_login(cast.city_admin_other)
    assert client.get(f"/accounts/users/{cast.county_admin_x.pk}/password/").status_code == 404


def test_a_user_holding_a_role_beyond_the_admins_reach_is_left_to_the_admin_above(client, cast, regions):
    membership_grant(user=cast.rep_a, role=Role.COUNTY_ADMIN, region=regions.county_y)
    client.force_login(cast.county_admin_x)
    assert client.get(f"/accounts/users/{cast.rep_a.pk}/password/").status_code == 404


def test_other_roles_cannot_reset_passwords(client, cast):
    for user in (cast.rep_a, cast.reviewers_x["hrss"], cast.township_staff_x):
        client.force_login(user)
        assert client.get("/accounts/users/").status_code == 403
        assert client.get(f"/accounts/users/{cast.rep_a.pk}/password/").status_code == 403


@pytest.fixture
def mail_server_down(settings):
    """A real SMTP connection to a port where nothing listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2


def test_a_mail_server_that_is_down_is_explained_not_a_500(client, cast, mail_server_down):
    cast.rep_a.email = "rep_a@example.cn"
    cast.rep_a.save()
    response = client.post("/accounts/password/reset/", {"email": "rep_a@example.cn"})
    page = response.content.decode()
    assert response.status_code == 200 and "邮件暂时无法发送" in page and 'value="rep_a@example.cn"' in page


def test_the_admin_is_told_when_the_link_cannot_be_mailed(client, cast, mail_server_down):
    cast.rep_a.email = "rep_a@example.cn"
    cast.rep_a.save()
    client.force_login(cast.county_admin_x)
    response = client.post(f"/accounts/users/{cast.rep_a.pk}/password/link/", follow=True)
    assert "邮件暂时无法发送" in response.content.decode()
    assert not AccountEvent.objects.filter(kind=AccountEventKind.RESET_LINK_SENT).exists()
