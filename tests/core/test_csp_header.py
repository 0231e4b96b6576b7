"""The Content-Security-Policy header built once (apps.core.middleware): the same as django-csp's, per response."""

import pytest
from csp.constants import HEADER, NONE, SELF
from csp.middleware import CSPMiddleware
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from apps.core.middleware import ContentSecurityPolicyMiddleware


def _headers(view) -> tuple[str, str]:
    """The header django-csp writes and the one the portal's middleware writes, for the same view."""
    def through(middleware_class) -> str:
        request = RequestFactory().get("/home/")
        return middleware_class(view)(request)[HEADER]
    return through(CSPMiddleware), through(ContentSecurityPolicyMiddleware)


def test_a_page_gets_django_csps_header():
    theirs, ours = _headers(lambda request: HttpResponse("page"))
    assert ours == theirs and "default-src 'self'" in ours and "nonce-" not in ours


def test_a_page_that_used_the_nonce_gets_it_in_its_header():
    def view(request):
        return HttpResponse(f"<script nonce='{request.csp_nonce}'></script>")

    request = RequestFactory().get("/home/")
    response = ContentSecurityPolicyMiddleware(view)(request)
    assert f"'nonce-{request._csp_nonce}'" in response[HEADER]


def test_a_view_that_adjusts_the_policy_gets_its_own():
    def view(request):
        response = HttpResponse("page")
        response._csp_update = {"img-src": ["https://maps.example"]}
        return response

    theirs, ours = _headers(view)
    assert ours == theirs and "https://maps.example" in ours


@pytest.mark.parametrize("policy", [{"DIRECTIVES": {"default-src": [NONE]}}, {"DIRECTIVES": {"default-src": [SELF]}}])
def test_a_changed_setting_changes_the_header(policy):
    _headers(lambda request: HttpResponse("page"))  # built under the settings' policy
    with override_settings(CONTENT_SECURITY_POLICY=policy):
        theirs, ours = _headers(lambda request: HttpResponse("page"))
    assert ours == theirs == f"default-src {policy['DIRECTIVES']['default-src'][0]}"
