"""One case per row of the transition table: who may make the move (an allowed role succeeds; a role the row does
not name and the same role in another county or city are refused), what it changes (the application's status, its
title's status where it has one, one event) and how many notifications it sends."""

from dataclasses import dataclass, field
from datetime import date, timedelta

import pytest
from django.utils import timezone, translation

from apps.accounts.models import Party, Role
from apps.applications.assessments.models import Answer, Application, ApplicationEvent, Evidence
from apps.applications.notices.models import Notice, NoticeEntry, ProvinceDecision, ProvinceOutcome
from apps.applications.opinions.models import (
    Consultation,
    ConsultationEntry,
    ConsultationRequest,
    Department,
    DepartmentOpinion,
    OpinionStatus,
    Verdict,
)
from apps.applications.recognitions.models import RecognitionStatus
from apps.applications.recognitions.services import recognition_create
from apps.applications.reviews import services as reviews
from apps.applications.reviews.models import CombinationRule, PanelMember, ReviewPanel
from apps.applications.workflow.recipients import naming_office
from apps.applications.workflow.service import TransitionRefused, application_transition
from apps.applications.workflow.states import Status
from apps.applications.workflow.transitions import TRANSITIONS
from apps.campaigns.models import CampaignPolicy, NamingLevel
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
    Case(Status.CITY_CONFIRMED, Status.NOT_PASSED, "city_admin", "county_admin_x", Role.CITY_ADMIN, told=1,
         comment="省级审定未通过（晋人社函〔2025〕9号）", setup=("province_not_passed",)),
    Case(Status.CITY_CONFIRMED, Status.IN_NOTICE, "city_admin", "county_admin_x", Role.CITY_ADMIN, told=0),
    Case(Status.CITY_CONFIRMED, Status.CITY_RETURNED, "city_admin", "county_admin_x", Role.CITY_ADMIN, told=1,
         comment="市场监督管理局异议成立", setup=("department_objection_upheld",)),
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
    if "province_not_passed" in case.setup:
        CampaignPolicy.objects.create(region=regions.city, year=campaign.year, province_decides=True)
        ProvinceDecision.objects.create(application=application, forwarded_by=cast.city_admin,
                                        outcome=ProvinceOutcome.NOT_PASSED, document_number="晋人社函〔2025〕9号",
                                        decided_on=timezone.localdate())
    if "department_objection_upheld" in case.setup:
        consultation = Consultation.objects.create(region=regions.city, year=campaign.year, title="征求意见",
                                                   deadline=timezone.localdate(), sent_by=cast.city_admin)
        department = Department.objects.create(region=regions.city, name="市场监督管理局")
        request = ConsultationRequest.objects.create(consultation=consultation, department=department,
                                                     answered_at=timezone.now())
        DepartmentOpinion.objects.create(
            request=request, entry=ConsultationEntry.objects.create(consultation=consultation, application=application),
            verdict=Verdict.OBJECTION, reasons="有未结案的行政处罚", status=OpinionStatus.UPHELD)
    if "county_names" in case.setup:
        # 天津市河东区's shape: the district names, and decides its own revocations.
        CampaignPolicy.objects.create(region=regions.county_x, year=campaign.year, naming_level=NamingLevel.COUNTY,
                                      revocation_proposer=RegionLevel.COUNTY, revocation_approver=RegionLevel.COUNTY)
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


# Every row the city's office makes by default, where the policy in force for county X says the county names (and
# revokes): county X's office makes it; the city's office and county Y's office are refused.
COUNTY_NAMING_CASES = [
    Case(c.source, c.target, "county_admin_x", "city_admin", Role.COUNTY_ADMIN,
         # The county's own office is not told of its own send-back.
         told=0 if c.target == Status.CITY_RETURNED else c.told, comment=c.comment,
         title_before=c.title_before, title_after=c.title_after, setup=(*c.setup, "county_names"))
    for c in CASES if c.allowed == "city_admin"
]


@pytest.mark.parametrize("case", COUNTY_NAMING_CASES, ids=[case.id for case in COUNTY_NAMING_CASES])
def test_where_the_county_names_its_office_makes_the_moves_the_city_makes_elsewhere(case, cast, regions, campaign,
                                                                                   standard):
    test_the_transition_checks_who_changes_what_and_tells_whom(case, cast, regions, campaign, standard)


def test_the_county_approval_is_handed_to_the_office_that_names(cast, regions, campaign, standard):
    case = next(c for c in CASES if c.target == Status.COUNTY_APPROVED)
    application = _prepare(case, cast, regions, campaign, standard)
    assert list(naming_office(application)) == [cast.city_admin]
    CampaignPolicy.objects.create(region=regions.county_x, year=campaign.year, naming_level=NamingLevel.COUNTY)
    application = Application.objects.get(pk=application.pk)
    assert list(naming_office(application)) == [cast.county_admin_x]


def test_a_county_policy_leaves_the_other_county_to_the_city(cast, regions, campaign, standard):
    """The policy is inherited downwards only: county Y, under the city's default, is confirmed by the city."""
    CampaignPolicy.objects.create(region=regions.county_x, year=campaign.year, naming_level=NamingLevel.COUNTY)
    application = Application.objects.create(unit=cast.unit_b, campaign_year=campaign, standard=standard,
                                             status=Status.COUNTY_APPROVED)
    with pytest.raises(TransitionRefused, match="无权"):
        application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.county_admin_y)
    application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.city_admin)
    assert application.status == Status.CITY_CONFIRMED


def test_where_the_county_names_but_the_city_decides_revocations_the_city_revokes(cast, regions, campaign,
                                                                                  standard):
    case = next(c for c in CASES if (c.source, c.target) == (Status.NAMED, Status.REVOKED))
    application = _prepare(case, cast, regions, campaign, standard)
    CampaignPolicy.objects.create(region=regions.county_x, year=campaign.year, naming_level=NamingLevel.COUNTY,
                                  revocation_approver=RegionLevel.CITY)
    with pytest.raises(TransitionRefused, match="无权"):
        application_transition(application=application, to=Status.REVOKED, by=cast.county_admin_x, comment="违法")
    application_transition(application=application, to=Status.REVOKED, by=cast.city_admin, comment="违法")
    assert application.status == Status.REVOKED


def test_a_county_names_its_titles_under_its_own_certificate_series(cast, regions, campaign, standard):
    case = next(c for c in COUNTY_NAMING_CASES if c.target == Status.NAMED)
    application = _prepare(case, cast, regions, campaign, standard)
    CampaignPolicy.objects.filter(region=regions.county_x).update(title_level="区级")
    application_transition(application=application, to=Status.NAMED, by=cast.county_admin_x)
    title = application.recognition
    assert (title.city, title.level, title.number) == (regions.county_x, "区级", f"141002-{campaign.year}-0001")


def test_where_the_province_decides_the_notice_waits_for_its_recorded_passing_decision(cast, regions, campaign,
                                                                                       standard):
    application = Application.objects.create(unit=cast.unit_a, campaign_year=campaign, standard=standard,
                                             status=Status.CITY_CONFIRMED)
    CampaignPolicy.objects.create(region=regions.city, year=campaign.year, province_decides=True)
    with pytest.raises(TransitionRefused, match="报送省级"):
        application_transition(application=application, to=Status.IN_NOTICE, by=cast.city_admin)
    decision = ProvinceDecision.objects.create(application=application, forwarded_by=cast.city_admin)
    with pytest.raises(TransitionRefused, match="尚未登记省级审定结果"):
        application_transition(application=application, to=Status.IN_NOTICE, by=cast.city_admin)
    with pytest.raises(TransitionRefused, match="尚未登记省级审定未通过"):
        application_transition(application=application, to=Status.NOT_PASSED, by=cast.city_admin, comment="未通过")
    decision.outcome = ProvinceOutcome.PASSED
    decision.save()
    application_transition(application=application, to=Status.IN_NOTICE, by=cast.city_admin)
    assert application.status == Status.IN_NOTICE


def test_a_refusal_reads_in_the_readers_language(cast, regions, campaign, standard):
    """The guards' reasons are sentences for the person who acts: an English reader reads them in English."""
    application = Application.objects.create(unit=cast.unit_a, campaign_year=campaign, standard=standard,
                                             status=Status.CITY_CONFIRMED)
    CampaignPolicy.objects.create(region=regions.city, year=campaign.year, province_decides=True)
    with translation.override("en"), pytest.raises(TransitionRefused) as refused:
        application_transition(application=application, to=Status.IN_NOTICE, by=cast.city_admin)
    assert refused.value.messages == [
        "Here the province decides: forward the application to the province and record its decision that it "
        "passed, with the document number, before the public notice and naming."
    ]
    ProvinceDecision.objects.create(application=application, forwarded_by=cast.city_admin,
                                    outcome=ProvinceOutcome.NOT_PASSED, document_number="晋人社函〔2026〕9号")
    with translation.override("en"), pytest.raises(TransitionRefused) as refused:
        application_transition(application=application, to=Status.IN_NOTICE, by=cast.city_admin)
    assert refused.value.messages == [
        "The province decided the application did not pass (晋人社函〔2026〕9号): it cannot go to public notice or "
        "be named."
    ]
