"""Absolute links, declared once: PUBLIC_BASE_URL is one setting and one helper builds every absolute link."""

import re

from django.conf import settings
from django.test import RequestFactory

from apps.core.links import absolute_url


def test_public_base_url_is_declared_once_in_settings():
    source = (settings.BASE_DIR / "hlr_portal" / "settings" / "base.py").read_text()
    assert len(re.findall(r"^PUBLIC_BASE_URL\s*=", source, flags=re.MULTILINE)) == 1


def test_the_public_address_wins_over_the_request(settings):
    settings.PUBLIC_BASE_URL = "https://hlr.example.gov.cn/"
    request = RequestFactory().get("/", HTTP_HOST="internal-web-3:8000")
    assert absolute_url("/verify/X/", request) == "https://hlr.example.gov.cn/verify/X/"


def test_without_a_public_address_the_request_host_is_used_and_without_a_request_localhost(settings):
    settings.PUBLIC_BASE_URL = ""
    request = RequestFactory().get("/", HTTP_HOST="testserver")
    assert absolute_url("/s/abc/", request) == "http://testserver/s/abc/"
    assert absolute_url("/s/abc/") == "http://localhost/s/abc/"
