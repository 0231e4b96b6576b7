"""Writes of the reports app: requesting and building reports; narratives and typical cases."""

import logging

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.campaigns.models import CampaignYear
from apps.core.jobs import ACTIVE_STATUSES, JobStatus, job_claim, job_enqueue, job_fail, job_finish, job_progress
from apps.core.storage import write_generated_file
from apps.regions.models import Region, RegionLevel

from .figures import figures_for, scope_for
from .models import (
    CUMULATIVE_KINDS,
    AnnualReport,
    CountyNarrative,
    ReportKind,
    TypicalCase,
    private_report_storage,
)
from .render import ReportDocument, write_pdf, write_xlsx

logger = logging.getLogger(__name__)

# Zaozhuang plan (seed 001, 三(四)): mid-term evaluation by December 2025, final by December 2027.
EVALUATION_YEARS = {ReportKind.MIDTERM: 2025, ReportKind.FINAL: 2027}


class ReportError(ValidationError):
    """A report cannot be requested as asked; the message says why, in Chinese."""


def check_region(kind: str, region: Region) -> None:
    wanted = RegionLevel.COUNTY if kind == ReportKind.COUNTY else RegionLevel.CITY
    if region.level != wanted:
        raise ReportError(_("县级年度报告只能按县(市、区)生成，市级总结和中期、终期评估只能按市生成。"))


def report_request(*, kind: str, region: Region, year: int, by: User | None) -> AnnualReport:
    """A new version of the report, pending, and its build queued once the transaction commits.

    If a version of the same report is already pending or running, that one
    is returned instead: the partial unique constraint
    ``annual_report_one_active_build`` makes this hold under concurrent
    clicks too (the loser's INSERT fails and it reads the winner's row).
    """
    check_region(kind, region)
    if not 2000 <= year <= 2100:
        raise ReportError(_("年度应在 2000 至 2100 之间。"))
    active = AnnualReport.objects.filter(kind=kind, region=region, year=year, status__in=ACTIVE_STATUSES)
    existing = active.first()
    if existing is not None:
        return existing
    latest = AnnualReport.objects.filter(kind=kind, region=region, year=year).aggregate(v=Max("version"))["v"]
    try:
        with transaction.atomic():
            report = AnnualReport.objects.create(kind=kind, region=region, year=year, version=(latest or 0) + 1,
                                                 requested_by=by)
    except IntegrityError:
        existing = active.first()
        if existing is None:
            raise ReportError(_("报告正在由他人同时发起，请稍后刷新页面。")) from None
        return existing
    job_enqueue(report)
    return report


def report_document(*, kind: str, region: Region, year: int, version: int | None = None,
                    progress=None) -> ReportDocument:
    """Gather the figures (and, for a county report, its narrative and typical cases) into one document."""
    scope = scope_for(region=region, year=year, cumulative=kind in CUMULATIVE_KINDS)
    sections = figures_for(scope, progress=progress)
    narrative, cases = None, []
    if kind == ReportKind.COUNTY:
        narrative = CountyNarrative.objects.filter(region=region, year=year).first()
        cases = list(TypicalCase.objects.filter(region=region, year=year).order_by("pk"))
    years = f"{scope.years[0]}—{scope.years[-1]}" if len(scope.years) > 1 else str(year)
    return ReportDocument(
        title=_("%(region)s%(kind)s") % {"region": region.full_name, "kind": ReportKind(kind).label},
        subtitle=_("和谐劳动关系创建活动 · %(years)s 年度") % {"years": years},
        scope=scope, sections=sections, generated_at=timezone.localtime(), version=version,
        narrative=narrative, cases=cases,
    )


def report_file_names(report: AnnualReport) -> tuple[str, str]:
    stem = f"{report.region.code or report.region.pk}/{report.year}-{report.kind}-v{report.version}"
    return f"{stem}.pdf", f"{stem}.xlsx"


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
    pdf_name, xlsx_name = report_file_names(report)
    try:
        document = report_document(
            kind=report.kind, region=report.region, year=report.year, version=report.version,
            progress=lambda percent: job_progress(AnnualReport, pk=report_id, percent=max(percent * 60 // 100, 1)),
        )
        write_generated_file(storage, xlsx_name, lambda path: write_xlsx(document, path))
        job_progress(AnnualReport, pk=report_id, percent=65)
        write_generated_file(storage, pdf_name, lambda path: write_pdf(document, path))
        finished = job_finish(AnnualReport, pk=report_id, pdf=pdf_name, xlsx=xlsx_name)
    except Exception as error:
        logger.exception("report %s failed", report_id)
        storage.delete(pdf_name)
        storage.delete(xlsx_name)
        job_fail(AnnualReport, pk=report_id, error=_("生成失败：%(error)s") % {"error": error})
        return False
    if not finished and AnnualReport.objects.filter(pk=report_id, status=JobStatus.FAILED).exists():
        # The sweeper gave up on this build meanwhile; its row says failed, so the files must not linger.
        # (If the sweeper started it again instead, the new run owns these names and replaces them whole.)
        storage.delete(pdf_name)
        storage.delete(xlsx_name)
    return bool(finished)


def reports_schedule(*, kind: str, year: int) -> list[AnnualReport]:
    """The yearly run started by beat: every county (or city) with a campaign that year gets a new version."""
    cities = Region.objects.filter(pk__in=CampaignYear.objects.filter(year=year).values("city_id"))
    if kind == ReportKind.COUNTY:
        regions = Region.objects.filter(parent__in=cities, level=RegionLevel.COUNTY)
    elif kind in EVALUATION_YEARS and EVALUATION_YEARS[kind] != year:
        return []
    else:
        regions = cities
    return [report_request(kind=kind, region=region, year=year, by=None) for region in regions.order_by("path")]


def narrative_save(*, region: Region, year: int, practices: str, achievements: str, shortcomings: str,
                   by: User) -> CountyNarrative:
    narrative, _created = CountyNarrative.objects.get_or_create(region=region, year=year)
    narrative.practices, narrative.achievements, narrative.shortcomings = practices, achievements, shortcomings
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
    return case


def case_publish(*, case: TypicalCase, publish: bool) -> TypicalCase:
    case.published_at = timezone.now() if publish else None
    case.save(update_fields=["published_at", "updated_at"])
    return case
