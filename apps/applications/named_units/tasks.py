from celery import shared_task

from apps.core.jobs import job_task

from .models import ProvinceExport
from .province import province_export_build
from .services import yearly_report_reminders_send


@shared_task
def yearly_report_reminders() -> int:
    """Daily: remind named units whose yearly report is missing after the due date (each once a year)."""
    return yearly_report_reminders_send()


@job_task(ProvinceExport)
def province_export_build_task(export_id: int) -> bool:
    return province_export_build(export_id=export_id)
