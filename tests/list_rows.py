"""Cheap rows for the list-page query-count tests (tests/test_list_queries.py).

Every maker has the signature ``make(world, start, count) -> list[str]``:
it writes ``count`` rows in bulk (numbered from ``start``, so it can be
called again to grow the same list) and returns, per row, a text the page
shows for that row — a unit name such as ``列表行0003`` or the link to the
row's own page. Rows go where the user of the table entry can see them:
county X (尧都区, with 解放路街道) of 临汾市, or unit A for a representative.
"""

import datetime
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from auditlog.context import disable_auditlog
from django.conf import settings
from django.db.models import CharField, Value
from django.db.models.functions import Cast as SqlCast
from django.db.models.functions import Concat
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Party
from apps.applications.assessments.models import Application, ApplicationEvent, ApplicationKind
from apps.applications.experts.models import Expert, ExpertDraw, ExpertRelation, pick
from apps.applications.named_units.models import ProvinceExport, YearlyReport, YearlyReportStatus
from apps.applications.notices.models import Notice, NoticeEntry, Objection
from apps.applications.opinions.models import (
    Consultation,
    ConsultationEntry,
    ConsultationRequest,
    Department,
    DepartmentOpinion,
    OpinionStatus,
    Verdict,
)
from apps.applications.recognitions.models import Recognition
from apps.applications.reviews.models import PanelMember, ReviewPanel
from apps.applications.workflow.states import Status
from apps.campaigns.models import CampaignPolicy, CampaignYear, NamingLevel
from apps.core.jobs import JobStatus
from apps.notifications.models import Notification
from apps.offices.honours.models import Honour
from apps.offices.training.models import Training
from apps.oversight.cultivation.models import CultivationTarget, GuidanceVisit
from apps.oversight.incentives.catalogue import catalogue_load
from apps.oversight.incentives.models import IncentiveGrant, IncentiveMeasure
from apps.oversight.revocations.models import CaseEvent, CaseStatus, RevocationCase, RevocationRule
from apps.oversight.risks.models import RiskAttachment, RiskEvent
from apps.oversight.risks.services import api_client_create
from apps.oversight.supervision.models import ItemStatus, RectificationItem, SupervisionVisit, VisitKind
from apps.oversight.title_checks.models import CheckRound, RoundMethod, TitleCheck
from apps.regions.models import Region, RegionLevel
from apps.registry.coordinators.models import Coordinator
from apps.registry.credit.models import RedListEntry
from apps.registry.enterprises.models import Enterprise, IndustryClass, SizeClass
from apps.registry.enterprises.uscc import uscc_with_check_digit
from apps.registry.industries.models import IndustryBody, IndustryKind, LeadBodyType
from apps.registry.models import UnitEvent, UnitEventAction
from apps.registry.parks.models import AreaKind, Park
from apps.registry.units.models import Unit, UnitKind, VerificationStatus
from apps.reports.models import AnnualReport, ReportKind, TargetTask, TypicalCase
from apps.standards.services import standard_load
from apps.surveys.loading import survey_template_load
from apps.surveys.models import Survey
from tests.fixtures.cast import Cast, Regions

THIS_YEAR = timezone.localdate().year
LAST_YEAR = THIS_YEAR - 1
FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def marker(i: int) -> str:
    """The name row ``i`` carries; four digits, so no marker is part of another."""
    return f"列表行{i:04d}"


@dataclass
class World:
    """The fixed cast plus the shared objects rows hang on, each made once on first use."""

    cast: Cast
    regions: Regions
    extra: dict = field(default_factory=dict)

    @cached_property
    def campaign(self) -> CampaignYear:
        from tests.factories import CampaignYearFactory

        # The shared objects are made without audit entries: the audit lists under test show the rows' entries
        # only, so the same kinds of related object whether they show 5 entries or 500.
        with disable_auditlog():
            return CampaignYearFactory(city=self.regions.city)

    @cached_property
    def standard(self):
        with disable_auditlog():
            standard, _ = standard_load(text=(FIXTURES / "standards" / "linfen_enterprise_2023.yaml").read_text(),
                                        source="linfen")
        return standard

    @cached_property
    def expert_draw(self) -> ExpertDraw:
        """One draw for an application of county X, whose candidate list the rows fill."""
        application = self.applications(9000, 1, Status.COUNTY_REVIEW)[0]
        return ExpertDraw.objects.create(application=application, seed="5eed", by=self.cast.county_admin_x)

    @cached_property
    def industry(self) -> IndustryClass:
        return IndustryClass.objects.filter(section__isnull=False).order_by("code").first()

    @cached_property
    def visit(self) -> SupervisionVisit:
        """The city's spot check of county X this year."""
        return SupervisionVisit.objects.create(
            supervisor=self.regions.city, region=self.regions.county_x, visited_on=datetime.date(THIS_YEAR - 1, 12, 1),
            kind=VisitKind.SPOT, participants="市人社局", findings="台账不全", recorded_by=self.cast.city_admin)

    @cached_property
    def check_round(self) -> CheckRound:
        """The city's 普查 of county X's named units this year (its records are the rows)."""
        return CheckRound.objects.create(office=self.regions.city, region=self.regions.county_x, year=THIS_YEAR,
                                         method=RoundMethod.CENSUS, started_by=self.cast.city_admin)

    @cached_property
    def township_visit(self) -> SupervisionVisit:
        """County X's check of its township."""
        return SupervisionVisit.objects.create(
            supervisor=self.regions.county_x, region=self.regions.township_x,
            visited_on=datetime.date(THIS_YEAR - 1, 12, 1), kind=VisitKind.SYSTEM, participants="县人社局",
            findings="台账不全", recorded_by=self.cast.county_admin_x)

    @cached_property
    def rule(self) -> RevocationRule:
        return RevocationRule.objects.create(city=self.regions.city, name="重大风险即取消", kinds=["wage_arrears"],
                                             min_severity=2)

    @cached_property
    def measure(self) -> IncentiveMeasure:
        catalogue_load(region=self.regions.city)
        return IncentiveMeasure.objects.filter(region=self.regions.city).order_by("sort_order", "pk").first()

    @cached_property
    def api_client(self):
        client, token = api_client_create(name="尧都区劳动保障监察系统", source="yaodu-list",
                                          region=self.regions.county_x)
        client.token = token
        return client

    @cached_property
    def notice(self) -> Notice:
        today = timezone.localdate()
        return Notice.objects.create(city=self.regions.city, year=THIS_YEAR, title="和谐劳动关系企业公示",
                                     starts_on=today - datetime.timedelta(days=1), working_days=5,
                                     ends_on=today + datetime.timedelta(days=10), published_by=self.cast.city_admin)

    @cached_property
    def title_a(self) -> Recognition:
        return self.recognitions_for([self.cast.unit_a], start=9000)[0]

    @cached_property
    def target(self) -> CultivationTarget:
        return CultivationTarget.objects.create(unit=self.cast.unit_a, year=THIS_YEAR,
                                                selected_by=self.cast.county_admin_x)

    @cached_property
    def application_a(self) -> Application:
        return Application.objects.create(unit=self.cast.unit_a, campaign_year=self.campaign, standard=self.standard,
                                          status=Status.SUBMITTED)

    @cached_property
    def chain(self) -> IndustryBody:
        unit = Unit.objects.create(name="汾河产业链", kind=UnitKind.INDUSTRY, region=self.regions.county_x)
        return IndustryBody.objects.create(unit=unit, industry_kind=IndustryKind.CHAIN,
                                           lead_body_type=LeadBodyType.CHAIN_LEADER, lead_body_name="链长企业")

    @cached_property
    def park(self) -> Park:
        unit = Unit.objects.create(name="临汾经济开发区", kind=UnitKind.PARK, region=self.regions.county_x)
        return Park.objects.create(unit=unit, area_kind=AreaKind.INDUSTRIAL_PARK)

    @cached_property
    def case(self) -> RevocationCase:
        return RevocationCase.objects.create(recognition=self.title_a, rule=self.rule, opened_at=timezone.now())

    @cached_property
    def event_a(self) -> RiskEvent:
        return self.risk_events([self.cast.unit_a])[0]

    @cached_property
    def department(self) -> Department:
        department = Department.objects.create(region=self.regions.city, name="市场监督管理局")
        department.staff.add(self.cast.department_staff)
        return department

    @cached_property
    def consultation(self) -> Consultation:
        return Consultation.objects.create(region=self.regions.city, year=THIS_YEAR, title="拟公示名单征求部门意见",
                                           deadline=timezone.localdate(), sent_by=self.cast.city_admin)

    # Building blocks ---------------------------------------------------------------------------------

    def units(self, start: int, count: int, **fields) -> list[Unit]:
        defaults = {"kind": UnitKind.ENTERPRISE, "region": self.regions.county_x}
        # In the township as well, so that township staff see the rows too.
        return Unit.objects.bulk_create([
            Unit(name=marker(i), township=self.regions.township_x, **(defaults | fields))
            for i in range(start, start + count)
        ])

    def applications(self, start: int, count: int, status: str) -> list[Application]:
        units = self.units(start, count)
        return Application.objects.bulk_create([
            Application(unit=unit, campaign_year=self.campaign, standard=self.standard, status=status)
            for unit in units
        ])

    def panels(self, applications: list[Application], *, all_in: bool = False, **fields) -> list[ReviewPanel]:
        """A panel of two per application: the union's sheet is in, HRSS's too with ``all_in``."""
        panels = ReviewPanel.objects.bulk_create([
            ReviewPanel(application=a, formed_by=self.cast.county_admin_x, **fields) for a in applications
        ])
        reviewers = self.cast.reviewers_x
        PanelMember.objects.bulk_create([
            PanelMember(panel=panel, user=reviewers[party], party=party, is_recorder=party == Party.HRSS,
                        sheet_submitted_at=timezone.now() if all_in or party == Party.UNION else None)
            for panel in panels for party in (Party.HRSS, Party.UNION)
        ])
        return panels

    def recognitions_for(self, units: list[Unit], *, start: int, year: int = LAST_YEAR, **fields) -> list[Recognition]:
        return Recognition.objects.bulk_create([
            Recognition(unit=unit, city=self.regions.city, year=year, sequence=start + i,
                        number=f"141000-{year}-{start + i:05d}", title="市级劳动关系和谐企业", level="市级",
                        issued_on=datetime.date(year, 12, 1) if year < THIS_YEAR else timezone.localdate(),
                        valid_until=datetime.date(THIS_YEAR + 2, 11, 30), issued_by=self.cast.city_admin,
                        score=90, **fields)
            for i, unit in enumerate(units)
        ])

    def recognitions(self, start: int, count: int, **fields) -> list[Recognition]:
        return self.recognitions_for(self.units(start, count), start=start, **fields)

    def risk_events(self, units: list[Unit], **fields) -> list[RiskEvent]:
        fields = {"occurred_on": datetime.date(THIS_YEAR, 1, 1)} | fields
        return RiskEvent.objects.bulk_create([
            RiskEvent(unit=unit, kind="wage_arrears", severity=2, source="劳动保障监察支队", description="拖欠工资",
                      created_by=self.cast.county_admin_x, **fields)
            for unit in units
        ])


def names(rows) -> list[str]:
    return [row.name for row in rows]


def unit_names(rows) -> list[str]:
    return [row.unit.name for row in rows]


def links(name: str, rows) -> list[str]:
    return [f'href="{reverse(name, args=[row.pk])}"' for row in rows]


# Registry -----------------------------------------------------------------------------------------------

def enterprises(world: World, start: int, count: int, **unit_fields) -> list[str]:
    units = world.units(start, count, **unit_fields)
    Enterprise.objects.bulk_create([
        Enterprise(unit=unit, uscc=uscc_with_check_digit(f"91141002MB{start + i:07d}"), industry=world.industry,
                   size=SizeClass.SMALL, employee_count=50, credit_grade="A", uscc_check_failed=bool(i % 3 == 0))
        for i, unit in enumerate(units)
    ])
    return names(units)


def red_list_entries(world: World, start: int, count: int) -> list[str]:
    """Enterprises of county X on the red list since 2 January."""
    names_ = enterprises(world, start, count)
    RedListEntry.objects.bulk_create([
        RedListEntry(enterprise_id=pk, listed_on=datetime.date(THIS_YEAR, 1, 2), listed_by="临汾市人社局",
                     reason="守法诚信经营", entered_by=world.cast.county_admin_x)
        for pk in Unit.objects.filter(name__in=names_).values_list("pk", flat=True)
    ])
    return names_


def pending_enterprises(world: World, start: int, count: int) -> list[str]:
    return enterprises(world, start, count, verification_status=VerificationStatus.PENDING)


def parks(world: World, start: int, count: int) -> list[str]:
    units = world.units(start, count, kind=UnitKind.PARK)
    Park.objects.bulk_create([Park(unit=unit, area_kind=AreaKind.INDUSTRIAL_PARK) for unit in units])
    return names(units)


def townships(world: World, start: int, count: int) -> list[str]:
    county = world.regions.county_x
    made = Region.objects.bulk_create([
        Region(name=marker(i), level=RegionLevel.TOWNSHIP, parent=county) for i in range(start, start + count)
    ])
    Region.objects.filter(pk__in=[region.pk for region in made]).update(
        path=Concat(Value(county.path), SqlCast("pk", CharField()), Value("/"))
    )
    return names(made)


def industry_bodies(world: World, start: int, count: int) -> list[str]:
    units = world.units(start, count, kind=UnitKind.INDUSTRY)
    IndustryBody.objects.bulk_create([
        IndustryBody(unit=unit, industry_kind=IndustryKind.CHAIN, lead_body_type=LeadBodyType.CHAIN_LEADER,
                     lead_body_name="链长企业", pilot_year=THIS_YEAR)
        for unit in units
    ])
    return names(units)


def coordinators(world: World, start: int, count: int) -> list[str]:
    rows = Coordinator.objects.bulk_create([
        Coordinator(full_name=marker(i), region=world.regions.county_x, certificate_level="3",
                    certificate_number=f"XTY{i:05d}", valid_from=datetime.date(2024, 1, 1))
        for i in range(start, start + count)
    ])
    Coordinator.units.through.objects.bulk_create([
        Coordinator.units.through(coordinator=row, unit=world.cast.unit_a) for row in rows
    ])
    return [row.full_name for row in rows]


# Applications and review --------------------------------------------------------------------------------

def draft_applications(world: World, start: int, count: int) -> list[str]:
    return unit_names(world.applications(start, count, Status.DRAFT))


def queued_applications(world: World, start: int, count: int) -> list[str]:
    """Submitted applications, half of them with a panel of two (one sheet in)."""
    applications = world.applications(start, count, Status.SUBMITTED)
    world.panels(applications[::2])
    return unit_names(applications)


def district_returned_applications(world: World, start: int, count: int) -> list[str]:
    """Applications the naming office sent back where county X names as 河东区 does: each row says 区级退回 (the
    page reads the rows' policies once, not per row)."""
    CampaignPolicy.objects.get_or_create(region=world.regions.county_x, year=THIS_YEAR,
                                         defaults={"naming_level": NamingLevel.COUNTY, "title_level": "区级"})
    return unit_names(world.applications(start, count, Status.CITY_RETURNED))


def approved_applications(world: World, start: int, count: int) -> list[str]:
    applications = world.applications(start, count, Status.COUNTY_APPROVED)
    world.panels(applications, result_total=88, result_grade="AA")
    return unit_names(applications)


def confirmed_applications(world: World, start: int, count: int) -> list[str]:
    return unit_names(world.applications(start, count, Status.CITY_CONFIRMED))


def awaiting_province(world: World, start: int, count: int) -> list[str]:
    """Confirmed applications where the province decides (临汾's shape): waiting to be forwarded."""
    CampaignPolicy.objects.get_or_create(region=world.regions.city, year=THIS_YEAR,
                                         defaults={"province_decides": True})
    return confirmed_applications(world, start, count)


def my_seats(world: World, start: int, count: int) -> list[str]:
    """Applications under county review where reviewer HRSS of county X still has to score."""
    applications = world.applications(start, count, Status.COUNTY_REVIEW)
    world.panels(applications)
    return unit_names(applications)


def county_inbox(world: World, start: int, count: int) -> list[str]:
    """Every list on a county admin's home page: sign-ups to verify, applications waiting for a panel, for a
    new round and for a decision, yearly reports to review, titles ending soon (a count), this month's risk
    events and the county's latest annual reports."""
    pending = pending_enterprises(world, start, count)
    world.applications(start + 1000, count, Status.SUBMITTED)
    world.panels(world.applications(start + 2000, count, Status.COUNTY_REVIEW), all_in=True)
    yearly_reports(world, start + 3000, count)
    world.applications(start + 4000, count, Status.CITY_RETURNED)
    world.risk_events(world.units(start + 5000, count), occurred_on=timezone.localdate())
    annual_reports(world, start, count)
    rectification_items(world, start + 6000, count, overdue=True)
    rectification_items(world, start + 7000, count, visit=world.township_visit, status=ItemStatus.REPORTED)
    titles_ending(world, start + 8000, count)
    return pending


def city_inbox(world: World, start: int, count: int) -> list[str]:
    """Every list on a city admin's home page: applications to confirm, running notices, pending objections,
    open revocation cases and the latest annual reports."""
    approved = approved_applications(world, start, count)
    notices(world, start + 1000, count)
    notice_entries(world, start + 2000, count)
    revocation_cases(world, start + 3000, count)
    annual_reports(world, start, count)
    rectification_items(world, start + 4000, count, status=ItemStatus.REPORTED)
    return approved


def township_inbox(world: World, start: int, count: int) -> list[str]:
    rectification_items(world, start + 1000, count, visit=world.township_visit, overdue=True)
    return unit_names(world.applications(start, count, Status.TOWNSHIP_PRECHECK))


def my_targets(world: World, start: int, count: int) -> list[str]:
    """This year's cultivation targets guided by the coordinator of county X (its ledger entry names the account)."""
    if "coordinator" not in world.extra:
        world.extra["coordinator"] = Coordinator.objects.create(full_name="联系协调员", region=world.regions.county_x,
                                                                user=world.cast.coordinator_x)
    units = world.units(start, count)
    CultivationTarget.objects.bulk_create([
        CultivationTarget(unit=unit, year=THIS_YEAR, coordinator=world.extra["coordinator"], goal="规范劳动合同管理",
                          selected_by=world.cast.county_admin_x)
        for unit in units
    ])
    return names(units)


def rep_neighbourhood(world: World, start: int, count: int) -> list[str]:
    """What a representative's workbench must not read: the county's other applications and surveys, and the
    representative's own notifications (the page names only their count)."""
    applications = world.applications(start, count, Status.SUBMITTED)
    surveys(world, start + 1000, count)
    notifications(world, start, count)
    return unit_names(applications)


# Notices and naming ---------------------------------------------------------------------------------

def notices(world: World, start: int, count: int) -> list[str]:
    today = timezone.localdate()
    rows = Notice.objects.bulk_create([
        Notice(city=world.regions.city, year=THIS_YEAR, title=marker(i), starts_on=today - datetime.timedelta(days=1),
               working_days=5, ends_on=today + datetime.timedelta(days=10), published_by=world.cast.city_admin)
        for i in range(start, start + count)
    ])
    return [row.title for row in rows]


def experts(world: World, start: int, count: int) -> list[str]:
    """Pool entries of county X, each linked to the HRSS reviewer's account."""
    rows = Expert.objects.bulk_create([
        Expert(region=world.regions.county_x, name=marker(i), party=Party.HRSS, employer="县人社局",
               township=world.regions.township_x, user=world.cast.reviewers_x[Party.HRSS])
        for i in range(start, start + count)
    ])
    ExpertRelation.objects.bulk_create([ExpertRelation(expert=e, unit_name="某公司", relation="顾问") for e in rows])
    return [row.name for row in rows]


def expert_draws(world: World, start: int, count: int) -> list[str]:
    """A draw per application of county X (its unit's name shows in the log)."""
    applications = world.applications(start, count, Status.COUNTY_REVIEW)
    ExpertDraw.objects.bulk_create([
        ExpertDraw(application=a, seed=f"seed{i}", candidates={}, chosen={}, by=world.cast.county_admin_x)
        for i, a in enumerate(applications)
    ])
    return unit_names(applications)


def draw_candidates(world: World, start: int, count: int) -> list[str]:
    """The candidates recorded on one draw (the world's draw), all of the HRSS party."""
    names = experts(world, start, count)
    draw = world.expert_draw
    ids = list(Expert.objects.filter(name__in=names).values_list("pk", flat=True))
    draw.candidates = {Party.HRSS: sorted([*draw.candidates.get(Party.HRSS, []), *ids])}
    draw.chosen = pick(draw.candidates, draw.seed, 1)
    draw.save(update_fields=["candidates", "chosen"])
    return names


def consultations(world: World, start: int, count: int) -> list[str]:
    """Consultations of the city, each sent to one department (the one the cast's department user answers for)."""
    rows = Consultation.objects.bulk_create([
        Consultation(region=world.regions.city, year=THIS_YEAR, title=marker(i), sent_by=world.cast.city_admin,
                     deadline=timezone.localdate() + datetime.timedelta(days=3))
        for i in range(start, start + count)
    ])
    ConsultationRequest.objects.bulk_create([ConsultationRequest(consultation=c, department=world.department)
                                             for c in rows])
    return [row.title for row in rows]


def consultation_answers(world: World, start: int, count: int) -> list[str]:
    """Units of one consultation, each with the department's objection waiting for the city."""
    applications = world.applications(start, count, Status.CITY_CONFIRMED)
    request, _ = ConsultationRequest.objects.get_or_create(consultation=world.consultation,
                                                           department=world.department,
                                                           defaults={"answered_at": timezone.now()})
    entries = ConsultationEntry.objects.bulk_create([ConsultationEntry(consultation=world.consultation, application=a)
                                                     for a in applications])
    DepartmentOpinion.objects.bulk_create([
        DepartmentOpinion(request=request, entry=entry, verdict=Verdict.OBJECTION, status=OpinionStatus.PENDING,
                          reasons=f"对{entry.application.unit.name}有异议")
        for entry in entries
    ])
    return unit_names(applications)


def notice_entries(world: World, start: int, count: int) -> list[str]:
    """Units on one notice, each with one pending objection."""
    applications = world.applications(start, count, Status.IN_NOTICE)
    world.panels(applications, result_total=90, result_grade="AAA")
    entries = NoticeEntry.objects.bulk_create([NoticeEntry(notice=world.notice, application=a) for a in applications])
    Objection.objects.bulk_create([
        Objection(entry=entry, contact="13800000000", content=f"对{entry.application.unit.name}有异议")
        for entry in entries
    ])
    return unit_names(applications)


def recognitions(world: World, start: int, count: int) -> list[str]:
    return unit_names(world.recognitions(start, count))


def looked_up_certificate(world: World, start: int, count: int) -> list[str]:
    """Other certificates around the one the verification page shows (the first one made)."""
    rows = world.recognitions(start, count)
    world.extra.setdefault("certificate", rows[0].number)
    return [world.extra["certificate"]]


def yearly_reports(world: World, start: int, count: int) -> list[str]:
    titles = world.recognitions(start, count)
    YearlyReport.objects.bulk_create([
        YearlyReport(recognition=title, year=THIS_YEAR, status=YearlyReportStatus.SUBMITTED,
                     submitted_by=world.cast.rep_a, submitted_at=timezone.now())
        for title in titles
    ])
    return unit_names(titles)


def titles_owing_reports(world: World, start: int, count: int) -> list[str]:
    """Titles named last year with no report filed for this year; every other one has a draft."""
    titles = world.recognitions(start, count)
    YearlyReport.objects.bulk_create([
        YearlyReport(recognition=title, year=THIS_YEAR, status=YearlyReportStatus.DRAFT) for title in titles[::2]
    ])
    return unit_names(titles)


def titles_lacking_coordinators(world: World, start: int, count: int) -> list[str]:
    """Named enterprises in county X, whose own policy requires a certified coordinator; every other one has a
    coordinator without a certificate, which does not count."""
    CampaignPolicy.objects.get_or_create(region=world.regions.county_x, year=2023, defaults={
        "coordinators_per_named_unit": 1, "coordinators_deadline": datetime.date(2023, 10, 31)})
    titles = world.recognitions(start, count)
    coordinator = Coordinator.objects.create(full_name=f"未持证协调员{start}", region=world.regions.county_x)
    coordinator.units.add(*[title.unit for title in titles[::2]])
    return unit_names(titles)


def own_reports(world: World, start: int, count: int) -> list[str]:
    """Unit A's reports under its one title, one per year (older years stand in for a long history)."""
    rows = YearlyReport.objects.bulk_create([
        YearlyReport(recognition=world.title_a, year=1500 + i, status=YearlyReportStatus.ACCEPTED)
        for i in range(start, start + count)
    ])
    return links("named_units:report_detail", rows)


def province_exports(world: World, start: int, count: int) -> list[str]:
    rows = ProvinceExport.objects.bulk_create([
        ProvinceExport(city=world.regions.city, year=LAST_YEAR, requested_by=world.cast.city_admin)
        for _ in range(count)
    ])
    return links("named_units:export_detail", rows)


# Risks, revocation, incentives, cultivation ---------------------------------------------------------

def risk_events(world: World, start: int, count: int) -> list[str]:
    return unit_names(world.risk_events(world.units(start, count)))


def month_risk_events(world: World, start: int, count: int) -> list[str]:
    """This month's risk events of county X: the county workbench's 本月风险事件."""
    return unit_names(world.risk_events(world.units(start, count), occurred_on=timezone.localdate()))


def pushed_risk_events(world: World, start: int, count: int) -> list[str]:
    units = world.units(start, count)
    rows = RiskEvent.objects.bulk_create([
        RiskEvent(unit=unit, kind="wage_arrears", occurred_on=datetime.date(THIS_YEAR, 1, 1), severity=2,
                  source="劳动保障监察支队", description="拖欠工资", channel="api", api_client=world.api_client,
                  external_id=f"EXT{i:05d}")
        for i, unit in enumerate(units, start=start)
    ])
    return [row.external_id for row in rows]


def revocation_rules(world: World, start: int, count: int) -> list[str]:
    rows = RevocationRule.objects.bulk_create([
        RevocationRule(city=world.regions.city, name=marker(i), kinds=["wage_arrears", "mass_incident"],
                       min_severity=2, updated_by=world.cast.city_admin)
        for i in range(start, start + count)
    ])
    return names(rows)


def revocation_cases(world: World, start: int, count: int, *, status: str = CaseStatus.OPEN) -> list[str]:
    titles = world.recognitions(start, count)
    events = world.risk_events([title.unit for title in titles])
    decided = {"decided_by": world.cast.city_admin, "decided_at": timezone.now()} if status != CaseStatus.OPEN else {}
    cases = RevocationCase.objects.bulk_create([
        RevocationCase(recognition=title, rule=world.rule, status=status, opened_at=timezone.now(), **decided)
        for title in titles
    ])
    CaseEvent.objects.bulk_create([
        CaseEvent(case=case, event=event) for case, event in zip(cases, events, strict=True)
    ])
    return unit_names(titles)


def revoked_titles(world: World, start: int, count: int) -> list[str]:
    return revocation_cases(world, start, count, status=CaseStatus.CONFIRMED)


def incentive_grants(world: World, start: int, count: int) -> list[str]:
    titles = world.recognitions(start, count)
    IncentiveGrant.objects.bulk_create([
        IncentiveGrant(measure=world.measure, recognition=title, unit=title.unit, department=world.measure.department,
                       granted_on=datetime.date(THIS_YEAR, 1, 2), granted_by=world.cast.county_admin_x)
        for title in titles
    ])
    return unit_names(titles)


def applications_on_behalf(world: World, start: int, count: int) -> list[str]:
    """Draft applications of county X filed on their units' behalf by the township office."""
    applications = world.applications(start, count, Status.DRAFT)
    Application.objects.filter(pk__in=[a.pk for a in applications]).update(
        on_behalf=True, filed_by=world.cast.township_staff_x, on_behalf_reason="企业无专职人员")
    return unit_names(applications)


def titles_ending(world: World, start: int, count: int) -> list[str]:
    """Titles of county X ending in 30 days, every other one with its renewal under review."""
    rows = world.recognitions(start, count)
    Recognition.objects.filter(pk__in=[r.pk for r in rows]).update(
        valid_until=timezone.localdate() + datetime.timedelta(days=30))
    Application.objects.bulk_create([
        Application(unit=title.unit, campaign_year=world.campaign, standard=world.standard, status=Status.SUBMITTED,
                    kind=ApplicationKind.RENEWAL, renews=title)
        for title in rows[::2]
    ])
    return [title.number for title in rows]


def own_titles(world: World, start: int, count: int) -> list[str]:
    """Unit A's titles (a long history stands in for many)."""
    return [title.number for title in world.recognitions_for([world.cast.unit_a] * count, start=start)]


def own_grants(world: World, start: int, count: int) -> list[str]:
    """Grants to unit A, one under each of its titles (a long history), each marked in its note."""
    titles = world.recognitions_for([world.cast.unit_a] * count, start=start)
    IncentiveGrant.objects.bulk_create([
        IncentiveGrant(measure=world.measure, recognition=title, unit=world.cast.unit_a,
                       department=world.measure.department, granted_on=datetime.date(THIS_YEAR, 1, 2),
                       note=marker(start + i), granted_by=world.cast.county_admin_x)
        for i, title in enumerate(titles)
    ])
    return [marker(i) for i in range(start, start + count)]


def cultivation_targets(world: World, start: int, count: int) -> list[str]:
    coordinator = Coordinator.objects.create(full_name="联系协调员", region=world.regions.county_x)
    units = world.units(start, count)
    CultivationTarget.objects.bulk_create([
        CultivationTarget(unit=unit, year=THIS_YEAR, coordinator=coordinator, goal="规范劳动合同管理",
                          selected_by=world.cast.county_admin_x)
        for unit in units
    ])
    return names(units)


def trainings(world: World, start: int, count: int) -> list[str]:
    """Sessions county X held this year, each with a coordinator of its ledger."""
    coordinator = Coordinator.objects.create(full_name="参训协调员", region=world.regions.county_x)
    rows = Training.objects.bulk_create([
        Training(held_on=datetime.date(THIS_YEAR, 1, 1), kind="topic", region=world.regions.county_x,
                 organiser="三方办公室", topic=marker(i), hours=2, people_count=10,
                 recorded_by=world.cast.county_admin_x)
        for i in range(start, start + count)
    ])
    Training.coordinators.through.objects.bulk_create([
        Training.coordinators.through(training=row, coordinator=coordinator) for row in rows])
    return [row.topic for row in rows]


def trained_coordinators(world: World, start: int, count: int) -> list[str]:
    """County X's ledger, each coordinator with a session attended this year."""
    rows = Coordinator.objects.bulk_create([
        Coordinator(full_name=marker(i), region=world.regions.county_x) for i in range(start, start + count)])
    session = Training.objects.create(held_on=datetime.date(THIS_YEAR, 1, 1), kind="coordinator",
                                      region=world.regions.county_x, organiser="三方办公室", topic="协调员培训",
                                      hours=3, people_count=count, recorded_by=world.cast.county_admin_x)
    session.coordinators.add(*rows)
    return [row.full_name for row in rows]


def honours(world: World, start: int, count: int) -> list[str]:
    rows = Honour.objects.bulk_create([
        Honour(year=THIS_YEAR, category="individual", title="先进个人", level="county",
               region=world.regions.county_x, recipient=marker(i), recorded_by=world.cast.county_admin_x)
        for i in range(start, start + count)
    ])
    return [row.recipient for row in rows]


def guidance_visits(world: World, start: int, count: int) -> list[str]:
    rows = GuidanceVisit.objects.bulk_create([
        GuidanceVisit(target=world.target, visited_on=datetime.date(THIS_YEAR, 1, 1), topic=marker(i),
                      findings="劳动合同签订不规范", logged_by=world.cast.coordinator_x)
        for i in range(start, start + count)
    ])
    return [row.topic for row in rows]


# Supervision and target responsibility -----------------------------------------------------------------
def supervision_visits(world: World, start: int, count: int) -> list[str]:
    rows = SupervisionVisit.objects.bulk_create([
        SupervisionVisit(supervisor=world.regions.city, region=world.regions.county_x,
                         visited_on=datetime.date(THIS_YEAR, 1, 1), kind=VisitKind.SPOT, participants=marker(i),
                         findings="台账不全", recorded_by=world.cast.city_admin)
        for i in range(start, start + count)
    ])
    return [row.participants for row in rows]


def rectification_items(world: World, start: int, count: int, *, visit: SupervisionVisit | None = None,
                        status: str = ItemStatus.OPEN, overdue: bool = False) -> list[str]:
    """Items of one visit (the city's to county X, unless given), due at the year's end or, overdue, on 1 Jan."""
    visit = visit or world.visit
    deadline = datetime.date(THIS_YEAR - 1, 12, 31) if overdue else datetime.date(THIS_YEAR, 12, 31)
    rows = RectificationItem.objects.bulk_create([
        RectificationItem(visit=visit, description=marker(i), deadline=deadline, responsible=visit.region,
                          status=status)
        for i in range(start, start + count)
    ])
    return [row.description for row in rows]


def title_checks(world: World, start: int, count: int) -> list[str]:
    """Check records of titles of county X in the city's round, every other one with its result recorded."""
    titles = world.recognitions(start, count)
    TitleCheck.objects.bulk_create([
        TitleCheck(round=world.check_round, recognition=title, unit_id=title.unit_id,
                   **({"result": "passed", "checked_on": datetime.date(THIS_YEAR, 1, 2), "method": "on_site",
                       "findings": "台账齐全", "checked_by": world.cast.city_admin} if i % 2 else {}))
        for i, title in enumerate(titles)
    ])
    return [title.unit.name for title in titles]


def target_tasks(world: World, start: int, count: int) -> list[str]:
    rows = TargetTask.objects.bulk_create([
        TargetTask(region=world.regions.county_x, year=THIS_YEAR, title=marker(i), department="县人社局",
                   deadline=datetime.date(THIS_YEAR, 12, 31), assigned_by=world.cast.city_admin)
        for i in range(start, start + count)
    ])
    return [row.title for row in rows]


def unit_target_tasks(world: World, start: int, count: int) -> list[str]:
    """Tasks 解放路街道 gave unit A (包保), all due at the year's end: its staff's list and the unit's workbench."""
    rows = TargetTask.objects.bulk_create([
        TargetTask(region=world.regions.township_x, unit=world.cast.unit_a, responsible_person="王某", year=THIS_YEAR,
                   title=marker(i), department="解放路街道", deadline=datetime.date(THIS_YEAR, 12, 31),
                   assigned_by=world.cast.township_staff_x)
        for i in range(start, start + count)
    ])
    return [row.title for row in rows]


def township_target_tasks(world: World, start: int, count: int) -> list[str]:
    """Tasks 尧都区 gave its street 解放路街道, open: on the street staff's workbench."""
    rows = TargetTask.objects.bulk_create([
        TargetTask(region=world.regions.township_x, year=THIS_YEAR, title=marker(i), department="解放路街道",
                   deadline=datetime.date(THIS_YEAR, 12, 31), assigned_by=world.cast.county_admin_x)
        for i in range(start, start + count)
    ])
    return [row.title for row in rows]


# Reports, notifications, surveys, campaigns -----------------------------------------------------------

def annual_reports(world: World, start: int, count: int) -> list[str]:
    rows = AnnualReport.objects.bulk_create([
        AnnualReport(kind=ReportKind.COUNTY, region=world.regions.county_x, year=LAST_YEAR, version=i + 1,
                     status=JobStatus.DONE, progress=100, requested_by=world.cast.county_admin_x)
        for i in range(start, start + count)
    ])
    return links("reports:detail", rows)


def typical_cases(world: World, start: int, count: int, *, published: bool = False) -> list[str]:
    rows = TypicalCase.objects.bulk_create([
        TypicalCase(region=world.regions.county_x, year=LAST_YEAR, title=marker(i), unit_name="甲公司",
                    body="建立健全协商机制。", published_at=timezone.now() if published else None,
                    created_by=world.cast.county_admin_x)
        for i in range(start, start + count)
    ])
    return [row.title for row in rows]


def published_cases(world: World, start: int, count: int) -> list[str]:
    return typical_cases(world, start, count, published=True)


def notifications(world: World, start: int, count: int) -> list[str]:
    rows = Notification.objects.bulk_create([
        Notification(user=world.cast.rep_a, message=f"{marker(i)} 已退回修改", url="/applications/")
        for i in range(start, start + count)
    ])
    return [row.message for row in rows]


def surveys(world: World, start: int, count: int) -> list[str]:
    if "questionnaire" not in world.extra:
        world.extra["questionnaire"] = survey_template_load(
            path=FIXTURES / "surveys" / "linfen_enterprise_satisfaction.yaml").template
    units = world.units(start, count)
    Survey.objects.bulk_create([
        Survey(unit=unit, year=THIS_YEAR, template=world.extra["questionnaire"], token=f"list-token-{unit.pk}",
               max_responses=500, response_count=12, opened_by=world.cast.rep_a)
        for unit in units
    ])
    return names(units)


def campaign_years(world: World, start: int, count: int) -> list[str]:
    rows = CampaignYear.objects.bulk_create([
        CampaignYear(city=world.regions.city, year=1500 + i, self_evaluation_opens=datetime.date(1500 + i, 1, 1),
                     self_evaluation_closes=datetime.date(1500 + i, 6, 30),
                     county_review_deadline=datetime.date(1500 + i, 9, 30),
                     city_confirmation_deadline=datetime.date(1500 + i, 11, 30))
        for i in range(start, start + count)
    ])
    return links("campaigns:edit", rows)


# Lists inside one object's page ------------------------------------------------------------------------

def chain_members(world: World, start: int, count: int) -> list[str]:
    enterprises(world, start, count)
    world.chain.members.add(*Enterprise.objects.filter(unit__name__in=[marker(i) for i in range(start, start + count)]))
    return [marker(i) for i in range(start, start + count)]


def park_enterprises(world: World, start: int, count: int) -> list[str]:
    made = enterprises(world, start, count)
    Enterprise.objects.filter(unit__name__in=made).update(park=world.park)
    return made


def unit_history(world: World, start: int, count: int) -> list[str]:
    rows = UnitEvent.objects.bulk_create([
        UnitEvent(unit=world.cast.unit_a, action=UnitEventAction.UPDATED, actor=world.cast.county_admin_x,
                  changes={"联系电话": ["0357-1000000", "0357-2000000"]}, note=marker(i))
        for i in range(start, start + count)
    ])
    return [row.note for row in rows]


def unit_coordinators(world: World, start: int, count: int) -> list[str]:
    return coordinators(world, start, count)


def application_events(world: World, start: int, count: int) -> list[str]:
    rows = ApplicationEvent.objects.bulk_create([
        ApplicationEvent(application=world.application_a, actor=world.cast.county_admin_x, from_status=Status.DRAFT,
                         to_status=Status.SUBMITTED, comment=marker(i))
        for i in range(start, start + count)
    ])
    return [row.comment for row in rows]


def case_events(world: World, start: int, count: int) -> list[str]:
    events = world.risk_events(world.units(start, count))
    CaseEvent.objects.bulk_create([CaseEvent(case=world.case, event=event) for event in events])
    return links("risks:detail", events)


def risk_attachments(world: World, start: int, count: int) -> list[str]:
    rows = RiskAttachment.objects.bulk_create([
        RiskAttachment(event=world.event_a, file=f"{world.event_a.pk}/{i}.pdf", original_name=f"{marker(i)}.pdf",
                       size=1024, uploaded_by=world.cast.county_admin_x)
        for i in range(start, start + count)
    ])
    return [row.original_name for row in rows]


def report_versions(world: World, start: int, count: int) -> list[str]:
    """Versions of one report; the page shows the newest 20 and links every one but itself (the first)."""
    made = annual_reports(world, start, count)
    world.extra.setdefault("report", AnnualReport.objects.get(version=1).pk)
    return made[1:] if start == 0 else made


def audit_entries(world: World, start: int, count: int) -> list[str]:
    """Audit entries about application A (in county X): copies of the one its creation wrote.

    Copies, so the page describes the same related objects (unit, standard, campaign year: one query each)
    whether it shows 5 entries or a page of 500.
    """
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from apps.audit.models import EntryScope

    application = world.application_a
    created = LogEntry.objects.get_for_object(application).filter(action=LogEntry.Action.CREATE).earliest("pk")
    entries = LogEntry.objects.bulk_create([
        LogEntry(content_type=ContentType.objects.get_for_model(application), object_pk=str(application.pk),
                 object_id=application.pk, object_repr=marker(i), action=LogEntry.Action.CREATE,
                 changes=created.changes, actor=world.cast.county_admin_x)
        for i in range(start, start + count)
    ])
    EntryScope.objects.bulk_create([
        EntryScope(entry=entry, region=world.regions.county_x, application_id=application.pk) for entry in entries
    ])
    return [entry.object_repr for entry in entries]


def resettable_users(world: World, start: int, count: int) -> list[str]:
    """Unit representatives of unit A, whose passwords the county office of county X may reset."""
    from apps.accounts.models import Membership, Role, User

    users = User.objects.bulk_create([User(username=f"rep{i:04d}", full_name=marker(i))
                                      for i in range(start, start + count)])
    Membership.objects.bulk_create([Membership(user=user, role=Role.UNIT_REP, unit=world.cast.unit_a)
                                    for user in users])
    return [user.full_name for user in users]


def account_events(world: World, start: int, count: int) -> list[str]:
    from apps.accounts.models import AccountEvent, AccountEventKind

    rows = AccountEvent.objects.bulk_create([
        AccountEvent(kind=AccountEventKind.LOGIN, user=world.cast.rep_a, username=marker(i), by=world.cast.rep_a,
                     ip_address="10.0.0.1", region=world.regions.county_x)
        for i in range(start, start + count)
    ])
    return [row.username for row in rows]


def identities(world: World, start: int, count: int) -> list[str]:
    """People of the unified-login platform waiting for the security administrator."""
    from apps.accounts.models import ExternalIdentity

    rows = ExternalIdentity.objects.bulk_create([
        ExternalIdentity(issuer="https://idp.example.gov.cn/openid", subject=f"sub{i}", name=marker(i))
        for i in range(start, start + count)
    ])
    return [row.name for row in rows]


def standards_in_force(world: World, start: int, count: int) -> list[str]:
    """Choices of application A's standard for the city, one per starting year (each row's basis is its marker)."""
    from apps.surveys.models import StandardInForce

    standard = world.application_a.standard
    StandardInForce.objects.bulk_create([
        StandardInForce(region=world.regions.city, year=1000 + i, unit_kind=standard.unit_kind, standard=standard,
                        basis=marker(i))
        for i in range(start, start + count)
    ])
    return [marker(i) for i in range(start, start + count)]
