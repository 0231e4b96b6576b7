from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone

from .models import Application
from .satisfaction import survey_summary_for
from .selectors import application_page


def self_evaluation_document(*, application: Application, request: HttpRequest | None = None):
    """The printable 自评表 laid out in pages (a WeasyPrint document; CJK font from the system:
    WenQuanYi Micro Hei / Noto Sans CJK SC)."""
    from weasyprint import HTML  # noqa: PLC0415 loading WeasyPrint parses its default CSS: only when printing

    data = application_page(application)
    html = render_to_string("pdf/self_evaluation.html", {
        "page": data, "application": application, "printed_at": timezone.localtime(),
        "survey": survey_summary_for(application=application),
    }, request)
    return HTML(string=html, base_url=str(request.build_absolute_uri("/")) if request else None).render()


def self_evaluation_pdf(*, application: Application, request: HttpRequest | None = None) -> bytes:
    return self_evaluation_document(application=application, request=request).write_pdf()
