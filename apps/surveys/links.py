"""The link and QR code a unit hands to its employees."""

import segno
from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from .models import Survey


def survey_public_url(request: HttpRequest, survey: Survey) -> str:
    """Absolute link to the answer page; PUBLIC_BASE_URL wins when the portal sits behind another host name."""
    path = reverse("surveys:respond", args=[survey.token])
    base = getattr(settings, "PUBLIC_BASE_URL", "").rstrip("/")
    return f"{base}{path}" if base else request.build_absolute_uri(path)


def qr_svg(url: str, *, scale: int = 6) -> SafeString:
    """The QR code as inline SVG, made locally with segno (no remote service); its <title> is the URL."""
    svg = segno.make(url, error="m").svg_inline(scale=scale, border=2, title=url, svgclass="survey-qr")
    return mark_safe(svg)  # noqa: S308 - segno writes the SVG and escapes the title itself
