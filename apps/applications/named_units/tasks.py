from datetime import timedelta

from celery import shared_task
from django.utils import timezone

from apps.core.tasks import enqueue

from .models import ExportStatus, ProvinceExport


@shared_task
def yearly_report_reminders() -> int:
    """Daily: remind named units whose yearly report is missing after the due date (each once a year)."""
    from .services import yearly_report_reminders_send

    return yearly_report_reminders_send()


@shared_task
def province_export_build_task(export_id: int) -> bool:
    from .province import province_export_build

    return province_export_build(export_id=export_id)


@shared_task
def province_export_requeue_pending() -> int:
    """Queue again exports left pending (the broker was down when they were requested)."""
    stale = ProvinceExport.objects.filter(status=ExportStatus.PENDING,
                                          created_at__lt=timezone.now() - timedelta(minutes=5))
    pending = list(stale.values_list("pk", flat=True)[:50])
    for pk in pending:
        enqueue(province_export_build_task, pk)
    return len(pending)
