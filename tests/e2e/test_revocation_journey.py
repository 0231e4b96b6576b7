"""Dynamic management in Chromium: another system posts a risk event over HTTP with its token → the nightly
check (run twice) opens one case → the city admin opens it through the menu and confirms → the public
verification page says revoked, the unit is on the public notice, and its incentive grants have ended."""

import json
import urllib.request
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from apps.oversight.incentives.catalogue import catalogue_load
from apps.oversight.incentives.models import GrantEndReason, IncentiveGrant, IncentiveMeasure
from apps.oversight.incentives.services import incentive_grant_create
from apps.oversight.revocations.models import CaseStatus, RevocationCase, RevocationRule
from apps.oversight.risks.models import RiskKind, Severity
from apps.oversight.risks.services import api_client_create
from tests.factories import EnterpriseFactory, named

from .browser import login, open_menu

pytestmark = pytest.mark.django_db(transaction=True)


def _post_event(base: str, token: str, body: dict) -> tuple[int, dict]:
    request = urllib.request.Request(
        f"{base}/api/v1/risk-events/", data=json.dumps(body).encode(), method="POST",
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status, json.loads(response.read())


def test_a_posted_risk_event_leads_to_a_revoked_title(page, cast, regions):
    today = timezone.localdate()
    catalogue_load(region=regions.city)
    enterprise = EnterpriseFactory(unit=cast.unit_a, credit_grade="A")
    title = named(cast.unit_a, city=regions.city, by=cast.city_admin, issued_on=today - timedelta(days=60))
    grant = incentive_grant_create(measure=IncentiveMeasure.objects.get(code="fewer-inspections"),
                                   recognition=title, granted_on=title.issued_on, by=cast.city_admin)
    RevocationRule.objects.create(city=regions.city, name="重大违法或群体性事件",
                                  kinds=[RiskKind.WAGE_ARREARS, RiskKind.MASS_INCIDENT], min_severity=Severity.MAJOR)
    _, token = api_client_create(name="劳动保障监察系统", source="inspection", region=regions.city)

    status, body = _post_event(page.base_url, token, {
        "external_id": "JC-2026-001", "unit_uscc": enterprise.uscc, "kind": "wage_arrears",
        "occurred_on": (today - timedelta(days=1)).isoformat(), "severity": 3, "source": "劳动保障监察支队",
        "description": "拖欠30名职工两个月工资"})
    assert (status, body["unit_name"]) == (201, cast.unit_a.name)

    # The nightly job, as `manage.py revocation_check` runs it; twice, as a rerun after a crash would.
    call_command("revocation_check")
    call_command("revocation_check")
    case = RevocationCase.objects.get()

    login(page, "city_admin")
    open_menu(page, "动态管理", "取消命名")
    page.get_by_role("row", name=cast.unit_a.name).get_by_role("link").click()
    page.get_by_role("heading", name=f"取消命名案件 #{case.pk}").wait_for()
    expect(page.get_by_role("cell", name="拖欠30名职工两个月工资")).to_be_visible()
    page.get_by_label("取消命名的理由和依据").fill("拖欠工资构成重大劳动保障违法行为，依规取消命名")
    page.get_by_label("铭牌收回日期").first.fill(today.isoformat())
    page.get_by_label("铭牌收回情况").first.fill("已由县三方办公室收回")
    page.get_by_role("button", name="确认取消命名").click()
    page.get_by_role("heading", name=f"确认取消“{cast.unit_a.name}”的命名？").wait_for()
    page.get_by_role("button", name="确认取消命名").click()
    page.get_by_text("已取消命名，证书查验页和公告已更新，相关激励已终止。").wait_for()

    case.refresh_from_db()
    grant.refresh_from_db()
    assert (case.status, case.plaque_recovered_on) == (CaseStatus.CONFIRMED, today)
    assert (grant.ended_on, grant.end_reason) == (today, GrantEndReason.REVOKED)
    assert not IncentiveGrant.objects.filter(recognition=title, ended_on__isnull=True).exists()

    page.context.clear_cookies()
    page.goto(f"{page.base_url}/verify/{title.number}/")
    page.get_by_text("该称号已被撤销，证书失效。").wait_for()
    expect(page.get_by_role("cell", name="拖欠工资构成重大劳动保障违法行为，依规取消命名")).to_be_visible()
    page.goto(f"{page.base_url}/revocations/notices/")
    page.get_by_text(cast.unit_a.name).first.wait_for()
