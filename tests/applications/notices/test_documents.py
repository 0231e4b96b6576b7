"""The notice and the naming decision as Word and PDF, downloaded where the naming office manages the notice."""

import io
from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from apps.applications.notices.services import notice_name_all, notice_publish
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import Status
from apps.core.docx import docx_text
from tests.fixtures.reviews import approved

pytestmark = pytest.mark.django_db
STARTS = date(2025, 9, 26)


@pytest.fixture
def notice(application, cast, standard):
    approved(application, cast, standard)
    application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.city_admin)
    with time_machine.travel(datetime.combine(STARTS, time(12)), tick=False):
        return notice_publish(city=application.campaign_year.city, applications=[application], starts_on=STARTS,
                              working_days=5, by=cast.city_admin, title="2025年度和谐劳动关系企业拟命名公示",
                              contact="0357-1234567")


def _pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_city_downloads_the_notice_as_word_and_pdf(client, cast, notice):
    client.force_login(cast.city_admin)
    page = client.get(reverse("notices:manage_detail", args=[notice.pk])).content.decode()
    assert reverse("notices:notice_docx", args=[notice.pk]) in page
    assert reverse("notices:decision_docx", args=[notice.pk]) not in page  # nothing named yet

    response = client.get(reverse("notices:notice_docx", args=[notice.pk]))
    assert response.status_code == 200 and "no-cache" in response["Cache-Control"]
    assert "attachment" in response["Content-Disposition"]
    lines = docx_text(response.content).splitlines()
    assert lines[0] == "2025年度和谐劳动关系企业拟命名公示"
    body = "\n".join(lines)
    assert "2025年9月26日至2025年10月9日（5个工作日）" in body and "0357-1234567" in body
    assert "附件：2025年度和谐劳动关系企业拟命名公示名单" in lines
    assert any(line.startswith("1\t尧都区\t甲公司\t") for line in lines)
    assert "2025年9月26日" in lines

    pdf = _pdf_text(client.get(reverse("notices:notice_pdf", args=[notice.pk])).content)
    assert "2025年度和谐劳动关系企业拟命名公示" in pdf and "甲公司" in pdf and "— 1 —" in pdf


def test_after_naming_the_decision_lists_the_named_units_with_their_certificates(client, cast, notice):
    with time_machine.travel(notice.ends_on + timedelta(days=1)):
        named, _ = notice_name_all(notice=notice, by=cast.city_admin)
    assert named == 1
    recognition = notice.entries.get().application.recognition
    client.force_login(cast.city_admin)
    assert reverse("notices:decision_pdf", args=[notice.pk]) in client.get(
        reverse("notices:manage_detail", args=[notice.pk])).content.decode()
    text = docx_text(client.get(reverse("notices:decision_docx", args=[notice.pk])).content)
    assert text.splitlines()[0] == f"关于命名{notice.year}年度{recognition.title}的决定"
    assert "决定命名甲公司等1家单位" in text
    assert f"1\t尧都区\t甲公司\t{recognition.full_title}\t{recognition.number}" in text
    pdf = _pdf_text(client.get(reverse("notices:decision_pdf", args=[notice.pk])).content)
    assert recognition.number in pdf and "附件" in pdf


def test_no_decision_before_anything_is_named(client, cast, notice):
    client.force_login(cast.city_admin)
    assert client.get(reverse("notices:decision_docx", args=[notice.pk])).status_code == 404


@pytest.mark.parametrize("name", ["notice_docx", "notice_pdf", "decision_docx", "decision_pdf"])
def test_another_city_gets_404_and_other_roles_are_turned_away(client, cast, notice, name):
    with time_machine.travel(notice.ends_on + timedelta(days=1)):
        notice_name_all(notice=notice, by=cast.city_admin)
    url = reverse(f"notices:{name}", args=[notice.pk])
    assert client.get(url).status_code == 302
    client.force_login(cast.city_admin_other)
    assert client.get(url).status_code == 404
    client.force_login(cast.rep_a)
    assert client.get(url).status_code == 403
    client.force_login(cast.city_admin)
    assert client.get(url).status_code == 200
