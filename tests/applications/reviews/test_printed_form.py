"""The printed evaluation form (评估表): full item texts, 是/否 in Chinese, the panel's signature and seal block."""

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from apps.standards.services import standard_load
from tests.fixtures.assessments import LINFEN_FULL_MARKS
from tests.fixtures.reviews import form_panel, make_application
from tests.fixtures.standards import STANDARDS

pytestmark = pytest.mark.django_db


def test_the_evaluation_form_prints_full_texts_chinese_veto_answers_and_signature_lines(client, cast, campaign):
    linfen, _ = standard_load(text=(STANDARDS / "linfen_enterprise_2023.yaml").read_text(), source="linfen")
    application = make_application(cast.unit_a, campaign, linfen, values=LINFEN_FULL_MARKS)
    form_panel(application, cast)
    client.force_login(cast.county_admin_x)
    response = client.get(reverse("reviews:evaluation_pdf", args=[application.pk]))
    text = re.sub(r"\s+", "", "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.content)).pages))
    long_titles = [c for c in linfen.criteria.all() if len(c.title) > 50]
    assert long_titles, "the Linfen standard has item texts longer than the old 50-character cut"
    for criterion in linfen.criteria.all():
        assert re.sub(r"\s+", "", criterion.title) in text, criterion.code
    assert "否" in text and not re.search(r"(?<![A-Za-z])(no|yes)(?![A-Za-z])", text)
    assert "评估组成员签字" in text and "单位盖章" in text and "日期" in text
    for member in application.review_panel.members.select_related("user"):
        assert re.sub(r"\s+", "", str(member)) in text
