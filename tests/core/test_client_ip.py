"""The client's address behind the TLS proxy: believed from trusted proxies only, the same for every use."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ImproperlyConfigured
from django.test import Client, RequestFactory
from django_ratelimit.core import is_ratelimited

from apps.core.client_ip import client_ip, parse_networks

from ..factories import RiskEventFactory

PROXY = "10.0.0.5"


@pytest.fixture
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = parse_networks(["10.0.0.0/24"])
    return settings


def _request(remote_addr: str, forwarded_for: str | None = None):
    extra = {"REMOTE_ADDR": remote_addr}
    if forwarded_for is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded_for
    return RequestFactory().get("/", **extra)


def test_a_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored(behind_proxy):
    assert client_ip(_request("198.51.100.7", "203.0.113.1")) == "198.51.100.7"


def test_with_no_trusted_proxy_configured_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = ()
    assert client_ip(_request(PROXY, "203.0.113.1")) == PROXY


def test_from_a_trusted_proxy_the_real_client_is_used(behind_proxy):
    assert client_ip(_request(PROXY, "203.0.113.1")) == "203.0.113.1"


def test_what_the_client_prepends_to_the_header_is_not_believed(behind_proxy):
    # The client sent "X-Forwarded-For: 192.0.2.99"; our proxy appended the address it saw.
    assert client_ip(_request(PROXY, "192.0.2.99, 203.0.113.1")) == "203.0.113.1"
    # Two trusted proxies in a row: the nearest untrusted hop is the client.
    assert client_ip(_request(PROXY, "192.0.2.99, 203.0.113.1, 10.0.0.9")) == "203.0.113.1"
    # Garbage in the header: no further than the last proxy that spoke.
    assert client_ip(_request(PROXY, "not-an-address")) == PROXY


def test_trusted_proxies_are_parsed_strictly():
    assert parse_networks(["10.0.0.5", "fd00::/8"])[0].num_addresses == 1
    for typo in ("10.0.0.1/8", "10.0.0", "proxy.local", "10.0.0.0/33"):
        with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXIES"):
            parse_networks([typo])


def test_lockout_of_a_user_from_one_address_does_not_block_them_from_another(behind_proxy, cast):
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.66")
    for _ in range(5):
        attacker.post("/accounts/login/", {"username": "rep_a", "password": "wrong"})
    assert attacker.post("/accounts/login/", {"username": "rep_a", "password": "Test-pass-2026"}).status_code == 429

    owner = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.10")
    response = owner.post("/accounts/login/", {"username": "rep_a", "password": "Test-pass-2026"})
    assert response.status_code == 302 and "_auth_user_id" in owner.session


def test_a_spoofed_forwarded_for_does_not_escape_the_lockout(behind_proxy, cast):
    for number in range(6):
        response = Client(REMOTE_ADDR="198.51.100.7", HTTP_X_FORWARDED_FOR=f"203.0.113.{number}").post(
            "/accounts/login/", {"username": "rep_a", "password": "wrong"})
    assert response.status_code == 429


def test_rate_limits_count_per_real_client_behind_the_proxy(behind_proxy):
    def limited(request) -> bool:
        return is_ratelimited(request, group="test.client_ip", key="ip", rate="2/h", increment=True)

    first = [limited(_request(PROXY, "203.0.113.1")) for _ in range(3)]
    assert first == [False, False, True]
    assert not limited(_request(PROXY, "203.0.113.2"))  # another person behind the same proxy
    spoofed = [limited(_request("198.51.100.7", f"203.0.113.{n}")) for n in range(10, 13)]
    assert spoofed == [False, False, True]  # a made-up header from elsewhere buys no fresh quota


def test_the_audit_trail_records_the_real_client_not_what_the_client_claims(behind_proxy, cast):
    from django.http import HttpResponse

    from apps.audit.middleware import AuditlogMiddleware

    def change_from(request) -> str:
        made = []

        def view(request):
            made.append(RiskEventFactory(unit=cast.unit_a))
            return HttpResponse()

        request.user = cast.county_admin_x
        AuditlogMiddleware(view)(request)
        return LogEntry.objects.get_for_object(made[0]).get().remote_addr

    assert change_from(_request(PROXY, "192.0.2.99, 203.0.113.1")) == "203.0.113.1"
    assert change_from(_request("198.51.100.7", "192.0.2.99")) == "198.51.100.7"
