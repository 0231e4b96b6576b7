"""Writes of the reports app: requesting and building reports; report duties; narratives and typical cases."""

import datetime
import logging
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.applications.workflow.offices import region_title
from apps.campaigns.models import CampaignPolicy
from apps.campaigns.selectors import policy_for
from apps.core.jobs import ACTIVE_STATUSES, JobStatus, job_claim, job_enqueue, job_fail, job_finish, job_progress
from apps.core.official import official_language
from apps.core.public_cache import generations_changed
from apps.core.storage import write_generated_file
from apps.regions.models import Region, RegionLevel

from .duties import duty_for, duty_occurrences
from .figures import figures_for, scope_for
from .models import (
    CUMULATIVE_KINDS,
    REPORTS_KEY,
    AnnualReport,
    CountyNarrative,
    IndicatorValue,
    ReportDuty,
    ReportKind,
    TypicalCase,
    private_report_storage,
)
from .render import ReportDocument, write_docx, write_pdf, write_xlsx
from .selectors import CASES_KEY, indicators_for
from .writing import Facts, report_text

logger = logging.getLogger(__name__)

class ReportError(ValidationError):
    """A report cannot be requested as asked; the message says why, in Chinese."""


def check_region(kind: str, region: Region, year: int) -> None:
    """County reports per county, city summaries per city; mid-term and final evaluations per city, or per
    county (district) where the policy in force there makes the county write them (天津市河东区)."""
    if kind == ReportKind.COUNTY and region.level == RegionLevel.COUNTY:
        return
    if kind != ReportKind.COUNTY and region.level == RegionLevel.CITY:
        return
    if kind in CUMULATIVE_KINDS and region.level == RegionLevel.COUNTY and duty_for(kind=kind, region=region,
                                                                                    year=year):
        return
    raise ReportError(_("县级年度报告只能按县(市、区)生成，市级总结只能按市生成；中期、终期评估按市生成，"
                        "或由实施方案规定自行评估的县(市、区)在规定年度按本县(市、区)生成。"))


def report_request(*, kind: str, region: Region, year: int, by: User | None,
                   document_number: str = "") -> AnnualReport:
    """A new version of the report, pending, and its build queued once the transaction commits.

    If a version of the same report is already pending or running, that one
    is returned instead: the partial unique constraint
    ``annual_report_one_active_build`` makes this hold under concurrent
    clicks too (the loser's INSERT fails and it reads the winner's row).
    """
    if not 2000 <= year <= 2100:
        raise ReportError(_("年度应在 2000 至 2100 之间。"))
    check_region(kind, region, year)
    active = AnnualReport.objects.filter(kind=kind, region=region, year=year, status__in=ACTIVE_STATUSES)
    existing = active.first()
    if existing is not None:
        return existing
    latest = AnnualReport.objects.filter(kind=kind, region=region, year=year).aggregate(v=Max("version"))["v"]
    try:
        with transaction.atomic():
            report = AnnualReport.objects.create(kind=kind, region=region, year=year, version=(latest or 0) + 1,
                                                 requested_by=by, document_number=document_number.strip())
    except IntegrityError:
        existing = active.first()
        if existing is None:
            raise ReportError(_("报告正在由他人同时发起，请稍后刷新页面。")) from None
        return existing
    generations_changed([REPORTS_KEY])  # the workbench's latest reports and duties show the new version
    job_enqueue(report)
    return report


def issuing_office(*, region: Region, year: int) -> str:
    """The office a report of ``region`` is issued by: the issuing office its own campaign policy names; a region
    reporting under a policy set above it (a county under its city's) is its own tripartite office."""
    policy = policy_for(region=region, year=year)
    if policy is not None and policy.region_id == region.pk and policy.issuing_office:
        return policy.issuing_office
    return _("%(region)s协调劳动关系三方委员会办公室") % {"region": region_title(region)}


def report_document(*, kind: str, region: Region, year: int, version: int | None = None,
                    document_number: str = "", progress=None) -> ReportDocument:
    """Gather the figures, the text written from them and the county's own words (its narrative; typical cases:
    the county's own, or in a city's report its counties') into one document."""
    scope = scope_for(region=region, year=year, cumulative=kind in CUMULATIVE_KINDS)
    sections = figures_for(scope, progress=progress)
    narrative = CountyNarrative.objects.filter(region=region, year=year).first() \
        if region.level == RegionLevel.COUNTY else None
    cases = list(TypicalCase.objects.filter(region__path__startswith=region.path, year__in=scope.years)
                 .select_related("region").order_by("region__path", "year", "pk"))
    chapters = report_text(Facts(kind=kind, scope=scope, sections=sections, narrative=narrative, cases=cases))
    years = f"{scope.years[0]}—{scope.years[-1]}" if len(scope.years) > 1 else str(year)
    duty = duty_for(kind=kind, region=region, year=year)
    return ReportDocument(
        title=_("%(region)s%(kind)s") % {"region": region.full_name, "kind": ReportKind(kind).label},
        subtitle=_("和谐劳动关系创建活动 · %(years)s 年度") % {"years": years},
        scope=scope, sections=sections, generated_at=timezone.localtime(), version=version, chapters=chapters,
        issuing_office=issuing_office(region=region, year=year), document_number=document_number,
        recipient=duty.recipient if duty else "",
    )


def report_file_names(report: AnnualReport) -> tuple[str, str, str]:
    stem = f"{report.region.code or report.region.pk}/{report.year}-{report.kind}-v{report.version}"
    return f"{stem}.pdf", f"{stem}.xlsx", f"{stem}.docx"


def report_build(*, report_id: int) -> bool:
    """Build one pending report; False when another worker has it or it is no longer pending.

    Claimed as a job (pending → running), so a task delivered twice builds
    once. The files are written under temporary names and renamed when
    complete, and the row says ``done`` only after that; if the worker dies in
    between, the job sweep starts it again or marks it failed, and no
    half-written file is ever offered for download.
    """
    if not job_claim(AnnualReport, pk=report_id):
        return False
    report = AnnualReport.objects.select_related("region__parent").get(pk=report_id)
    storage = private_report_storage()
    names = report_file_names(report)
    pdf_name, xlsx_name, docx_name = names
    try:
        # In the portal's own language also where the build runs inside a request (no broker: eager tasks).
        with official_language():
            document = report_document(
                kind=report.kind, region=report.region, year=report.year, version=report.version,
                document_number=report.document_number,
                progress=lambda percent: job_progress(AnnualReport, pk=report_id,
                                                      percent=max(percent * 60 // 100, 1)),
            )
            write_generated_file(storage, xlsx_name, lambda path: write_xlsx(document, path))
            job_progress(AnnualReport, pk=report_id, percent=62)
            write_generated_file(storage, docx_name, lambda path: write_docx(document, path))
            job_progress(AnnualReport, pk=report_id, percent=66)
            write_generated_file(storage, pdf_name, lambda path: write_pdf(document, path))
        finished = job_finish(AnnualReport, pk=report_id, pdf=pdf_name, xlsx=xlsx_name, docx=docx_name)
    except Exception as error:
        logger.exception("report %s failed", report_id)
        for name in names:
            storage.delete(name)
        job_fail(AnnualReport, pk=report_id, error=_("生成失败：%(error)s") % {"error": error})
        return False
    if not finished and AnnualReport.objects.filter(pk=report_id, status=JobStatus.FAILED).exists():
        # The sweeper gave up on this build meanwhile; its row says failed, so the files must not linger.
        # (If the sweeper started it again instead, the new run owns these names and replaces them whole.)
        for name in names:
            storage.delete(name)
    return bool(finished)


def report_duties_run(*, today: datetime.date) -> list[AnnualReport]:
    """The daily run started by beat: every report a duty makes due builds ``lead_days`` before its due date.

    Safe to run any number of times a day: an occurrence that already has a report (any version, in any
    state) is left alone, and report_request returns the build already under way. A day the run missed is
    caught up the next day, until the end of the report's year.
    """
    requested = []
    for year in (today.year, today.year + 1):
        for occurrence in duty_occurrences(year=year):
            if occurrence.report is None and occurrence.build_from <= today <= datetime.date(year, 12, 31):
                try:
                    requested.append(report_request(kind=occurrence.duty.kind, region=occurrence.region,
                                                    year=occurrence.year, by=None))
                except ReportError:
                    # One report that cannot be built (its region's level changed since) must not stop the others.
                    logger.exception("report duty %s for %s not built", occurrence.duty.pk, occurrence.region.pk)
    return requested


def report_duties_save(*, policy: CampaignPolicy, duties: list[ReportDuty], removed: list[ReportDuty],
                       by: User) -> None:
    """Save a policy's report duties as its admin edited them; each row is checked and audited (auditlog)."""
    with transaction.atomic():
        for duty in removed:
            if duty.pk and duty.policy_id == policy.pk:
                duty.delete()
        for duty in duties:
            duty.policy = policy
            duty.full_clean()
            duty.save()
        generations_changed([REPORTS_KEY])  # the duties falling due on the offices' workbench


def indicator_values_save(*, region: Region, year: int, values: dict[int, tuple[Decimal | None, Decimal | None]],
                          by: User) -> int:
    """Record a region's targets and actual values for ``year`` (indicator id → (target, actual)).

    Only indicators of the region's catalogue are written; a row is audited (auditlog) when it changes, and a
    value a person enters is no longer an example. Returns how many rows changed.
    """
    catalogue = set(indicators_for(region=region).values_list("pk", flat=True))
    changed = 0
    with transaction.atomic():
        existing = {row.indicator_id: row for row in
                    IndicatorValue.objects.select_for_update().filter(region=region, year=year)}
        for indicator_id, (target, actual) in values.items():
            if indicator_id not in catalogue:
                continue
            row = existing.get(indicator_id)
            if row is None:
                if target is None and actual is None:
                    continue
                row = IndicatorValue(indicator_id=indicator_id, region=region, year=year)
            elif (row.target, row.actual, row.is_example) == (target, actual, False):
                continue
            row.target, row.actual, row.is_example, row.updated_by = target, actual, False, by
            row.full_clean()
            row.save()
            changed += 1
    return changed


def narrative_save(*, region: Region, year: int, practices: str, achievements: str, shortcomings: str,
                   next_steps: str = "", by: User) -> CountyNarrative:
    narrative, _created = CountyNarrative.objects.get_or_create(region=region, year=year)
    narrative.practices, narrative.achievements, narrative.shortcomings = practices, achievements, shortcomings
    narrative.next_steps = next_steps
    narrative.updated_by = by
    narrative.full_clean()
    narrative.save()
    return narrative


def case_save(*, case: TypicalCase | None = None, region: Region, year: int, title: str, unit_name: str,
              body: str, by: User) -> TypicalCase:
    case = case or TypicalCase(region=region, created_by=by)
    case.year, case.title, case.unit_name, case.body = year, title, unit_name, body
    case.full_clean()
    case.save()
    generations_changed([CASES_KEY])  # a published case's title and year show on the public list
    return case


def case_publish(*, case: TypicalCase, publish: bool) -> TypicalCase:
    case.published_at = timezone.now() if publish else None
    case.save(update_fields=["published_at", "updated_at"])
    generations_changed([CASES_KEY])  # the public list of published cases
    return case
