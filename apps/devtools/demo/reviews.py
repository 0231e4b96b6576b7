"""Demo of the review process for seed_demo: four units of one county, each stopped at a later step.

Every step goes through the real services and the workflow, so the demo
shows events, panels, scores, a notice and a certificate as they would be.
Idempotent: a unit that already has this year's application is left as it is.
"""

from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from apps.accounts.models import Party, Role, User
from apps.accounts.services import membership_grant, user_get_or_create
from apps.applications.assessments.models import Answer, Application, Evidence, EvidenceKind
from apps.applications.assessments.selectors import standard_with_items
from apps.applications.assessments.services import application_open
from apps.applications.notices.models import Notice, NoticeEntry
from apps.applications.notices.services import province_decision_record, province_forward
from apps.applications.notices.workdays import notice_end
from apps.applications.reviews import services
from apps.applications.reviews.models import CombinationRule
from apps.applications.workflow.offices import application_policy
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import Status
from apps.regions.models import Region
from apps.registry.units.models import Unit, UnitKind, VerificationStatus
from apps.standards.scoring import CHOICE, NUMBER, VETO_NO, fmt_score
from apps.standards.selectors import standard_spec

STEPS = (
    ("submitted", "已提交", Status.SUBMITTED),
    ("review", "县级评估中", Status.COUNTY_REVIEW),
    ("approved", "县级验收通过", Status.COUNTY_APPROVED),
    ("named", "已命名", Status.NAMED),
)
PDF = b"%PDF-1.4\n% demo evidence\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _best_values(application: Application) -> dict[int, tuple[str, str]]:
    """The highest score on every item and "no" on every veto: a clearly passing self-evaluation."""
    standard = standard_with_items(application.standard_id)
    by_code = {c.code: c for c in standard.criteria.all()}
    values = {}
    for spec in standard_spec(standard).criteria:
        if not spec.is_leaf:
            continue
        value = fmt_score(spec.highest) if spec.kind in (NUMBER, CHOICE) else VETO_NO
        values[by_code[spec.code].pk] = (value, "")
    return values


def _submit(application: Application, rep: User) -> None:
    values = _best_values(application)
    Answer.objects.bulk_create([
        Answer(application=application, criterion_id=pk, value=value, narrative="演示填报")
        for pk, (value, _) in values.items()
    ])
    for kind in (EvidenceKind.CONGRESS_APPROVAL, EvidenceKind.COMMITMENT):
        Evidence.objects.create(application=application, kind=kind, file=ContentFile(PDF, name="demo.pdf"),
                                original_name=f"{EvidenceKind(kind).label}（演示）.pdf",
                                content_type="application/pdf", size=len(PDF), sha256="0" * 64, uploaded_by=rep)
    application_transition(application=application, to=Status.SUBMITTED, by=rep, comment="演示申报")


def _review(application: Application, county: Region, admin: User, *, score: bool) -> None:
    reviewers = [User.objects.get(username=f"reviewer_{slug}_{county.code}")
                 for slug in ("hrss", "union", "conf", "fed")]
    panel = services.panel_form(application=application, reviewers=reviewers, rule=CombinationRule.MEAN, by=admin,
                                recorder=reviewers[0])
    application.refresh_from_db()
    values = _best_values(application)
    members = list(panel.members.select_related("user"))
    # Under review: the HRSS member has scored, the others have not yet.
    for member in members if score else [m for m in members if m.party == Party.HRSS]:
        services.sheet_save(member=member, values=values, submit=True, by=member.user)


def _name(application: Application, city_admin: User) -> None:
    application_transition(application=application, to=Status.CITY_CONFIRMED, by=city_admin)
    policy = application_policy(application)
    if policy is not None and policy.province_decides:
        # Where the province decides (临汾), the city forwards and records the province's decision first.
        decision, = province_forward(applications=[application], by=city_admin)
        province_decision_record(decision=decision, passed=True, document_number="演示：省级审定文号",
                                 decided_on=timezone.localdate(), by=city_admin)
    application_transition(application=application, to=Status.IN_NOTICE, by=city_admin, comment="演示公示")
    # The demo's notice ran in the past so that the unit can be named today (a new notice may not start
    # in the past; this one records history).
    starts = timezone.localdate() - timedelta(days=30)
    notice, _ = Notice.objects.get_or_create(
        city=application.campaign_year.city, year=application.campaign_year.year, title="演示：拟命名单位公示",
        defaults={"starts_on": starts, "working_days": 5, "ends_on": notice_end(starts, 5),
                  "published_by": city_admin, "contact": "0357-0000000"},
    )
    NoticeEntry.objects.get_or_create(notice=notice, application=application)
    application_transition(application=application, to=Status.NAMED, by=city_admin, comment="公示期满，予以命名")


def demo_review_process(*, county: Region, township: Region | None, password: str) -> list[tuple[str, str]]:
    """Create the four demo units and move each to its step; returns (login, what to do) lines for the output."""
    admin = User.objects.get(username=f"county_admin_{county.code}")
    city_admin = User.objects.get(username="city_admin")
    today = timezone.localdate()
    lines = []
    for slug, label, target in STEPS:
        unit, _ = Unit.objects.get_or_create(
            name=f"{county.name}演示企业（{label}）",
            defaults={"kind": UnitKind.ENTERPRISE, "region": county, "township": township,
                      "verification_status": VerificationStatus.VERIFIED},
        )
        rep, _ = user_get_or_create(username=f"rep_{slug}_{county.code}", password=password,
                                    full_name=f"{unit.name}填报人")
        membership_grant(user=rep, role=Role.UNIT_REP, unit=unit)
        exists = Application.objects.filter(unit=unit, campaign_year__year=today.year).exists()
        application = application_open(unit=unit, by=rep, today=today)
        if not exists:
            _submit(application, rep)
            if target != Status.SUBMITTED:
                _review(application, county, admin, score=target != Status.COUNTY_REVIEW)
            if target in (Status.COUNTY_APPROVED, Status.NAMED):
                application_transition(application=application, to=Status.COUNTY_APPROVED, by=admin,
                                       comment="演示：材料齐全，评估组得分达标")
            if target == Status.NAMED:
                _name(application, city_admin)
        lines.append((rep.username, f"{unit.name}：{label}"))
    return lines
