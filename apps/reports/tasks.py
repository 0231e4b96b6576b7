"""Thin tasks: take ids, call a service. Scheduled in hlr_portal/celery.py."""

from celery import shared_task
from django.utils import timezone

from apps.core.jobs import job_task

from .models import AnnualReport
from .services import report_build, report_duties_run


@job_task(AnnualReport, name="apps.reports.tasks.report_build_task")
def report_build_task(report_id: int) -> bool:
    return report_build(report_id=report_id)


@shared_task(name="apps.reports.tasks.report_duties_task")
def report_duties_task() -> int:
    """Every day: the reports the campaign policies' duties make due (apps/reports/duties.py)."""
    return len(report_duties_run(today=timezone.localdate()))
