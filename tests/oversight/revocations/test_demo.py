"""seed_demo's dynamic-management demo: rules, a working API token, incentives; the check command."""

import io
from contextlib import redirect_stdout

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from django.utils import translation
from rest_framework.test import APIClient

from apps.applications.recognitions.models import Recognition
from apps.devtools.demo.revocations import DEMO_API_TOKEN
from apps.oversight.incentives.models import IncentiveGrant
from apps.oversight.revocations.models import CaseStatus, RevocationCase, RevocationRule
from apps.oversight.risks.models import ApiClient
from tests.held_transaction import held_transaction

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """seed_demo run twice once for the module (held_transaction: each test's writes are rolled back), and
    what it printed."""
    printed = io.StringIO()
    with override_settings(PRIVATE_MEDIA_ROOT=tmp_path_factory.mktemp("demo-private")), \
            held_transaction(django_db_blocker):
        with django_db_blocker.unblock(), translation.override(settings.LANGUAGE_CODE), redirect_stdout(printed):
            call_command("seed_demo")
            call_command("seed_demo")
        yield printed.getvalue()


def test_seed_demo_adds_rules_one_api_client_and_incentives_of_the_named_unit_once(demo):
    title = Recognition.objects.get(unit__name="尧都区演示企业（已命名）")
    assert RevocationRule.objects.filter(city=title.city, is_active=True).count() == 3
    assert ApiClient.objects.count() == 1
    grants = IncentiveGrant.objects.filter(recognition=title, ended_on__isnull=True)
    assert sorted(grants.values_list("measure__code", flat=True)) == [
        "award-reference", "public-service-fast-track", "subsidy-fast-track"]
    assert DEMO_API_TOKEN in demo
    assert f"单位编号 {title.unit_id}，证书编号 {title.number}" in demo


def test_the_printed_token_posts_an_event_and_the_command_opens_one_case(demo, capsys):
    title = Recognition.objects.get(unit__name="尧都区演示企业（已命名）")
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {DEMO_API_TOKEN}")
    response = api.post("/api/v1/risk-events/", {
        "external_id": "DEMO-1", "unit_id": title.unit_id, "kind": "wage_arrears",
        "occurred_on": title.issued_on.isoformat(), "severity": 3, "description": "拖欠工资"}, format="json")
    assert response.status_code == 201, response.content

    call_command("revocation_check")
    call_command("revocation_check")
    case = RevocationCase.objects.get()
    assert (case.recognition, case.status, case.rule.name) == (title, CaseStatus.OPEN, "重大违法或群体性事件")
    assert "新立案 1 件" in capsys.readouterr().out
