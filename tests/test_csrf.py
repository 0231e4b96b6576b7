import pytest
from django.test import Client

from .url_protection import iter_patterns

pytestmark = pytest.mark.django_db

# Views that may accept a POST without a CSRF token. Token-authenticated
# machine APIs belong here; a browser form never does.
CSRF_EXEMPT_URL_NAMES: set[str] = {
    # Machine API for other government systems: authenticated by a token header, never by a
    # browser session cookie, so a forged cross-site request carries no credentials.
    "api:risk_events",
    "api:risk_event",
    "api:schema",
    "api:not_found",  # the API's answer to an unknown address: 401/404 in JSON, no session involved
}


def test_every_post_needs_a_csrf_token(cast):
    client = Client(enforce_csrf_checks=True)
    client.force_login(cast.city_admin)
    accepted = []
    for name, path in iter_patterns():
        if name in CSRF_EXEMPT_URL_NAMES:
            continue
        response = client.post(path, {"anything": "1"})
        if response.status_code != 403 or "页面已过期" not in response.content.decode():
            accepted.append(f"{name} POST {path} → {response.status_code}")
    assert accepted == []


def test_csrf_failure_page_is_in_chinese(cast):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "rep_a", "password": "Test-pass-2026"})
    assert response.status_code == 403
    assert "页面已过期" in response.content.decode()
