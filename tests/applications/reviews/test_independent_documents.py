"""Independent scoring reaches the evaluation form: the PDF and the Word file follow the review page's rule
(apps/applications/reviews/results.py ``comparison_for``), read back as a person would read them."""

import subprocess
import tempfile
from pathlib import Path

import pytest
from django.urls import reverse

from apps.accounts.models import Party
from apps.applications.reviews import services as reviews
from apps.applications.reviews.models import PanelMember
from apps.core.docx import docx_text
from tests.fixtures.reviews import GOOD, form_panel, sheet

pytestmark = pytest.mark.django_db

# The union member's sheet: C1 13.5 (the others 27) and a veto answered "yes"; 13.5, its total 78.5 and the
# panel's mean 23.63 appear nowhere else in the form.
UNION_SHEET = {**GOOD, "C1": "13.5", "V1": "yes"}
UNION_MARKS = ("13.5", "78.5", "23.63", "一票否决项：V1")


def pdf_text(content: bytes) -> str:
    """The PDF's text in the order it was set (-raw): a header cell's lines follow one another, so a header that
    wraps in its narrow column reads whole once the line breaks are taken out."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "form.pdf"
        path.write_bytes(content)
        return subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True,
                              text=True).stdout


def _forms(client, user, application) -> tuple[str, str]:
    client.force_login(user)
    pdf = client.get(reverse("reviews:evaluation_pdf", args=[application.pk]))
    docx = client.get(reverse("reviews:evaluation_docx", args=[application.pk]))
    assert pdf.status_code == docx.status_code == 200
    return pdf_text(pdf.content), docx_text(docx.content)


def _submit(member: PanelMember, standard, values) -> None:
    reviews.sheet_save(member=member, values=sheet(standard, values), submit=True, by=member.user)


@pytest.fixture
def seats(application, cast, standard):
    form_panel(application, cast)
    application.refresh_from_db()
    seats = {m.party: m for m in PanelMember.objects.filter(panel__application=application).select_related("user")}
    _submit(seats[Party.UNION], standard, UNION_SHEET)
    return seats


def test_a_member_who_has_not_submitted_reads_no_other_members_score_in_the_pdf_or_word(client, application,
                                                                                          cast, seats):
    for text in _forms(client, cast.reviewers_x[Party.HRSS], application):
        assert not [mark for mark in UNION_MARKS if mark in text]
        assert "提交本人评分后可见" in text.replace("\n", "")
        assert "27" in text  # the unit's own self-evaluation stays in view


def test_after_submitting_the_member_reads_every_score(client, application, cast, standard, seats):
    _submit(seats[Party.HRSS], standard, GOOD)
    for text in _forms(client, cast.reviewers_x[Party.HRSS], application):
        assert "13.5" in text and "78.5" in text and "一票否决项：V1" in text
        assert "提交本人评分后可见" not in text.replace("\n", "")


def test_the_county_office_reads_every_score_once_all_are_in(client, application, cast, standard, seats):
    for party, member in seats.items():
        if party != Party.UNION:
            _submit(member, standard, GOOD)
    for text in _forms(client, cast.county_admin_x, application):
        assert all(mark in text for mark in UNION_MARKS)
        assert "提交本人评分后可见" not in text.replace("\n", "")
    client.force_login(cast.county_admin_y)
    assert client.get(reverse("reviews:evaluation_pdf", args=[application.pk])).status_code == 404
