import datetime

import pytest
from rest_framework.test import APIClient

from apps.applications.recognitions.models import RecognitionStatus
from apps.oversight.incentives.models import GrantEndReason, IncentiveGrant, IncentiveMeasure
from apps.oversight.incentives.services import incentive_grant_create
from apps.oversight.revocations.checks import revocation_check_run
from apps.oversight.revocations.models import CaseStatus, RevocationCase, RevocationRule
from apps.oversight.risks.services import api_client_create
from tests.factories import EnterpriseFactory, RiskEventFactory, UnitFactory, named

pytestmark = pytest.mark.django_db


def test_an_api_event_leads_to_a_confirmed_revocation_seen_on_the_verification_page(
        client, cast, regions, major_rule, linfen_catalogue):
    enterprise = EnterpriseFactory(unit=cast.unit_a, credit_grade="A")
    title = named(cast.unit_a, city=regions.city, by=cast.city_admin, issued_on=datetime.date(2024, 12, 1))
    grant = incentive_grant_create(measure=IncentiveMeasure.objects.get(code="fewer-inspections"),
                                   recognition=title, granted_on=datetime.date(2025, 1, 1), by=cast.city_admin)
    _, token = api_client_create(name="监察系统", source="inspection", region=regions.county_x)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    posted = api.post("/api/v1/risk-events/", {
        "external_id": "JC-1", "unit_uscc": enterprise.uscc, "kind": "wage_arrears", "occurred_on": "2025-03-02",
        "severity": 3, "description": "拖欠工资"}, format="json")
    assert posted.status_code == 201

    assert revocation_check_run().opened == 1
    assert revocation_check_run().opened == 0
    case = RevocationCase.objects.get()

    client.force_login(cast.city_admin)
    response = client.post(f"/revocations/cases/{case.pk}/confirm/", {
        "confirm-reason": "拖欠工资构成重大劳动保障违法行为", "confirm-plaque_recovered_on": "2025-06-02",
        "confirmed": "1"})
    assert response.status_code == 302
    title.refresh_from_db()
    grant.refresh_from_db()
    assert title.status == RecognitionStatus.REVOKED
    assert (grant.end_reason, grant.ended_on is not None) == (GrantEndReason.REVOKED, True)
    case.refresh_from_db()
    assert case.status == CaseStatus.CONFIRMED
    assert [entry.action for entry in case.log.all()] == ["opened", "confirmed"]

    client.logout()
    verify = client.get(f"/verify/{title.number}/").content.decode()
    assert "该称号已被撤销" in verify
    assert "拖欠工资构成重大劳动保障违法行为" in client.get("/revocations/notices/").content.decode()


def test_the_city_admin_dismisses_with_a_reason_and_an_empty_reason_is_refused(client, cast, open_case):
    client.force_login(cast.city_admin)
    refused = client.post(f"/revocations/cases/{open_case.pk}/dismiss/", {"dismiss-reason": " "})
    assert refused.status_code == 400
    assert "这个字段是必填项" in refused.content.decode()
    response = client.post(f"/revocations/cases/{open_case.pk}/dismiss/", {"dismiss-reason": "经核查事件已妥善处置",
                                                                                 "confirmed": "1"})
    assert response.status_code == 302
    open_case.refresh_from_db()
    assert (open_case.status, open_case.decided_by) == (CaseStatus.DISMISSED, cast.city_admin)
    assert open_case.recognition.status == RecognitionStatus.VALID


def test_a_confirmation_without_reason_keeps_what_was_typed(client, cast, open_case):
    client.force_login(cast.city_admin)
    response = client.post(f"/revocations/cases/{open_case.pk}/confirm/", {
        "confirm-reason": "", "confirm-plaque_note": "铭牌已由县人社局收回"})
    assert response.status_code == 400
    assert "铭牌已由县人社局收回" in response.content.decode()
    open_case.refresh_from_db()
    assert open_case.status == CaseStatus.OPEN


def test_a_county_admin_sees_the_case_but_cannot_decide(client, cast, open_case):
    client.force_login(cast.county_admin_x)
    assert client.get(f"/revocations/cases/{open_case.pk}/").status_code == 200
    assert client.post(f"/revocations/cases/{open_case.pk}/confirm/", {"confirm-reason": "x"}).status_code == 403


@pytest.mark.parametrize("username", ["county_admin_y", "city_admin_other"])
def test_staff_of_other_jurisdictions_get_404(client, cast, open_case, username):
    client.force_login(getattr(cast, username))
    assert client.get(f"/revocations/cases/{open_case.pk}/").status_code == 404
    if username == "city_admin_other":
        assert client.post(f"/revocations/cases/{open_case.pk}/confirm/", {"confirm-reason": "x"}).status_code == 404


def test_anonymous_and_unit_reps_are_turned_away(client, cast, open_case):
    assert client.get(f"/revocations/cases/{open_case.pk}/").status_code == 302
    client.force_login(cast.rep_a)
    assert client.get("/revocations/cases/").status_code == 403
    assert client.get("/revocations/rules/").status_code == 403


def test_the_case_list_keeps_its_query_count_as_cases_grow(client, cast, regions, major_rule,
                                                            django_assert_max_num_queries):
    def grow(count):
        for _ in range(count):
            unit = UnitFactory(region=regions.county_x)
            named(unit, city=regions.city, by=cast.city_admin)
            RiskEventFactory(unit=unit, kind="mass_incident", severity=4)
        revocation_check_run(today=datetime.date(2025, 6, 1))

    client.force_login(cast.city_admin)
    grow(5)
    with django_assert_max_num_queries(8):
        assert client.get("/revocations/cases/").status_code == 200
    grow(495)
    with django_assert_max_num_queries(8):
        response = client.get("/revocations/cases/")
    assert response.context["page"].paginator.count == 500


def test_the_city_admin_edits_a_rule_and_bad_input_is_kept(client, cast, major_rule):
    client.force_login(cast.city_admin)
    bad = client.post(f"/revocations/rules/{major_rule.pk}/", {
        "name": "改名后的规则", "kinds": [], "min_severity": 2, "min_count": 0})
    assert bad.status_code == 400
    assert "改名后的规则" in bad.content.decode()
    good = client.post(f"/revocations/rules/{major_rule.pk}/", {
        "name": "改名后的规则", "kinds": ["mass_incident"], "min_severity": 3, "min_count": 2, "window_days": 365,
        "is_active": "on"})
    assert good.status_code == 302
    major_rule.refresh_from_db()
    assert (major_rule.kinds, major_rule.min_count, major_rule.updated_by) == (["mass_incident"], 2, cast.city_admin)


def test_a_new_rule_belongs_to_the_admins_city(client, cast, regions):
    client.force_login(cast.city_admin)
    response = client.post("/revocations/rules/new/", {
        "name": "重大安全事故", "kinds": ["safety_accident"], "min_severity": 3, "min_count": 1, "is_active": "on"})
    assert response.status_code == 302
    assert RevocationRule.objects.get().city == regions.city


def test_another_citys_admin_cannot_see_or_edit_the_rule(client, cast, major_rule):
    client.force_login(cast.city_admin_other)
    assert "重大违法或群体性事件" not in client.get("/revocations/rules/").content.decode()
    assert client.get(f"/revocations/rules/{major_rule.pk}/").status_code == 404


def test_a_county_admin_cannot_edit_rules(client, cast, major_rule):
    client.force_login(cast.county_admin_x)
    assert client.get(f"/revocations/rules/{major_rule.pk}/").status_code == 403


def test_grants_of_expired_titles_end_in_the_nightly_task(cast, regions, linfen_catalogue):
    from apps.oversight.revocations.tasks import nightly_dynamic_management

    title = named(cast.unit_a, city=regions.city, by=cast.city_admin, issued_on=datetime.date(2020, 1, 1))
    grant = IncentiveGrant.objects.create(
        measure=IncentiveMeasure.objects.get(code="salary-data"), recognition=title, unit=cast.unit_a,
        department="人社局", granted_on=datetime.date(2020, 2, 1), granted_by=cast.city_admin)
    assert nightly_dynamic_management()["grants_ended"] == 1
    grant.refresh_from_db()
    assert (grant.ended_on, grant.end_reason) == (title.valid_until, GrantEndReason.EXPIRED)
    assert nightly_dynamic_management()["grants_ended"] == 0
