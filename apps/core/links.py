"""Absolute links to the portal, declared once: QR codes, certificates and e-mails all build them here."""

from django.conf import settings
from django.http import HttpRequest


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
