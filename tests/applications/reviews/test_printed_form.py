"""The printed evaluation form (评估表): full item texts, 是/否 in Chinese, the panel's signature and seal block."""

import io
import re
import subprocess

import pytest
from django.urls import reverse
from docx import Document
from pypdf import PdfReader

from apps.accounts.models import Party, Role
from apps.applications.reviews import services
from apps.applications.reviews.models import CombinationRule
from apps.campaigns.models import CampaignPolicy
from apps.standards.services import standard_load
from tests.factories import MembershipFactory, UserFactory
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


# Panel members with their full names: the header of a member's column is the name and the party.
NAMES = {Party.HRSS: "王建国", Party.UNION: "李秀英", Party.CONFEDERATION: "张伟华", Party.FEDERATION: "刘德明",
         Party.SASAC: "陈晓东"}


def _panel_of(size: int, application, cast, regions) -> list:
    """A panel of ``size`` members (3: a policy that requires three parties; 5: 天津河东's four and 国资)."""
    reviewers = dict(cast.reviewers_x)
    if size == 5:
        reviewers[Party.SASAC] = MembershipFactory(user=UserFactory(username="reviewer_sasac_x"), party=Party.SASAC,
                                                   role=Role.COUNTY_REVIEWER, region=regions.county_x).user
    chosen = list(reviewers.items())[:size]
    CampaignPolicy.objects.create(region=regions.county_x, year=application.campaign_year.year,
                                  panel_parties=[{"party": party, "required": True} for party, _ in chosen])
    for party, user in chosen:
        user.full_name = NAMES[party]
        user.save(update_fields=["full_name"])
    services.panel_form(application=application, reviewers=[user for _, user in chosen],
                        rule=CombinationRule.MEAN, by=cast.county_admin_x)
    return [user for _, user in chosen]


def _words_beyond_the_margin(pdf: bytes, tmp_path) -> tuple[list[str], str]:
    """The words (pdftotext -bbox) whose right edge lies past the page's right margin (12 mm), and all the text."""
    path = tmp_path / "form.pdf"
    path.write_bytes(pdf)
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True, capture_output=True,
                           text=True).stdout
    beyond, words = [], []
    for page in re.finditer(r'<page width="([\d.]+)".*?</page>', boxes, re.S):
        right = float(page.group(1)) - 12 / 25.4 * 72
        for x_max, word in re.findall(r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)',
                                      page.group(0)):
            words.append(word)
            if float(x_max) > right + 0.5:
                beyond.append(word)
    return beyond, "".join(words)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("size", [3, 4, 5])
def test_the_score_table_stays_on_the_landscape_page_with_three_to_five_members(client, cast, regions, campaign,
                                                                                 tmp_path, size, language):
    linfen, _ = standard_load(text=(STANDARDS / "linfen_enterprise_2023.yaml").read_text(), source="linfen")
    application = make_application(cast.unit_a, campaign, linfen, values=LINFEN_FULL_MARKS)
    members = _panel_of(size, application, cast, regions)
    client.cookies["django_language"] = language
    # The office's form, and that of a member still scoring: the other columns say they open after submitting.
    for viewer in (cast.county_admin_x, members[0]):
        client.force_login(viewer)
        response = client.get(reverse("reviews:evaluation_pdf", args=[application.pk]))
        beyond, text = _words_beyond_the_margin(response.content, tmp_path)
        assert beyond == [], (viewer, beyond)
        assert all(member.full_name in text for member in members)
        # The Word form: its columns, as wide as the PDF's, add up to the landscape page's text width.
        document = Document(io.BytesIO(client.get(reverse("reviews:evaluation_docx", args=[application.pk])).content))
        section, table = document.sections[0], document.tables[0]
        widths = [cell.width for cell in table.rows[0].cells]
        assert len(widths) == 5 + size and widths[0] == max(widths)
        assert sum(widths) <= section.page_width - section.left_margin - section.right_margin
