"""The link and QR code a unit hands to its employees."""

import segno
from django.http import HttpRequest
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from apps.core.links import absolute_url

from .models import Survey


def survey_public_url(request: HttpRequest, survey: Survey) -> str:
    """Absolute link to the answer page; PUBLIC_BASE_URL wins when the portal sits behind another host name."""
    return absolute_url(reverse("surveys:respond", args=[survey.token]), request)


def qr_svg(url: str, *, scale: int = 6) -> SafeString:
    """The QR code as inline SVG, made locally with segno (no remote service); its <title> is the URL."""
    svg = segno.make(url, error="m").svg_inline(scale=scale, border=2, title=url, svgclass="survey-qr")
    return mark_safe(svg)  # noqa: S308 - segno writes the SVG and escapes the title itself
