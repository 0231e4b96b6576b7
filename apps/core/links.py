"""Absolute links to the portal, declared once: QR codes, certificates and e-mails all build them here."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

# A key no row has, reversed once in place of each row's (it must not occur elsewhere in the URL).
_KEY_MARK = 918273645


def absolute_url(path: str, request: HttpRequest | None = None) -> str:
    """``path`` on the portal's public address.

    PUBLIC_BASE_URL wins when set (the worker sending an e-mail has no
    request, and behind a proxy the request's host may be an internal name);
    otherwise the request's own host, and without a request http://localhost.
    """
    if path.startswith(("http://", "https://")):
        return path
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    if base:
        return base + path
    if request is not None:
        return request.build_absolute_uri(path)
    return "http://localhost" + path


def url_for_each(viewname: str) -> Callable[[int], str]:
    """``reverse(viewname, args=[pk])`` for the many rows of a list, resolved once: the URL with a marker key is
    cut around the marker and each row's key put in its place. ``reverse`` per row was most of the template's
    ``{% url %}`` cost on a 50-row list (each call walks the resolver and quotes its arguments)."""
    before, after = reverse(viewname, args=[_KEY_MARK]).split(str(_KEY_MARK))
    return lambda pk: f"{before}{int(pk)}{after}"
