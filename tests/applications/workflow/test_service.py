"""What the screens are offered (available_transitions), and the title's moves outside a person's click: the
nightly expiry and the revocation of a title registered without an application."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from apps.accounts.models import Party
from apps.applications.assessments.models import Application, ApplicationEvent
from apps.applications.recognitions.models import RecognitionStatus
from apps.applications.recognitions.services import recognition_create
from apps.applications.reviews.models import CombinationRule, PanelMember, ReviewPanel
from apps.applications.workflow.service import (
    TransitionRefused,
    available_targets,
    available_transitions,
    title_revoke,
    titles_expire,
)
from apps.applications.workflow.states import Status
from apps.notifications.models import Notification
from apps.oversight.revocations.tasks import nightly_dynamic_management

pytestmark = pytest.mark.django_db


def _application(cast, campaign, standard, status) -> Application:
    return Application.objects.create(unit=cast.unit_a, campaign_year=campaign, standard=standard, status=status)


def _title(cast, regions, issued_on: date, application=None):
    return recognition_create(unit=cast.unit_a, city=regions.city, year=issued_on.year, issued_on=issued_on,
                              by=cast.city_admin, application=application)


def test_each_role_is_offered_only_its_own_moves(cast, campaign, standard):
    draft = _application(cast, campaign, standard, Status.DRAFT)
    assert available_targets(cast.rep_a, draft) == {Status.SUBMITTED}
    assert available_targets(cast.rep_b, draft) == set()
    assert available_targets(cast.county_admin_x, draft) == set()

    draft.status = Status.COUNTY_REVIEW
    assert available_targets(cast.county_admin_x, draft) == {Status.RETURNED, Status.NOT_PASSED,
                                                              Status.COUNTY_APPROVED}
    assert available_targets(cast.county_admin_y, draft) == set()
    assert available_targets(cast.city_admin, draft) == set()

    draft.status = Status.COUNTY_APPROVED
    assert available_targets(cast.city_admin, draft) == {Status.CITY_CONFIRMED, Status.CITY_RETURNED}
    assert available_targets(cast.city_admin_other, draft) == set()
    assert all(t.source == Status.COUNTY_APPROVED for t in available_transitions(cast.city_admin, draft))


def test_the_panel_recorder_is_offered_the_decisions_and_other_members_are_not(cast, campaign, standard):
    application = _application(cast, campaign, standard, Status.COUNTY_REVIEW)
    panel = ReviewPanel.objects.create(application=application, rule=CombinationRule.AGREED,
                                       formed_by=cast.county_admin_x)
    for party, user in cast.reviewers_x.items():
        PanelMember.objects.create(panel=panel, user=user, party=party, is_recorder=party == Party.HRSS)
    assert available_targets(cast.reviewers_x[Party.HRSS], application) == {
        Status.RETURNED, Status.NOT_PASSED, Status.COUNTY_APPROVED}
    assert available_targets(cast.reviewers_x[Party.UNION], application) == set()


def test_the_nightly_job_expires_titles_past_their_validity_with_their_applications(cast, regions, campaign,
                                                                                    standard):
    old = _application(cast, campaign, standard, Status.NAMED)
    _title(cast, regions, date(2020, 1, 1), old)  # valid until 2022-12-31
    current = Application.objects.create(unit=cast.unit_b, campaign_year=campaign, standard=standard,
                                         status=Status.NAMED)
    recognition_create(unit=cast.unit_b, city=regions.city, year=2024, issued_on=timezone.localdate(),
                       by=cast.city_admin, application=current)
    unlinked = _title(cast, regions, date(2019, 6, 1))  # registered without an application

    result = nightly_dynamic_management()

    assert result["titles_expired"] == 2
    old.refresh_from_db(), current.refresh_from_db(), unlinked.refresh_from_db()
    assert (old.status, old.recognition.status) == (Status.EXPIRED, RecognitionStatus.EXPIRED)
    assert (current.status, current.recognition.status) == (Status.NAMED, RecognitionStatus.VALID)
    assert unlinked.status == RecognitionStatus.EXPIRED
    event = ApplicationEvent.objects.get(application=old)
    assert (event.from_status, event.to_status, event.actor) == (Status.NAMED, Status.EXPIRED, None)
    assert Notification.objects.count() == 0
    assert titles_expire() == 0, "a second run finds nothing to do"


def test_a_title_without_an_application_is_revoked_by_the_same_rule(cast, regions):
    title = _title(cast, regions, timezone.localdate() - timedelta(days=10))
    for refused in (cast.county_admin_x, cast.city_admin_other):
        with pytest.raises(TransitionRefused, match="无权"):
            title_revoke(recognition=title, by=refused, reason="发生欠薪事件")
    title.refresh_from_db()
    assert title.status == RecognitionStatus.VALID

    title_revoke(recognition=title, by=cast.city_admin, reason="发生欠薪事件")
    assert (title.status, title.revoked_reason, title.revoked_on) == (
        RecognitionStatus.REVOKED, "发生欠薪事件", timezone.localdate())
    with pytest.raises(TransitionRefused, match="已撤销"):
        title_revoke(recognition=title, by=cast.city_admin, reason="再次")
