"""Unified login through a real OpenID Connect provider (a second Django process running django-oidc-provider)."""

import html
import re

import pytest
import requests
from django.test import Client
from django.urls import reverse

from apps.accounts.identities import identity_approve
from apps.accounts.models import ExternalIdentity, IdentityStatus

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def platform(identity_provider, settings):
    for name, value in identity_provider.portal_settings().items():
        setattr(settings, name, value)
    return identity_provider


@pytest.fixture
def cas(cas_server, settings):
    for name, value in cas_server.portal_settings().items():
        setattr(settings, name, value)
    return cas_server


def _through_the_platform(browser: requests.Session, start: str, platform) -> requests.Response:
    """Start a unified login on the portal and, if the platform shows its login form, log in there as its person."""
    response = browser.get(start)
    if response.url.startswith(platform.url) and 'name="password"' in response.text:
        fields = dict(re.findall(r'<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"', response.text))
        fields = {name: html.unescape(value) for name, value in fields.items()}
        fields.update(username=platform.person, password=platform.person_password)
        response = browser.post(response.url, data=fields, headers={"Referer": response.url})
    return response


def test_a_first_platform_login_waits_for_approval_and_then_opens_the_linked_account(platform, live_server, cast):
    browser = requests.Session()
    assert "使用测试省统一身份认证平台登录" in browser.get(f"{live_server.url}/accounts/login/").text

    waiting = _through_the_platform(browser, f"{live_server.url}/accounts/unified/login/", platform)
    assert waiting.status_code == 403
    assert waiting.url == f"{live_server.url}/accounts/unified/pending/"
    assert "张伟，您已通过统一身份认证，但该身份尚未关联本平台账号" in waiting.text
    identity = ExternalIdentity.objects.get()
    assert (identity.status, identity.name, identity.email) == (
        IdentityStatus.PENDING, "张伟", "zhang.wei@example.gov.cn")
    assert identity.issuer == f"{platform.url}/openid"
    assert browser.get(f"{live_server.url}/home/", allow_redirects=False).status_code == 302  # not logged in

    admin = Client()
    admin.force_login(cast.security_admin)
    assert "张伟" in admin.get(reverse("accounts:identity_list")).content.decode()
    refused = admin.post(reverse("accounts:identity_decide", args=[identity.pk]), {"username": "no-such-user"})
    assert refused.status_code == 400 and "没有用户名为“no-such-user”的门户账号" in refused.content.decode()
    assert 'value="no-such-user"' in refused.content.decode()  # what was typed stays
    admin.post(reverse("accounts:identity_decide", args=[identity.pk]), {"username": cast.county_admin_x.username})
    identity.refresh_from_db()
    assert (identity.status, identity.user, identity.decided_by) == (
        IdentityStatus.APPROVED, cast.county_admin_x, cast.security_admin)

    # The platform remembers the person: straight back to the portal, now into the linked account.
    home = _through_the_platform(browser, f"{live_server.url}/accounts/unified/login/", platform)
    assert home.status_code == 200 and home.url.startswith(live_server.url)
    assert str(cast.county_admin_x) in home.text and "退出登录" in home.text


def test_a_rejected_identity_stays_out(platform, live_server, cast):
    browser = requests.Session()
    _through_the_platform(browser, f"{live_server.url}/accounts/unified/login/", platform)
    identity = ExternalIdentity.objects.get()
    admin = Client()
    admin.force_login(cast.security_admin)
    admin.post(reverse("accounts:identity_decide", args=[identity.pk]), {"decision": "reject"})

    again = _through_the_platform(browser, f"{live_server.url}/accounts/unified/login/", platform)
    assert again.status_code == 403 and "关联申请未获同意" in again.text


def test_a_cas_login_waits_for_approval_and_then_opens_the_linked_account(cas, live_server, cast):
    browser = requests.Session()
    assert "使用测试省CAS认证平台登录" in browser.get(f"{live_server.url}/accounts/login/").text

    waiting = _through_the_platform(browser, f"{live_server.url}/accounts/unified/cas/", cas)
    assert waiting.status_code == 403 and waiting.url == f"{live_server.url}/accounts/unified/pending/"
    assert "李娜，您已通过统一身份认证，但该身份尚未关联本平台账号" in waiting.text
    identity = ExternalIdentity.objects.get()
    assert (identity.issuer, identity.subject, identity.email) == (f"{cas.url}/cas/", "lina", "li.na@example.gov.cn")

    identity_approve(identity=identity, user=cast.city_admin, by=cast.security_admin)
    home = _through_the_platform(browser, f"{live_server.url}/accounts/unified/cas/", cas)
    assert home.status_code == 200 and home.url == f"{live_server.url}/home/"
    assert str(cast.city_admin) in home.text and "退出登录" in home.text


def test_only_the_security_admin_decides_on_identities(cast):
    identity = ExternalIdentity.objects.create(issuer="https://idp.example.gov.cn/openid", subject="s1", name="李四")
    for user in (cast.city_admin, cast.county_admin_x, cast.system_admin, cast.audit_admin):
        client = Client()
        client.force_login(user)
        assert client.get(reverse("accounts:identity_list")).status_code == 403
        response = client.post(reverse("accounts:identity_decide", args=[identity.pk]),
                               {"username": user.username})
        assert response.status_code == 403
    identity.refresh_from_db()
    assert identity.status == IdentityStatus.PENDING


def test_unified_login_pages_do_not_exist_unless_enabled(client, settings):
    settings.OIDC_ENABLED = False
    settings.CAS_ENABLED = False
    for name in ("accounts:unified_login", "accounts:unified_callback", "accounts:unified_pending",
                 "accounts:cas_login"):
        assert client.get(reverse(name)).status_code == 404
    assert "统一身份认证" not in client.get(reverse("accounts:login")).content.decode()
