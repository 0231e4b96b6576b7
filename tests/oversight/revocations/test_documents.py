"""The revocation notice of a confirmed case as Word and PDF, downloaded from the case page."""

import datetime
import io

import pytest
from pypdf import PdfReader

from apps.core.docx import docx_text
from apps.oversight.revocations.checks import revocation_check_run
from apps.oversight.revocations.models import RevocationCase
from tests.factories import RiskEventFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirmed_case(client, title_a, major_rule, cast):
    RiskEventFactory(unit=cast.unit_a, kind="mass_incident", severity=3)
    revocation_check_run(today=datetime.date(2025, 6, 1))
    case = RevocationCase.objects.get()
    client.force_login(cast.city_admin)
    response = client.post(f"/revocations/cases/{case.pk}/confirm/", {
        "confirm-reason": "发生较大影响的群体性事件", "confirm-plaque_recovered_on": "2025-06-02", "confirmed": "1"})
    assert response.status_code == 302
    client.logout()
    case.refresh_from_db()
    return case


def test_the_city_downloads_the_revocation_notice_in_the_policys_wording(client, cast, confirmed_case):
    title = confirmed_case.recognition
    title.refresh_from_db()
    client.force_login(cast.city_admin)
    page = client.get(f"/revocations/cases/{confirmed_case.pk}/").content.decode()
    assert f"/revocations/cases/{confirmed_case.pk}/notice.docx" in page
    lines = docx_text(client.get(f"/revocations/cases/{confirmed_case.pk}/notice.docx").content).splitlines()
    assert lines[0] == f"关于取消{title.unit.name}“{title.title}”称号的公告"
    text = "\n".join(lines)
    assert "发生较大影响的群体性事件" in text and title.number in text and "特此公告。" in lines
    assert f"{title.revoked_on.year}年{title.revoked_on.month}月{title.revoked_on.day}日" in lines
    pdf = "".join(page.extract_text() for page in PdfReader(io.BytesIO(
        client.get(f"/revocations/cases/{confirmed_case.pk}/notice.pdf").content)).pages).replace("\n", "")
    assert "称号的公告" in pdf and "发生较大影响的群体性事件" in pdf and "— 1 —" in pdf


def test_an_open_case_has_no_notice(client, cast, title_a, major_rule):
    RiskEventFactory(unit=cast.unit_a, kind="mass_incident", severity=3)
    revocation_check_run(today=datetime.date(2025, 6, 1))
    case = RevocationCase.objects.get()
    client.force_login(cast.city_admin)
    assert client.get(f"/revocations/cases/{case.pk}/notice.docx").status_code == 404
    assert "notice.docx" not in client.get(f"/revocations/cases/{case.pk}/").content.decode()


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_other_jurisdictions_get_404_and_reps_are_turned_away(client, cast, confirmed_case, fmt):
    url = f"/revocations/cases/{confirmed_case.pk}/notice.{fmt}"
    assert client.get(url).status_code == 302
    for other in (cast.city_admin_other, cast.county_admin_y):
        client.force_login(other)
        assert client.get(url).status_code == 404
    client.force_login(cast.rep_a)
    assert client.get(url).status_code == 403
    client.force_login(cast.county_admin_x)
    assert client.get(url).status_code == 200
