"""The certificate PDF and the QR code that leads back to the public verification page."""

import segno
from django.conf import settings
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from apps.campaigns.selectors import policy_for
from apps.core.links import absolute_url

from .models import Recognition


def verification_url(recognition: Recognition, request: HttpRequest | None = None) -> str:
    """Absolute URL of the public verification page.

    PUBLIC_BASE_URL wins when set (PDFs built by the worker have no request,
    and behind a proxy the request's host may be an internal name).
    """
    return absolute_url(reverse("recognitions:verify", args=[recognition.number]), request)


def qr_data_uri(url: str) -> str:
    return segno.make(url, error="m", micro=False).svg_data_uri(scale=4, border=2)


def certificate_issuer(recognition: Recognition) -> str:
    """The body the certificate names as issuer: the policy's issuing office, else the city's tripartite body."""
    policy = policy_for(region=recognition.unit.region, year=recognition.year)
    if policy is not None and policy.issuing_office:
        return policy.issuing_office
    return f"{recognition.city.name}协调劳动关系三方委员会"


def certificate_pdf(recognition: Recognition, request: HttpRequest | None = None) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415  (loaded on first use: importing it parses its default CSS)

    url = verification_url(recognition, request)
    html = render_to_string(
        "pdf/certificate.html", {"recognition": recognition, "verify_url": url, "qr": qr_data_uri(url),
                                  "issuer": certificate_issuer(recognition)}
    )
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
