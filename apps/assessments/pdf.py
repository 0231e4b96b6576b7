from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Application
from .satisfaction import survey_summary_for
from .selectors import application_page


def self_evaluation_pdf(*, application: Application, request: HttpRequest | None = None) -> bytes:
    """The printable 自评表 in Chinese (CJK font from the system: WenQuanYi Micro Hei / Noto Sans CJK SC)."""
    from weasyprint import HTML  # imported here: loading it parses its default CSS

    data = application_page(application)
    html = render_to_string("pdf/self_evaluation.html", {
        "page": data, "application": application, "printed_at": timezone.localtime(),
        "survey": survey_summary_for(application=application),
    }, request)
    return HTML(string=html, base_url=str(request.build_absolute_uri("/")) if request else None).write_pdf()
