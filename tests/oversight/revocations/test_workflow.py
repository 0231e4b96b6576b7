"""A named application leaves the workflow as revoked (by a confirmed case) or expired (after its validity)."""

import datetime

import pytest

from apps.applications.assessments.models import ApplicationEvent
from apps.applications.recognitions.services import recognition_create
from apps.applications.workflow.service import TransitionRefused, application_transition
from apps.applications.workflow.states import Status
from apps.oversight.revocations.checks import revocation_check_run
from apps.oversight.revocations.models import RevocationCase
from apps.oversight.revocations.services import revocation_case_confirm
from apps.oversight.risks.models import RiskKind, Severity
from tests.factories import RiskEventFactory
from tests.fixtures.reviews import make_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def named_application(cast, regions, campaign, standard):
    return make_application(cast.unit_a, campaign, standard, status=Status.NAMED)


def _title(application, cast, regions, issued_on):
    return recognition_create(unit=application.unit, city=regions.city, year=issued_on.year, issued_on=issued_on,
                              by=cast.city_admin, application=application)


def test_confirming_a_case_moves_the_named_application_to_revoked_with_an_event(
        named_application, cast, regions, major_rule):
    _title(named_application, cast, regions, datetime.date(2024, 12, 1))
    RiskEventFactory(unit=cast.unit_a, kind=RiskKind.MASS_INCIDENT, severity=Severity.SERIOUS)
    revocation_check_run(today=datetime.date(2025, 6, 1))

    revocation_case_confirm(case=RevocationCase.objects.get(), by=cast.city_admin, reason="发生群体性事件",
                            plaque_recovered_on=None)

    named_application.refresh_from_db()
    assert named_application.status == Status.REVOKED
    event = ApplicationEvent.objects.get(application=named_application)
    assert (event.from_status, event.to_status, event.actor, event.comment) == (
        Status.NAMED, Status.REVOKED, cast.city_admin, "发生群体性事件")


def test_revoking_through_the_workflow_needs_a_reason_and_the_city(named_application, cast):
    with pytest.raises(TransitionRefused, match="请填写意见"):
        application_transition(application=named_application, to=Status.REVOKED, by=cast.city_admin)
    with pytest.raises(TransitionRefused, match="无权"):
        application_transition(application=named_application, to=Status.REVOKED, by=cast.county_admin_x,
                               comment="理由")


def test_a_named_application_expires_only_after_its_title_has(named_application, cast, regions):
    title = _title(named_application, cast, regions, datetime.date.today() - datetime.timedelta(days=30))
    with pytest.raises(TransitionRefused, match="尚未到期"):
        application_transition(application=named_application, to=Status.EXPIRED, by=cast.city_admin)

    title.issued_on, title.valid_until = datetime.date(2020, 1, 1), datetime.date(2022, 12, 31)
    title.save(update_fields=["issued_on", "valid_until"])
    application_transition(application=named_application, to=Status.EXPIRED, by=cast.city_admin)
    named_application.refresh_from_db()
    assert named_application.status == Status.EXPIRED
