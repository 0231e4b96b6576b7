"""Thin tasks: take ids, call a service. Scheduled in hlr_portal/celery.py."""

from celery import shared_task
from django.utils import timezone

from apps.core.jobs import job_task

from .models import AnnualReport, ReportKind
from .services import report_build, reports_schedule


@job_task(AnnualReport, name="apps.reports.tasks.report_build_task")
def report_build_task(report_id: int) -> bool:
    return report_build(report_id=report_id)


@shared_task(name="apps.reports.tasks.reports_schedule_task")
def reports_schedule_task(kinds: list[str]) -> int:
    """The yearly builds for this year's campaigns (county reports in November, city ones in December)."""
    year = timezone.localdate().year
    return sum(len(reports_schedule(kind=ReportKind(kind), year=year)) for kind in kinds)
