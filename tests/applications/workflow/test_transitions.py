"""One case per row of the transition table: who may make the move (an allowed role succeeds; a role the row does
not name and the same role in another county or city are refused), what it changes (the application's status, its
title's status where it has one, one event) and how many notifications it sends."""

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.utils import timezone

from apps.accounts.models import Party, Role
from apps.applications.assessments.models import Answer, Application, ApplicationEvent, Evidence
from apps.applications.notices.models import Notice, NoticeEntry
from apps.applications.recognitions.models import RecognitionStatus
from apps.applications.recognitions.services import recognition_create
from apps.applications.reviews import services as reviews
from apps.applications.reviews.models import CombinationRule, PanelMember, ReviewPanel
from apps.applications.workflow.service import TransitionRefused, application_transition
from apps.applications.workflow.states import Status
from apps.applications.workflow.transitions import TRANSITIONS
from apps.campaigns.rules import DEFAULT_REQUIRED_EVIDENCE
from apps.notifications.models import Notification
from apps.regions.models import RegionLevel
from tests.factories import MembershipFactory, RegionFactory, UserFactory, precheck_on

pytestmark = pytest.mark.django_db

# Demo standard: every item answered above the pass line, no veto.
GOOD = {"B1.1": "10", "B1.2": "9", "B2": "24", "C1": "27", "C2": "22", "D1": "0", "V1": "no", "V2": "no"}


@dataclass(frozen=True)
class Case:
    source: str
    target: str
    allowed: str  # the cast member who may make the move
    wrong_role: str  # a cast member whose role the row does not name
    outsider: str  # the allowed role, held in another county (or city, or unit)
    told: int  # notifications the move sends
    comment: str = ""
    title_before: str | None = None  # the title's status before and after, where the application has one
    title_after: str | None = None
    setup: tuple[str, ...] = field(default=())  # what the application needs first (see _prepare)

    @property
    def id(self) -> str:
        return f"{self.source}->{self.target}"


CASES = [
    Case(Status.DRAFT, Status.SUBMITTED, "rep_a", "county_admin_x", Role.UNIT_REP, told=1, setup=("evidence",)),
    Case(Status.RETURNED, Status.SUBMITTED, "rep_a", "county_admin_x", Role.UNIT_REP, told=1, setup=("evidence",)),
    Case(Status.SUBMITTED, Status.TOWNSHIP_PRECHECK, "township_staff_x", "county_admin_x", Role.TOWNSHIP_STAFF,
         told=0, setup=("precheck",)),
    Case(Status.TOWNSHIP_PRECHECK, Status.COUNTY_REVIEW, "township_staff_x", "county_admin_x", Role.TOWNSHIP_STAFF,
         told=1, setup=("precheck",)),
    Case(Status.SUBMITTED, Status.COUNTY_REVIEW, "county_admin_x", "city_admin", Role.COUNTY_ADMIN, told=4,
         setup=("panel",)),
    Case(Status.COUNTY_REVIEW, Status.RETURNED, "county_admin_x", "township_staff_x", Role.COUNTY_ADMIN, told=1,
         comment="请补充材料"),
    Case(Status.COUNTY_REVIEW, Status.NOT_PASSED, "county_admin_x", "township_staff_x", Role.COUNTY_ADMIN, told=1,
         comment="不达标"),
    Case(Status.COUNTY_REVIEW, Status.COUNTY_APPROVED, "county_admin_x", "city_admin", Role.COUNTY_ADMIN, told=1,
         setup=("scored",)),
    Case(Status.COUNTY_APPROVED, Status.CITY_CONFIRMED, "city_admin", "county_admin_x", Role.CITY_ADMIN, told=0),
    Case(Status.COUNTY_APPROVED, Status.CITY_RETURNED, "city_admin", "county_admin_x", Role.CITY_ADMIN, told=1,
         comment="请重新评估"),
    Case(Status.CITY_RETURNED, Status.COUNTY_REVIEW, "county_admin_x", "city_admin", Role.COUNTY_ADMIN, told=4,
         setup=("panel",)),
    Case(Status.CITY_CONFIRMED, Status.IN_NOTICE, "city_admin", "county_admin_x", Role.CITY_ADMIN, told=0),
    Case(Status.IN_NOTICE, Status.CITY_RETURNED, "city_admin", "county_admin_x", Role.CITY_ADMIN, told=1,
         comment="公示异议成立"),
    Case(Status.IN_NOTICE, Status.NAMED, "city_admin", "county_admin_x", Role.CITY_ADMIN, told=1,
         title_after=RecognitionStatus.VALID, setup=("notice_ended",)),
    Case(Status.NAMED, Status.REVOKED, "city_admin", "county_admin_x", Role.CITY_ADMIN, told=0,
         comment="发生群体性事件", title_before=RecognitionStatus.VALID, title_after=RecognitionStatus.REVOKED,
         setup=("title",)),
    Case(Status.EXPIRED, Status.REVOKED, "city_admin", "county_admin_x", Role.CITY_ADMIN, told=0,
         comment="有效期内发生群体性事件", title_before=RecognitionStatus.EXPIRED,
         title_after=RecognitionStatus.REVOKED, setup=("old_title", "title_expired")),
    Case(Status.NAMED, Status.EXPIRED, "city_admin", "county_admin_x", Role.CITY_ADMIN, told=0,
         title_before=RecognitionStatus.VALID, title_after=RecognitionStatus.EXPIRED, setup=("old_title",)),
]


def test_every_row_of_the_table_has_its_case():
    assert sorted((c.source, c.target) for c in CASES) == sorted((t.source, t.target) for t in TRANSITIONS)


def _outsider(role: str, cast, regions):
    """The role held outside unit A's county X and city: unit B's rep, county Y's offices, another city."""
    if role == Role.UNIT_REP:
        return cast.rep_b
    if role == Role.COUNTY_ADMIN:
        return cast.county_admin_y
    if role == Role.CITY_ADMIN:
        return cast.city_admin_other
    township_y = RegionFactory(name="乐昌镇", level=RegionLevel.TOWNSHIP, parent=regions.county_y)
    return MembershipFactory(user=UserFactory(username="township_y"), role=role, region=township_y).user


def _panel(application, cast) -> None:
    panel = ReviewPanel.objects.create(application=application, rule=CombinationRule.MEAN,
                                       formed_by=cast.county_admin_x)
    PanelMember.objects.bulk_create([PanelMember(panel=panel, user=user, party=party)
                                     for party, user in cast.reviewers_x.items()])


def _title(application, cast, regions, issued_on: date):
    return recognition_create(unit=application.unit, city=regions.city, year=issued_on.year, issued_on=issued_on,
                              by=cast.city_admin, application=application)


def _prepare(case: Case, cast, regions, campaign, standard) -> Application:
    """Unit A's application (county X, township 解放路街道) in the case's source status, its guards satisfied."""
    status = Status.SUBMITTED if "scored" in case.setup else case.source
    application = Application.objects.create(unit=cast.unit_a, campaign_year=campaign, standard=standard,
                                             status=status)
    criteria = {c.code: c for c in standard.criteria.all()}
    Answer.objects.bulk_create([Answer(application=application, criterion=criteria[code], value=value)
                                for code, value in GOOD.items()])
    if "evidence" in case.setup:
        Evidence.objects.bulk_create([
            Evidence(application=application, kind=kind, file=f"evidence/{kind}.pdf", original_name=f"{kind}.pdf",
                     content_type="application/pdf", size=1, sha256="0" * 64, uploaded_by=cast.rep_a)
            for kind in DEFAULT_REQUIRED_EVIDENCE])
    if "precheck" in case.setup:
        precheck_on(campaign)
    if "panel" in case.setup:
        _panel(application, cast)
    if "scored" in case.setup:
        reviews.panel_form(application=application, reviewers=list(cast.reviewers_x.values()),
                           rule=CombinationRule.MEAN, by=cast.county_admin_x)
        application.refresh_from_db()
        values = {criteria[code].pk: (value, "") for code, value in GOOD.items()}
        for member in application.review_panel.members.all():
            reviews.sheet_save(member=member, values=values, submit=True, by=member.user)
    if "notice_ended" in case.setup:
        ended = timezone.localdate() - timedelta(days=1)
        notice = Notice.objects.create(city=regions.city, year=campaign.year, title="拟命名单位公示",
                                       starts_on=ended - timedelta(days=7), working_days=5, ends_on=ended,
                                       published_by=cast.city_admin)
        NoticeEntry.objects.create(notice=notice, application=application)
    if "title" in case.setup:
        _title(application, cast, regions, timezone.localdate() - timedelta(days=30))
    if "old_title" in case.setup:
        _title(application, cast, regions, date(2020, 1, 1))  # valid until 2022-12-31
    if "title_expired" in case.setup:
        application.recognition.status = RecognitionStatus.EXPIRED  # as the nightly job left it
        application.recognition.save(update_fields=["status"])
    return application


def _title_status(application) -> str | None:
    application.refresh_from_db()
    recognition = getattr(application, "recognition", None)
    return recognition.status if recognition is not None else None


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_the_transition_checks_who_changes_what_and_tells_whom(case, cast, regions, campaign, standard):
    application = _prepare(case, cast, regions, campaign, standard)
    events, told = ApplicationEvent.objects.count(), Notification.objects.count()
    assert _title_status(application) == case.title_before

    for refused in (getattr(cast, case.wrong_role), _outsider(case.outsider, cast, regions)):
        with pytest.raises(TransitionRefused, match="无权"):
            application_transition(application=application, to=case.target, by=refused, comment=case.comment or "")
    application.refresh_from_db()
    assert application.status == case.source
    assert (ApplicationEvent.objects.count(), Notification.objects.count()) == (events, told)

    actor = getattr(cast, case.allowed)
    application_transition(application=application, to=case.target, by=actor, comment=case.comment)

    assert application.status == case.target
    assert _title_status(application) == case.title_after
    event = ApplicationEvent.objects.filter(application=application).latest("pk")
    assert (event.from_status, event.to_status, event.actor, event.comment) == (
        case.source, case.target, actor, case.comment)
    assert ApplicationEvent.objects.count() == events + 1
    assert Notification.objects.count() - told == case.told


def test_a_reviewer_who_is_not_the_recorder_cannot_decide_for_the_panel(cast, regions, campaign, standard):
    case = next(c for c in CASES if c.target == Status.NOT_PASSED)
    application = _prepare(case, cast, regions, campaign, standard)
    _panel(application, cast)
    with pytest.raises(TransitionRefused, match="无权"):
        application_transition(application=application, to=Status.NOT_PASSED, by=cast.reviewers_x[Party.HRSS],
                               comment="不达标")
    PanelMember.objects.filter(user=cast.reviewers_x[Party.HRSS]).update(is_recorder=True)
    application_transition(application=application, to=Status.NOT_PASSED, by=cast.reviewers_x[Party.HRSS],
                           comment="不达标")
    assert application.status == Status.NOT_PASSED
