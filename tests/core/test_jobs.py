"""The background-job life cycle every long job shares (apps/core/jobs.py): claim, progress, finish, fail, sweep."""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.db import connection
from django.utils import timezone

from apps.applications.named_units.models import ProvinceExport
from apps.applications.named_units.tasks import province_export_build_task
from apps.applications.reviews.models import ConfirmationBatch
from apps.core.jobs import (
    REQUEUE_AFTER,
    STALE_AFTER,
    JobStatus,
    job_claim,
    job_fail,
    job_finish,
    job_models,
    job_progress,
    job_sweep,
)
from apps.reports.models import AnnualReport
from hlr_portal.celery import app

pytestmark = pytest.mark.django_db


@pytest.fixture
def export(cast, regions):
    return ProvinceExport.objects.create(city=regions.city, year=2025, requested_by=cast.city_admin)


def stale(job, *, attempts: int) -> None:
    type(job).objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, attempts=attempts, progress=40,
                                               heartbeat_at=timezone.now() - STALE_AFTER - timedelta(minutes=1))


def test_every_job_kind_is_swept_through_its_own_task_by_one_beat_entry():
    assert set(job_models()) == {AnnualReport, ProvinceExport, ConfirmationBatch}
    assert ProvinceExport.task is province_export_build_task
    tasks = [entry["task"] for entry in app.conf.beat_schedule.values()]
    assert [task for task in tasks if "sweep" in task or "requeue" in task] == ["apps.core.jobs.job_sweep_task"]


def test_a_job_is_claimed_once_and_each_claim_counts_an_attempt(export):
    assert job_claim(ProvinceExport, pk=export.pk) is True
    assert job_claim(ProvinceExport, pk=export.pk) is False
    export.refresh_from_db()
    assert (export.status, export.attempts, export.progress) == (JobStatus.RUNNING, 1, 0)
    assert export.started_at is not None and export.heartbeat_at == export.started_at


@pytest.mark.django_db(transaction=True)
def test_of_two_workers_claiming_at_once_exactly_one_wins(export):
    start = threading.Barrier(2)
    won = []

    def worker() -> None:
        try:
            start.wait()
            won.append(job_claim(ProvinceExport, pk=export.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(won) == [False, True]
    export.refresh_from_db()
    assert export.attempts == 1


def test_progress_is_the_heartbeat_and_stays_below_100_until_the_job_finishes(export):
    assert job_progress(ProvinceExport, pk=export.pk, percent=50) is False  # not running yet
    job_claim(ProvinceExport, pk=export.pk)
    ProvinceExport.objects.filter(pk=export.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
    assert job_progress(ProvinceExport, pk=export.pk, percent=130, done=7) is True
    export.refresh_from_db()
    assert (export.progress, export.done) == (99, 7)
    assert timezone.now() - export.heartbeat_at < timedelta(minutes=1)
    assert job_finish(ProvinceExport, pk=export.pk, done=8) is True
    export.refresh_from_db()
    assert (export.status, export.progress, export.done) == (JobStatus.DONE, 100, 8)
    assert export.finished_at is not None
    assert job_fail(ProvinceExport, pk=export.pk, error="太晚了") is False  # a finished job stays finished


def test_a_failed_job_keeps_its_reason_and_does_not_turn_done(export):
    job_claim(ProvinceExport, pk=export.pk)
    assert job_fail(ProvinceExport, pk=export.pk, error="磁盘已满" * 1000) is True
    assert job_finish(ProvinceExport, pk=export.pk) is False
    export.refresh_from_db()
    assert export.status == JobStatus.FAILED and export.error.startswith("磁盘已满") and len(export.error) == 2000


def test_the_sweep_starts_a_dead_workers_job_again_until_its_attempts_are_used_up(export):
    stale(export, attempts=ProvinceExport.max_attempts - 1)
    with mock.patch("apps.core.jobs.enqueue") as sent:
        assert job_sweep() == (0, 1)
    sent.assert_called_once_with(province_export_build_task, export.pk)
    export.refresh_from_db()
    assert (export.status, export.progress, export.heartbeat_at) == (JobStatus.PENDING, 0, None)

    stale(export, attempts=ProvinceExport.max_attempts)
    with mock.patch("apps.core.jobs.enqueue") as sent:
        assert job_sweep() == (1, 0)
    sent.assert_not_called()
    export.refresh_from_db()
    assert export.status == JobStatus.FAILED and export.error == str(ProvinceExport.interrupted_error)


def test_a_batch_whose_worker_died_is_failed_at_once(cast, regions):
    batch = ConfirmationBatch.objects.create(city=regions.city, application_ids=[1], total=1,
                                             requested_by=cast.city_admin)
    stale(batch, attempts=1)
    with mock.patch("apps.core.jobs.enqueue") as sent:
        assert job_sweep() == (1, 0)
    sent.assert_not_called()
    batch.refresh_from_db()
    assert batch.status == JobStatus.FAILED


def test_the_sweep_leaves_live_jobs_alone_and_requeues_only_long_pending_ones(cast, regions, export):
    running = ProvinceExport.objects.create(city=regions.city, year=2024, requested_by=cast.city_admin,
                                            status=JobStatus.RUNNING, heartbeat_at=timezone.now())
    with mock.patch("apps.core.jobs.enqueue") as sent:
        assert job_sweep() == (0, 0)  # the pending one was just requested: its message may still be on its way
        assert job_sweep(now=timezone.now() + REQUEUE_AFTER + timedelta(seconds=1)) == (0, 1)
    sent.assert_called_once_with(province_export_build_task, export.pk)
    running.refresh_from_db()
    assert running.status == JobStatus.RUNNING
