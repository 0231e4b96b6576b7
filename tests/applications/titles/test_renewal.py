"""Renewal (复审): an application of kind renewal, linked to the title, through the same steps; naming it extends
the title by the locality's validity; the nightly expiry waits for a renewal in progress."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from apps.applications.assessments.models import Application, ApplicationKind
from apps.applications.assessments.services import ApplicationError, application_open_renewal
from apps.applications.notices.services import notice_publish
from apps.applications.recognitions.models import Recognition, RecognitionStatus
from apps.applications.recognitions.services import recognition_create
from apps.applications.reviews.services import review_decide
from apps.applications.workflow.service import TransitionRefused, application_transition, titles_expire
from apps.applications.workflow.states import Status
from tests.factories import CampaignPolicyFactory
from tests.fixtures.reviews import approved, form_panel, make_application

pytestmark = pytest.mark.django_db


def _title_ending_in(cast, regions, days: int, years: int | None = 3, unit=None) -> Recognition:
    """A title of unit A (3 years by default) whose last valid day is ``days`` from today."""
    today = timezone.localdate()
    if years is None:
        issued = today - timedelta(days=400)
    else:
        end = today + timedelta(days=days)
        issued = date.fromordinal(end.toordinal() + 1).replace(year=end.year - years)
    return recognition_create(unit=unit or cast.unit_a, city=regions.city, year=issued.year, issued_on=issued,
                              by=cast.city_admin, validity_years=years)


def _renewal(cast, campaign, standard, title, status=Status.SUBMITTED) -> Application:
    application = make_application(cast.unit_a, campaign, standard, status=status)
    Application.objects.filter(pk=application.pk).update(kind=ApplicationKind.RENEWAL, renews=title)
    application.refresh_from_db()
    return application


def test_a_passed_renewal_goes_through_the_same_steps_and_extends_the_title_by_the_policys_validity(
        cast, regions, campaign, standard):
    CampaignPolicyFactory(region=regions.city, year=campaign.year, validity_years=5)
    title = _title_ending_in(cast, regions, 60)
    old_end = title.valid_until
    renewal = _renewal(cast, campaign, standard, title)
    approved(renewal, cast, standard)
    application_transition(application=renewal, to=Status.CITY_CONFIRMED, by=cast.city_admin)
    today = timezone.localdate()
    with time_machine.travel(datetime.combine(today, time(12)), tick=False):
        notice = notice_publish(city=regions.city, applications=[renewal], starts_on=today, working_days=5,
                                by=cast.city_admin)
    with time_machine.travel(datetime.combine(notice.ends_on + timedelta(days=1), time(12)), tick=False):
        application_transition(application=renewal, to=Status.NAMED, by=cast.city_admin)

    title.refresh_from_db()
    assert Recognition.objects.filter(unit=cast.unit_a).count() == 1, "a renewal confers no second title"
    assert title.status == RecognitionStatus.VALID
    assert title.valid_until == old_end.replace(year=old_end.year + 5)
    assert renewal.status == Status.NAMED
    assert list(renewal.events.order_by("pk").values_list("to_status", flat=True)) == [
        Status.COUNTY_REVIEW, Status.COUNTY_APPROVED, Status.CITY_CONFIRMED, Status.IN_NOTICE, Status.NAMED]


def test_the_nightly_expiry_waits_for_a_renewal_in_progress_and_expires_the_title_once_it_fails(
        cast, regions, campaign, standard):
    title = _title_ending_in(cast, regions, -1)  # ended yesterday
    renewal = _renewal(cast, campaign, standard, title)
    assert titles_expire() == 0
    title.refresh_from_db()
    assert title.status == RecognitionStatus.VALID and title.get_current_status_display() == "已过期"

    form_panel(renewal, cast)
    renewal.refresh_from_db()
    review_decide(application=renewal, by=cast.county_admin_x, decision="reject", reason="劳动合同签订率不足")
    assert titles_expire() == 1
    title.refresh_from_db()
    assert title.status == RecognitionStatus.EXPIRED


def test_a_renewal_left_as_a_draft_does_not_hold_the_expiry_and_cannot_be_submitted_after_the_end(
        cast, regions, campaign, standard):
    title = _title_ending_in(cast, regions, -1)
    draft = _renewal(cast, campaign, standard, title, status=Status.DRAFT)
    assert titles_expire() == 1
    title.refresh_from_db()
    assert title.status == RecognitionStatus.EXPIRED
    with pytest.raises(TransitionRefused, match="不能继续复审"):
        application_transition(application=draft, to=Status.SUBMITTED, by=cast.rep_a)


def test_a_renewal_opens_in_the_titles_last_months_once_and_never_for_a_title_without_end(
        cast, regions, linfen_campaign, linfen_standard):
    today = timezone.localdate()
    early = _title_ending_in(cast, regions, 400)
    with pytest.raises(ApplicationError, match="到期前 180 天内"):
        application_open_renewal(recognition=early, by=cast.rep_a, today=today)
    endless = _title_ending_in(cast, regions, 0, years=None)
    with pytest.raises(ApplicationError, match="无须复审"):
        application_open_renewal(recognition=endless, by=cast.rep_a, today=today)

    due = _title_ending_in(cast, regions, 80)
    renewal = application_open_renewal(recognition=due, by=cast.rep_a, today=today)
    assert (renewal.kind, renewal.renews, renewal.status) == (ApplicationKind.RENEWAL, due, Status.DRAFT)
    assert renewal.standard == linfen_standard
    assert application_open_renewal(recognition=due, by=cast.rep_a, today=today) == renewal, "started once"


def test_a_revoked_title_cannot_be_renewed(cast, regions, linfen_campaign, linfen_standard):
    title = _title_ending_in(cast, regions, 30)
    Recognition.objects.filter(pk=title.pk).update(status=RecognitionStatus.REVOKED)
    title.refresh_from_db()
    with pytest.raises(ApplicationError, match="不能申请复审"):
        application_open_renewal(recognition=title, by=cast.rep_a, today=timezone.localdate())


# --- pages -----------------------------------------------------------------------------------------------

def test_the_rep_starts_the_renewal_from_the_titles_page(client, cast, regions, linfen_campaign, linfen_standard):
    title = _title_ending_in(cast, regions, 45)
    client.force_login(cast.rep_a)
    body = client.get(reverse("titles:mine")).content.decode()
    assert title.number in body and "还有 45 天" in body and "申请复审" in body
    response = client.post(reverse("titles:renew", args=[title.pk]))
    renewal = Application.objects.get(renews=title)
    assert response.status_code == 302 and response["Location"] == reverse("assessments:detail", args=[renewal.pk])
    detail = client.get(response["Location"]).content.decode()
    assert "复审申报" in detail and title.number in detail
    assert "复审进行中" in client.get(reverse("titles:mine")).content.decode()


def test_another_units_title_cannot_be_seen_or_renewed(client, cast, regions, linfen_campaign, linfen_standard):
    title = _title_ending_in(cast, regions, 45)
    client.force_login(cast.rep_b)
    assert title.number not in client.get(reverse("titles:mine")).content.decode()
    assert client.post(reverse("titles:renew", args=[title.pk])).status_code == 404
    assert not Application.objects.filter(renews=title).exists()


def test_staff_get_403_on_the_units_titles_page(client, cast):
    client.force_login(cast.county_admin_x)
    assert client.get(reverse("titles:mine")).status_code == 403


def test_the_county_lists_its_titles_ending_soon_and_another_county_does_not(client, cast, regions):
    soon = _title_ending_in(cast, regions, 20)
    later = _title_ending_in(cast, regions, 200, unit=cast.unit_b)
    client.force_login(cast.county_admin_x)
    body = client.get(reverse("titles:ending")).content.decode()
    assert soon.number in body and "未申请" in body
    client.force_login(cast.county_admin_y)
    body = client.get(reverse("titles:ending")).content.decode()
    assert soon.number not in body and later.number not in body
    client.force_login(cast.rep_a)
    assert client.get(reverse("titles:ending")).status_code == 403


def test_the_county_workbench_counts_titles_ending_soon(client, cast, regions):
    _title_ending_in(cast, regions, 20)
    client.force_login(cast.county_admin_x)
    assert "90 天内到期的称号 1 项" in client.get("/home/").content.decode()
    client.force_login(cast.county_admin_y)
    assert "90 天内到期的称号" not in client.get("/home/").content.decode()


def test_the_workbench_count_of_titles_ending_is_singular_for_one_in_english(client, cast, regions):
    _title_ending_in(cast, regions, 20)
    client.force_login(cast.county_admin_x)
    client.cookies["django_language"] = "en"
    body = client.get("/home/").content.decode()
    assert "1 title ending within 90 days" in body and "1 titles" not in body
