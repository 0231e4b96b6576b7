"""Home page: the city admin's open revocation cases, the county admin's risk events of this month."""

import datetime

import pytest
from django.utils import timezone

from apps.oversight.revocations.checks import revocation_check_run
from apps.oversight.revocations.models import RevocationCase
from apps.oversight.revocations.services import revocation_case_dismiss
from apps.oversight.risks.models import RiskKind, Severity
from tests.factories import RiskEventFactory, UnitFactory

pytestmark = pytest.mark.django_db


def test_the_city_admin_sees_open_cases_of_the_city_and_not_decided_ones(client, cast, title_a, major_rule):
    RiskEventFactory(unit=cast.unit_a, kind=RiskKind.MASS_INCIDENT, severity=Severity.SERIOUS)
    revocation_check_run(today=datetime.date(2025, 6, 1))
    case = RevocationCase.objects.get()

    client.force_login(cast.city_admin)
    page = client.get("/home/").content.decode()
    assert "待处理的取消命名案件" in page
    assert f'href="/revocations/cases/{case.pk}/"' in page
    assert "重大违法或群体性事件 · " in page

    client.force_login(cast.city_admin_other)
    assert f'href="/revocations/cases/{case.pk}/"' not in client.get("/home/").content.decode()

    revocation_case_dismiss(case=case, by=cast.city_admin, reason="经核实系误报")
    client.force_login(cast.city_admin)
    assert f'href="/revocations/cases/{case.pk}/"' not in client.get("/home/").content.decode()


def test_the_county_admin_sees_this_months_risk_events_of_the_county_only(client, cast, regions):
    today = timezone.localdate()
    mine = RiskEventFactory(unit=cast.unit_a, occurred_on=today, kind=RiskKind.WAGE_ARREARS)
    last_month = RiskEventFactory(unit=cast.unit_a, occurred_on=today.replace(day=1) - datetime.timedelta(days=1))
    other_county = RiskEventFactory(unit=UnitFactory(name="外县企业", region=regions.county_y), occurred_on=today)

    client.force_login(cast.county_admin_x)
    page = client.get("/home/").content.decode()
    assert "本月风险事件" in page
    assert f'href="/risks/{mine.pk}/"' in page
    assert "拖欠工资 · 一般" in page
    assert f'href="/risks/{last_month.pk}/"' not in page
    assert f'href="/risks/{other_county.pk}/"' not in page


def test_a_county_without_events_this_month_says_so(client, cast):
    client.force_login(cast.county_admin_y)
    assert "本月暂无风险事件。" in client.get("/home/").content.decode()
