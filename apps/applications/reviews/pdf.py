"""The printed evaluation form (评估表) of one application, used by the page and by the province export."""

from django.template.loader import render_to_string

from apps.applications.assessments.models import Application

from .results import comparison


def evaluation_form_pdf(application: Application) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415 loading WeasyPrint parses its default CSS: only when printing

    html = render_to_string("pdf/evaluation_form.html", {
        "application": application, "data": comparison(application),
        "inspections": application.inspections.all(),
        "events": application.events.select_related("actor"),
    })
    return HTML(string=html).write_pdf()
