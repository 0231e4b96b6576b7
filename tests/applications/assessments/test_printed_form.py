"""The printed self-evaluation form: whole rows per page, full item text, 否/是, a signature and seal block."""

import io
import re

import pytest
from pypdf import PdfReader

from apps.applications.assessments.pdf import self_evaluation_document
from tests.fixtures.assessments import LINFEN_FULL_MARKS, fill

pytestmark = pytest.mark.django_db

LONG = "本单位依法与全体职工签订劳动合同，建立健全劳动合同管理台账，按时足额支付工资并依法缴纳社会保险费。" * 6


def rows_per_page(document) -> dict[int, set[int]]:
    """For every body row (by its element), the pages a piece of it is laid out on (the header repeats)."""
    pages: dict[int, set[int]] = {}
    for number, page in enumerate(document.pages):
        for group in page._page_box.descendants():
            if getattr(group, "element_tag", None) == "tbody":
                for row in group.children:
                    pages.setdefault(id(row.element), set()).add(number)
    return pages


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture
def long_form(cast, application):
    fill(application, cast.rep_a, LINFEN_FULL_MARKS)
    answers = application.answers.all()
    for answer in answers:
        answer.narrative = LONG
    type(answers[0]).objects.bulk_update(answers, ["narrative"])
    return application


def test_no_row_is_split_across_a_page_break(long_form):
    document = self_evaluation_document(application=long_form)
    assert len(document.pages) > 2
    split = [pages for pages in rows_per_page(document).values() if len(pages) > 1]
    assert not split, f"rows split across pages: {split}"


def test_the_form_prints_full_item_text_veto_answers_in_chinese_and_a_signature_block(client, cast, long_form):
    client.force_login(cast.county_admin_x)
    response = client.get(f"/applications/{long_form.pk}/self-evaluation.pdf")
    text = flat("".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages))
    for criterion in long_form.standard.criteria.all():
        assert flat(criterion.title) in text, criterion.code
    vetoes = long_form.standard.criteria.filter(kind="veto")
    for veto in vetoes:
        assert re.search(re.escape(flat(veto.title)) + r"否决项否", text), veto.code
    assert not re.search(r"(?<![A-Za-z])(no|yes)(?![A-Za-z])", text)
    assert "评估组成员签字" in text and "单位盖章" in text and "日期" in text and "年____月____日" in text
