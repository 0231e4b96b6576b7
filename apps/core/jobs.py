"""One model and one life cycle for every long background job (yearly reports, the province export, batch confirmation).

A job is a row before it is a task: the request records it ``pending`` and
queues its Celery task once the transaction commits (``job_enqueue``); the
task claims the row (``job_claim``: pending → running, at most one worker),
reports progress, which doubles as its heartbeat (``job_progress``), and ends
it (``job_finish`` / ``job_fail``). The one periodic ``job_sweep`` (beat,
hlr_portal/celery.py) repairs what a crash or an outage left: a running job
whose heartbeat went silent lost its worker and goes back to pending (or is
failed once it has used its ``max_attempts``), and a pending job nobody
claimed had its queue message lost (Redis down) and is queued again.

A concrete job subclasses ``Job`` and names the task that runs it with
``@job_task(Model)`` in its tasks module (imported at start-up by its
AppConfig), so the sweep can queue every kind without looking anything up by
name.
"""

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, ClassVar

from celery import Task, shared_task
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .public_cache import generations_changed
from .storage import PrivateStorage
from .tasks import enqueue, enqueue_on_commit

logger = logging.getLogger(__name__)

# A running job that has not reported progress for this long is taken to be dead.
STALE_AFTER = timedelta(minutes=15)
# A pending job not claimed for this long had its queue message lost (broker down): queue it again.
REQUEUE_AFTER = timedelta(minutes=2)


class JobStatus(models.TextChoices):
    PENDING = "pending", _("排队中")
    RUNNING = "running", _("进行中")
    DONE = "done", _("已完成")
    FAILED = "failed", _("失败")


ACTIVE_STATUSES = (JobStatus.PENDING, JobStatus.RUNNING)


def job_status_field(*, running: str | None = None, failed: str | None = None) -> models.CharField:
    """The status field, with a job kind's own words for running and failed (生成中, 确认中, …)."""
    labels = {JobStatus.RUNNING: running, JobStatus.FAILED: failed}
    choices = [(value, labels.get(value) or label) for value, label in JobStatus.choices]
    return models.CharField(_("状态"), max_length=10, choices=choices, default=JobStatus.PENDING, db_index=True)


class Job(models.Model):
    """What every background job records: status, progress (0–100, also its heartbeat), attempts, times, error."""

    status = job_status_field()
    progress = models.PositiveSmallIntegerField(_("进度(%)"), default=0)
    attempts = models.PositiveSmallIntegerField(
        _("尝试次数"), default=0, help_text=_("每次开始执行加一；后台任务中断后自动重试，超过上限则标记失败。"))
    error = models.TextField(_("失败原因"), blank=True)
    created_at = models.DateTimeField(_("发起时间"), auto_now_add=True)
    started_at = models.DateTimeField(_("开始时间"), null=True, blank=True)
    heartbeat_at = models.DateTimeField(_("最近进展时间"), null=True, blank=True)
    finished_at = models.DateTimeField(_("完成时间"), null=True, blank=True)

    # The Celery task that runs a job of this kind, given its id; set by @job_task in the kind's tasks module.
    task: ClassVar[Task | None] = None
    # Starts in all before a job whose worker keeps dying is marked failed; 1: never started again by the sweep.
    max_attempts: ClassVar[int] = 3
    # What the page says when the sweep gives up on a job whose worker died.
    interrupted_error: ClassVar[str] = _("后台任务中断（长时间无进展），请重新发起。")
    # A staticmethod giving the storage where the kind writes files with core.storage.write_generated_file:
    # the sweep removes the half-written ones a killed worker left there.
    partial_files_storage: ClassVar[Callable[[], PrivateStorage] | None] = None
    # A generation key (apps/core/public_cache.py) moved on whenever a job of this kind changes status, for what a
    # page keeps of the kind's jobs (the offices' workbench: the latest yearly reports and their state).
    status_generation_key: ClassVar[str | None] = None

    class Meta:
        abstract = True
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="%(app_label)s_%(class)s_progress_percent"),
        ]

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES


def job_task(model: type[Job], **options: Any) -> Callable[[Callable[..., Any]], Task]:
    """Make ``run(job_id)`` the Celery task of ``model``'s jobs (``shared_task(**options)``)."""
    def register(run: Callable[..., Any]) -> Task:
        task = shared_task(**options)(run)
        model.task = task
        return task

    return register


def job_models() -> list[type[Job]]:
    """Every concrete job kind; each must have its task registered (a kind without one could never be swept)."""
    kinds = [model for model in apps.get_models() if issubclass(model, Job)]
    missing = [model._meta.label for model in kinds if model.task is None]
    if missing:
        raise ImproperlyConfigured(f"job kinds without a task (@job_task in their tasks module): {missing}")
    return kinds


def _status_changed(model: type[Job]) -> None:
    if model.status_generation_key is not None:
        generations_changed([model.status_generation_key])


def job_enqueue(job: Job) -> None:
    """Queue the job's task once the transaction commits; if the broker is down, the sweep queues it later."""
    enqueue_on_commit(type(job).task, job.pk)


def job_claim(model: type[Job], *, pk: int) -> bool:
    """Take a pending job for this worker; False if another worker has it or it is no longer pending.

    One conditional UPDATE: of two workers given the same job (a message
    delivered twice, or re-sent by the sweep), exactly one gets a row back.
    """
    now = timezone.now()
    claimed = bool(model.objects.filter(pk=pk, status=JobStatus.PENDING).update(
        status=JobStatus.RUNNING, progress=0, error="", started_at=now, heartbeat_at=now, finished_at=None,
        attempts=F("attempts") + 1))
    if claimed:
        _status_changed(model)
    return claimed


def job_progress(model: type[Job], *, pk: int, percent: int, **fields: Any) -> bool:
    """Record progress (kept below 100 until the job finishes) and the heartbeat; False if no longer running."""
    return bool(model.objects.filter(pk=pk, status=JobStatus.RUNNING).update(
        progress=min(max(percent, 0), 99), heartbeat_at=timezone.now(), **fields))


def job_finish(model: type[Job], *, pk: int, **fields: Any) -> bool:
    """Mark the job done with its results (``fields``); False if it is no longer running (the sweep gave up on it)."""
    finished = bool(model.objects.filter(pk=pk, status=JobStatus.RUNNING).update(
        status=JobStatus.DONE, progress=100, finished_at=timezone.now(), **fields))
    if finished:
        _status_changed(model)
    return finished


def job_fail(model: type[Job], *, pk: int, error: str, **fields: Any) -> bool:
    failed = bool(model.objects.filter(pk=pk, status__in=ACTIVE_STATUSES).update(
        status=JobStatus.FAILED, error=error[:2000], finished_at=timezone.now(), **fields))
    if failed:
        _status_changed(model)
    return failed


def job_sweep(*, now: datetime | None = None) -> tuple[int, int]:
    """Recover every kind's jobs whose worker died or whose queue message was lost; returns (failed, requeued)."""
    now = now or timezone.now()
    failed = requeued = 0
    for model in job_models():
        kind_failed, kind_requeued = _sweep_kind(model, now=now)
        failed += kind_failed
        requeued += kind_requeued
    return failed, requeued


def _sweep_kind(model: type[Job], *, now: datetime) -> tuple[int, int]:
    """One kind's sweep. Queueing a job twice is harmless: only one worker claims it.

    A running job silent for ``STALE_AFTER`` lost its worker (killed, out of
    memory, machine restarted): back to pending and queued again, up to
    ``max_attempts`` starts in all, then failed, so a job that kills every
    worker does not loop. The rows put back are locked and skipped if locked,
    so two sweeps at once do not both take them.
    """
    stale = model.objects.filter(status=JobStatus.RUNNING, heartbeat_at__lt=now - STALE_AFTER)
    failed = stale.filter(attempts__gte=model.max_attempts).update(
        status=JobStatus.FAILED, finished_at=now, error=str(model.interrupted_error))
    pending = list(model.objects.filter(status=JobStatus.PENDING, created_at__lt=now - REQUEUE_AFTER)
                   .values_list("pk", flat=True))
    with transaction.atomic():
        resumed = list(stale.filter(attempts__lt=model.max_attempts).select_for_update(skip_locked=True)
                       .values_list("pk", flat=True))
        model.objects.filter(pk__in=resumed, status=JobStatus.RUNNING).update(
            status=JobStatus.PENDING, progress=0, heartbeat_at=None)
    if failed or resumed:
        _status_changed(model)
    for pk in pending + resumed:
        enqueue(model.task, pk)
    if failed or resumed:
        logger.warning("%s: %d jobs whose worker died failed, %d started again", model._meta.label, failed,
                       len(resumed))
    if model.partial_files_storage is not None:
        _remove_abandoned_partial_files(model.partial_files_storage(), older_than=now - STALE_AFTER)
    return failed, len(pending) + len(resumed)


def _remove_abandoned_partial_files(storage: PrivateStorage, *, older_than: datetime) -> None:
    """Delete temporary files a killed worker left behind (never served: rows only name finished files)."""
    root = storage.local_root
    if root is None or not root.exists():
        return
    for partial in root.rglob(".*.part"):
        if partial.stat().st_mtime < older_than.timestamp():
            partial.unlink(missing_ok=True)


@shared_task(name="apps.core.jobs.job_sweep_task")
def job_sweep_task() -> tuple[int, int]:
    """Every five minutes (beat): the one sweep over every job kind."""
    return job_sweep()
