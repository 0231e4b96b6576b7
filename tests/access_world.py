"""One of every object that has its own URL, on three sides of the cast's borders.

Side X is unit A in 尧都区 (county X, township 解放路街道, 临汾市); side Y is unit B
in 曲沃县 (county Y, same city); side W is a unit in 尧都区 outside the
township 解放路街道; side Z is a unit in 薛城区, 枣庄市 (another city). The
access matrix asks each role of side X for the X object (own) and for the
object across its border (W for township staff, Y for unit and county roles,
Z for the city admin). Objects are made directly where the service would need a long
workflow first: the matrix is about who may open them, not how they came to be.

``shared_world`` builds the regions, the cast and this world once per test module, for the walks that only
read it (the access matrix, the hostile-URL walk): inside a transaction the module holds open, which each
test's own transaction nests in (a savepoint, rolled back after the test) and which is rolled back after the
module's last test.
"""

import copy
import datetime
import logging
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.test import Client, override_settings
from django.utils import timezone

from apps.accounts.models import ExternalIdentity, Party, Role, User
from apps.applications.assessments.models import Answer, Application, Evidence, EvidenceKind
from apps.applications.experts.models import Expert, ExpertDraw
from apps.applications.named_units.models import ProvinceExport, YearlyReport
from apps.applications.notices.models import Notice, NoticeEntry, Objection, ProvinceDecision
from apps.applications.opinions.models import (
    Consultation,
    ConsultationEntry,
    ConsultationRequest,
    Department,
    DepartmentOpinion,
    OpinionStatus,
    Verdict,
)
from apps.applications.reviews.models import CombinationRule, ConfirmationBatch, Inspection, InspectionPhoto
from apps.applications.reviews.services import panel_form
from apps.applications.workflow.states import Status
from apps.campaigns.models import CampaignPolicy, CampaignYear
from apps.campaigns.selectors import NATIONAL_PANEL_PARTIES
from apps.core.jobs import JobStatus
from apps.offices.honours.models import Honour
from apps.offices.training.models import Training, TrainingMaterial
from apps.oversight.cultivation.models import CultivationTarget
from apps.oversight.incentives.models import IncentiveMeasure
from apps.oversight.revocations.models import CaseStatus, RevocationCase, RevocationRule
from apps.oversight.risks.models import RiskAttachment
from apps.oversight.supervision.models import RectificationItem, SupervisionVisit, VisitKind
from apps.oversight.title_checks.models import CheckRound, RoundMethod, TitleCheck
from apps.regions.models import Region
from apps.registry.coordinators.models import Coordinator
from apps.registry.credit.models import RedListEntry
from apps.registry.industries.services import industry_body_create
from apps.registry.models import ImportBatch
from apps.registry.parks.models import AreaKind
from apps.registry.parks.services import park_create
from apps.registry.units.models import Unit, VerificationStatus
from apps.reports.models import AnnualReport, ReportKind, TargetTask, TypicalCase
from apps.standards.models import Standard
from apps.surveys.models import StandardInForce, Survey

from .factories import EnterpriseFactory, MembershipFactory, RiskEventFactory, UnitFactory, UserFactory, named
from .fixtures.cast import Cast, Regions, build_cast, build_regions
from .held_transaction import held_transaction

PNG_BYTES = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


@dataclass
class Side:
    """The ids of one side's objects, by the name the matrix uses."""

    ids: dict[str, object] = field(default_factory=dict)

    def __getitem__(self, name: str):
        return self.ids[name]


def _user(username: str, **grant) -> User:
    return MembershipFactory(user=UserFactory(username=username), **grant).user


def _reviewers(county: Region, suffix: str, existing: dict[str, User] | None = None) -> list[User]:
    existing = existing or {}
    return [existing.get(party) or _user(f"reviewer_{party}_{suffix}", role=Role.COUNTY_REVIEWER, region=county,
                                         party=party)
            for party in NATIONAL_PANEL_PARTIES]


def build_side(*, unit: Unit, county: Region, city: Region, county_admin: User, city_admin: User,
               rep: User, reviewers: list[User], standard: Standard, tag: str, department_staff: User) -> Side:
    year = timezone.localdate().year
    campaign, _ = CampaignYear.objects.get_or_create(
        city=city, year=year,
        defaults={"self_evaluation_opens": datetime.date(year, 1, 1),
                  "self_evaluation_closes": datetime.date(year, 12, 31),
                  "county_review_deadline": datetime.date(year, 12, 31),
                  "city_confirmation_deadline": datetime.date(year, 12, 31)},
    )
    enterprise = EnterpriseFactory(unit=unit)
    pending = UnitFactory(name=f"待核验企业{tag}", region=county, verification_status=VerificationStatus.PENDING)
    park = park_create(name=f"{tag}工业园区", region=county, area_kind=AreaKind.INDUSTRIAL_PARK, by=county_admin)
    body = industry_body_create(name=f"{tag}行业", region=county, industry_kind="industry",
                                lead_body_type="association", lead_body_name="协会", pilot_year=year,
                                by=county_admin)
    coordinator = Coordinator.objects.create(full_name=f"协调员{tag}", region=county)
    standard_in_force, _ = StandardInForce.objects.get_or_create(region=city, year=year, unit_kind=unit.kind,
                                                                 defaults={"standard": standard})

    application = Application.objects.create(unit=unit, campaign_year=campaign, standard=standard,
                                             status=Status.SUBMITTED)
    criteria = list(standard.criteria.exclude(kind="group"))
    Answer.objects.bulk_create([Answer(application=application, criterion=c, value="") for c in criteria])
    evidence = Evidence(application=application, kind=EvidenceKind.COMMITMENT, original_name="承诺书.pdf",
                        content_type="application/pdf", size=10, uploaded_by=rep)
    evidence.file.save("commitment.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    evidence.save()
    panel_form(application=application, reviewers=reviewers, rule=CombinationRule.MEAN, recorder=None,
               by=county_admin)
    inspection = Inspection.objects.create(application=application, visited_on=datetime.date(year, 1, 2),
                                           people="张三", findings="良好", recorded_by=county_admin)
    photo = InspectionPhoto(inspection=inspection, original_name="现场.png", content_type="image/png",
                            size=len(PNG_BYTES))
    photo.file.save("site.png", ContentFile(PNG_BYTES), save=False)
    photo.save()
    batch = ConfirmationBatch.objects.create(city=city, application_ids=[application.pk], requested_by=city_admin)

    notice = Notice.objects.create(city=city, year=year, title=f"{tag}公示", starts_on=timezone.localdate(),
                                   working_days=5, ends_on=timezone.localdate() + datetime.timedelta(days=7),
                                   published_by=city_admin)
    entry = NoticeEntry.objects.create(notice=notice, application=application)
    objection = Objection.objects.create(entry=entry, contact="13800000000", content="异议内容")
    province_decision = ProvinceDecision.objects.create(application=application, forwarded_by=city_admin)
    expert = Expert.objects.create(region=county, name=f"专家{tag}", party=Party.HRSS, employer="某研究院",
                                   user=reviewers[0])
    expert_draw = ExpertDraw.objects.create(application=application, seed="5eed", candidates={}, chosen={},
                                            by=county_admin)
    department = Department.objects.create(region=city, name=f"{tag}市场监督管理局")
    department.staff.add(department_staff)
    consultation = Consultation.objects.create(region=city, year=year, title=f"{tag}征求意见",
                                               deadline=timezone.localdate(), sent_by=city_admin)
    consultation_request = ConsultationRequest.objects.create(consultation=consultation, department=department,
                                                              answered_at=timezone.now())
    department_opinion = DepartmentOpinion.objects.create(
        request=consultation_request,
        entry=ConsultationEntry.objects.create(consultation=consultation, application=application),
        verdict=Verdict.OBJECTION, reasons="有未结案的行政处罚", status=OpinionStatus.PENDING)

    recognition = named(unit, city=city, by=city_admin, issued_on=datetime.date(year - 1, 12, 1))
    report = YearlyReport.objects.create(recognition=recognition, year=year, practices="做法",
                                         attachment_name="附件.pdf", attachment_type="application/pdf")
    report.attachment.save("report.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    export = ProvinceExport.objects.create(city=city, year=year - 1, status=JobStatus.DONE, requested_by=city_admin)
    export.file.save("export.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18), save=True)

    event = RiskEventFactory(unit=unit, created_by=county_admin)
    attachment = RiskAttachment(event=event, original_name="通报.pdf", size=10, uploaded_by=county_admin)
    attachment.file.save("notice.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    attachment.save()
    rule = RevocationRule.objects.create(city=city, name=f"{tag}规则", kinds=["arbitration_case"])
    case = RevocationCase.objects.create(recognition=recognition, rule=rule, status=CaseStatus.OPEN,
                                         opened_at=timezone.now())
    confirmed_case = RevocationCase.objects.create(recognition=recognition, rule=rule, status=CaseStatus.CONFIRMED,
                                                   opened_at=timezone.now(), decided_at=timezone.now(),
                                                   decision_reason="重大劳动保障违法行为")

    target = CultivationTarget.objects.create(unit=unit, year=year, goal="达标", selected_by=county_admin)
    # The offices' own work: a session the county held (with its handout) and a person it recommended.
    training = Training.objects.create(held_on=datetime.date(year, 1, 3), kind="topic", region=county,
                                       organiser=f"{tag}三方办公室", topic=f"{tag}专题培训", recorded_by=county_admin)
    training_material = TrainingMaterial(training=training, original_name="讲义.pdf", content_type="application/pdf",
                                         size=10, uploaded_by=county_admin)
    training_material.file.save("handout.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    training_material.save()
    honour = Honour.objects.create(year=year, category="individual", title="先进个人", level="county",
                                   region=county, recipient=f"{tag}某", recorded_by=county_admin)
    visit = SupervisionVisit.objects.create(supervisor=city, region=county, visited_on=datetime.date(year, 1, 2),
                                            kind=VisitKind.SPOT, participants="市人社局", findings="台账不全",
                                            recorded_by=city_admin)
    item = RectificationItem.objects.create(visit=visit, description=f"{tag}整改", responsible=county,
                                            deadline=datetime.date(year, 12, 31))
    # The city's check of the county's named units (a round over the county alone) and its record of the title.
    check_round = CheckRound.objects.create(office=city, region=county, year=year, method=RoundMethod.CENSUS,
                                            candidates={"all": [recognition.pk]}, drawn={"all": [recognition.pk]},
                                            started_by=city_admin)
    title_check = TitleCheck.objects.create(round=check_round, recognition=recognition, unit=unit)
    task = TargetTask.objects.create(region=county, year=year, title=f"{tag}目标任务", department="县人社局",
                                     deadline=datetime.date(year, 12, 31), assigned_by=city_admin)
    # A township's task for the unit it answers for (包保); a unit of no township is answered for by its county.
    unit_task = TargetTask.objects.create(region=unit.township or county, unit=unit, year=year,
                                          title=f"{tag}包保任务", department="街道", responsible_person="王某",
                                          deadline=datetime.date(year, 12, 31), assigned_by=county_admin)
    version = AnnualReport.objects.filter(kind=ReportKind.COUNTY, region=county, year=year - 1).count() + 1
    annual = AnnualReport.objects.create(kind=ReportKind.COUNTY, region=county, year=year - 1, version=version,
                                         status=JobStatus.DONE, requested_by=county_admin)
    annual.pdf.save("county.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    annual.xlsx.save("county.xlsx", ContentFile(b"PK\x05\x06" + b"\0" * 18), save=False)
    annual.save()
    case_draft = TypicalCase.objects.create(region=county, year=year, title=f"{tag}案例", body="内容",
                                            created_by=county_admin)
    case_public = TypicalCase.objects.create(region=county, year=year, title=f"{tag}公开案例", body="内容",
                                             created_by=county_admin, published_at=timezone.now())
    import_batch = ImportBatch.objects.create(owner=county_admin, file_name="名录.xlsx")
    # A district that runs its own campaign: its policy (and report duties) are its own office's to edit.
    district_policy, _ = CampaignPolicy.objects.get_or_create(region=county, year=year - 1)
    # A measure of the county's own catalogue: seen in and above the county and by the lower levels it covers.
    measure, _ = IncentiveMeasure.objects.get_or_create(
        region=county, code="access-measure", defaults={"name": f"{county.name}物质奖励", "department": "县三方"})
    red_list = RedListEntry.objects.create(enterprise=enterprise, listed_on=datetime.date(2024, 1, 1),
                                           listed_by="人社局", reason="守法诚信", entered_by=county_admin)
    survey = Survey.objects.create(unit=unit, year=year, template=_survey_template(), token=f"token{tag}",
                                   opened_by=rep, max_responses=50)
    identity = ExternalIdentity.objects.create(issuer="https://idp.example.gov.cn/openid", subject=f"sub-{tag}",
                                               name=f"{tag}统一认证用户")

    # The county's policy (each side its own, W shares X's) and the city's, created last so that the objects
    # above keep the portal's defaults.
    policy, _ = CampaignPolicy.objects.get_or_create(region=county, year=year)
    city_policy, _ = CampaignPolicy.objects.get_or_create(region=city, year=year - 1)

    return Side({
        "policy": policy.pk, "city_policy": city_policy.pk,
        "unit": unit.pk, "pending_unit": pending.pk, "enterprise": enterprise.pk, "park": park.pk,
        "industry": body.pk, "coordinator": coordinator.pk, "campaign": campaign.pk,
        "standard_in_force": standard_in_force.pk,
        "application": application.pk, "criterion": criteria[0].pk, "evidence": evidence.pk,
        "level": "township", "photo": photo.pk, "batch": batch.pk, "notice": notice.pk,
        "objection": objection.pk, "province_decision": province_decision.pk,
        "department": department.pk, "consultation": consultation.pk,
        "expert": expert.pk, "expert_draw": expert_draw.pk,
        "consultation_request": consultation_request.pk, "department_opinion": department_opinion.pk,
        "recognition": recognition.pk, "certificate": recognition.number,
        "yearly_report": report.pk, "export": export.pk, "risk_event": event.pk, "risk_attachment": attachment.pk,
        "rule": rule.pk, "case": case.pk,
        "confirmed_case": confirmed_case.pk, "target": target.pk, "annual_report": annual.pk, "fmt": "pdf",
        "training": training.pk, "training_material": training_material.pk, "honour": honour.pk,
        "typical_case": case_draft.pk, "public_case": case_public.pk, "import_batch": import_batch.pk,
        "survey": survey.pk, "survey_token": survey.token, "measure": measure.pk,
        "red_list_entry": red_list.pk,
        "external_id": "none", "identity": identity.pk, "rep_user": rep.pk, "county_admin_user": county_admin.pk,
        "district_policy": district_policy.pk, "visit": visit.pk, "rectification_item": item.pk,
        "target_task": task.pk, "unit_target_task": unit_task.pk, "check_round": check_round.pk,
        "title_check": title_check.pk,
    })


def _survey_template():
    from apps.surveys.loading import survey_template_load
    from apps.surveys.models import SurveyTemplate

    template = SurveyTemplate.objects.first()
    if template is None:
        path = settings.BASE_DIR / "fixtures" / "surveys" / "linfen_enterprise_satisfaction.yaml"
        template = survey_template_load(path=path).template
    return template


def build_world(cast, regions) -> dict[str, Side]:
    from apps.standards.services import standard_load_file

    standard, _ = standard_load_file(path=settings.BASE_DIR / "fixtures" / "standards" / "demo_all_features.yaml")
    unit_w = UnitFactory(name="丁公司", region=regions.county_x)
    unit_z = UnitFactory(name="丙公司", region=regions.other_county)
    county_admin_z = _user("county_admin_z", role=Role.COUNTY_ADMIN, region=regions.other_county)
    rep_z = _user("rep_z", role=Role.UNIT_REP, unit=unit_z)
    department_staff_z = _user("department_staff_z", role=Role.DEPARTMENT_STAFF, region=regions.other_city)
    return {
        "X": build_side(unit=cast.unit_a, county=regions.county_x, city=regions.city,
                        county_admin=cast.county_admin_x, city_admin=cast.city_admin, rep=cast.rep_a,
                        reviewers=_reviewers(regions.county_x, "x", cast.reviewers_x), standard=standard, tag="甲",
                        department_staff=cast.department_staff),
        "Y": build_side(unit=cast.unit_b, county=regions.county_y, city=regions.city,
                        county_admin=cast.county_admin_y, city_admin=cast.city_admin, rep=cast.rep_b,
                        reviewers=_reviewers(regions.county_y, "y", {Party.HRSS: cast.reviewer_y}),
                        standard=standard, tag="乙", department_staff=cast.department_staff),
        "W": build_side(unit=unit_w, county=regions.county_x, city=regions.city, county_admin=cast.county_admin_x,
                        city_admin=cast.city_admin, rep=_user("rep_w", role=Role.UNIT_REP, unit=unit_w),
                        reviewers=_reviewers(regions.county_x, "x", cast.reviewers_x), standard=standard, tag="丁",
                        department_staff=cast.department_staff),
        "Z": build_side(unit=unit_z, county=regions.other_county, city=regions.other_city,
                        county_admin=county_admin_z, city_admin=cast.city_admin_other, rep=rep_z,
                        reviewers=_reviewers(regions.other_county, "z"), standard=standard, tag="丙",
                        department_staff=department_staff_z),
    }


@dataclass
class SharedWorld:
    """What ``shared_world`` built: the cast's regions and users, the four sides, where their files lie."""

    regions: Regions
    cast: Cast
    sides: dict[str, Side]
    private_media_root: Path

    def __getitem__(self, side: str) -> Side:
        return self.sides[side]


@pytest.fixture(scope="module")
def shared_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The regions, the cast and ``build_world`` once for the whole module (see the module's docstring).

    A test may write (each test's transaction is rolled back), but may not rely on a change made by another
    test; the world's users keep their ids, names and memberships from test to test.
    """
    root = tmp_path_factory.mktemp("private")
    with override_settings(PRIVATE_MEDIA_ROOT=root), held_transaction(django_db_blocker):
        with django_db_blocker.unblock():
            regions = build_regions()
            cast = build_cast(regions)
            world = SharedWorld(regions=regions, cast=cast, sides=build_world(cast, regions), private_media_root=root)
        yield world


def logged_in_clients(people: dict[str, User | None], **client_options) -> dict[str, Client]:
    """A client per role name, logged in as its user (None: anonymous). Call it inside a test or a fixture
    that has the database (the sessions are rows)."""
    clients = {}
    for role, user in people.items():
        clients[role] = Client(**client_options)
        if user is not None:
            clients[role].force_login(user)
    return clients


# What a request may run without changing the database it leaves behind (its own view's savepoints included).
_READ_ONLY_SQL = ("SELECT", "SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


class RolledBackRequests:
    """Requests each of which leaves the database, and the client's cookies, as they were before it.

    A shared client stays who it was: a logout, a language switch or a new session in one request does not
    carry over to the next (nor does any row the request wrote). The database is set back to one savepoint,
    taken before the first request, after each request that ran a statement other than a read (or a failing
    one, or asked for a rollback, or queued work for a commit); a request that only read leaves nothing to
    undo and costs no savepoint of its own, three statements fewer than an atomic block around each request
    on walks where most requests are turned away. What the test itself writes between two requests may be
    undone with the next writing request: set up first, then request.
    """

    def __init__(self, using: str = DEFAULT_DB_ALIAS):
        self.connection = connections[using]
        self.savepoint: str | None = None

    def _watch(self, execute, sql, params, many, context):
        if not (isinstance(sql, str) and sql.lstrip().upper().startswith(_READ_ONLY_SQL)):
            self.wrote = True
        try:
            return execute(sql, params, many, context)
        except Exception:
            self.wrote = True
            raise

    def __call__(self, client: Client, method: str, path: str, data=None):
        connection = self.connection
        if self.savepoint is None:
            self.savepoint = transaction.savepoint(using=connection.alias)
        self.wrote = False
        queued = len(connection.run_on_commit)
        cookies = copy.deepcopy(client.cookies)
        try:
            with connection.execute_wrapper(self._watch):
                return getattr(client, method)(path, data) if data is not None else getattr(client, method)(path)
        finally:
            client.cookies = cookies
            if self.wrote or connection.needs_rollback or len(connection.run_on_commit) != queued:
                connection.needs_rollback = False
                transaction.savepoint_rollback(self.savepoint, using=connection.alias)
                del connection.run_on_commit[queued:]


@pytest.fixture
def rolled_back(db) -> RolledBackRequests:
    """``rolled_back(client, "get", path)``: a request whose writes are undone (see ``RolledBackRequests``)."""
    return RolledBackRequests()


FIXED_PDF = b"%PDF-1.4\n%%EOF\n"


class _LaidOutDocument:
    """What ``HTML.render()`` returns, without the layout: its PDF is the fixed one."""

    def write_pdf(self, *args, **kwargs) -> bytes:
        return FIXED_PDF


@pytest.fixture
def quick_documents(monkeypatch):
    """What a walk over every URL waits for without looking at it, answered at once, the view's own code unchanged.

    WeasyPrint's layout (about a second a PDF: ``HTML.write_pdf``, or ``HTML.render()`` then the document's
    ``write_pdf``) returns a fixed PDF; each PDF has its own tests of its layout. And the worker health check's
    Celery ping returns at once what the broker answers after its 2-second timeout when, as in the tests, no
    worker runs (no reply: "down", 503); tests/core/test_healthz.py and test_deploy_processes.py ping for real.
    """
    from hlr_portal.celery import app

    monkeypatch.setattr("weasyprint.HTML.write_pdf", lambda self, *args, **kwargs: FIXED_PDF)
    monkeypatch.setattr("weasyprint.HTML.render", lambda self, *args, **kwargs: _LaidOutDocument())
    monkeypatch.setattr(app.control, "ping", lambda *args, **kwargs: [])


@pytest.fixture
def walk_settings(settings, caplog):
    """What a walk over every URL does not look at, made cheap: sessions in signed cookies (no session row to
    read on each request, nor to write when the last-seen time, rolled back with the request, looks a minute
    old), and no warning logged (with its traceback formatted twice) for each of the thousands of 403/404s.
    A server error is still logged; the walks judge the status codes. Use it before logging the clients in."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    caplog.set_level(logging.ERROR, logger="django.request")
    return settings
