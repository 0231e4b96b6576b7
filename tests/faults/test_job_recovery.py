"""Drills: the province export and a batch confirmation survive a killed worker and a Redis outage.

The yearly report's drills are test_worker_killed.py and test_redis_outage.py; the same happens here to the
two other background jobs, with real worker processes and a Redis that really stops. Every job kind goes
through apps/core/jobs.py, so the one beat sweep recovers each: a job whose worker died is started again
(the export) or marked failed (a batch, whose confirmations so far stand), and a job requested while Redis
was down is queued once Redis is back.
"""

import io
import signal
import time
import zipfile
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.applications.assessments.models import Application
from apps.applications.named_units.models import ProvinceExport
from apps.applications.named_units.province import province_export_request
from apps.applications.recognitions.services import recognition_create
from apps.applications.reviews.batches import SYNC_LIMIT, confirmation_batch_queue
from apps.applications.reviews.models import ConfirmationBatch
from apps.applications.workflow.states import Status
from apps.core.jobs import REQUEUE_AFTER, STALE_AFTER, Job, JobStatus, job_sweep
from tests.factories import UnitFactory
from tests.fixtures.reviews import approved, make_application

from .workers import ordinary_worker, start_worker, stop

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.worker]
YEAR = date.today().year


def wait_for(job: Job, predicate, what: str, seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if predicate(job):
            return
        time.sleep(0.2)
    pytest.fail(f"{what} did not happen: {job.status} {job.progress}% {job.error}")


@pytest.fixture
def three_named(cast, regions, campaign, standard):
    """Three units of county X named this year, each with its evaluated application (one form each)."""
    for index in range(3):
        unit = cast.unit_a if index == 0 else UnitFactory(region=regions.county_x)
        application = make_application(unit, campaign, standard)
        approved(application, cast, standard)
        application.refresh_from_db()
        recognition_create(unit=unit, city=regions.city, year=YEAR, issued_on=date(YEAR, 1, 5), by=cast.city_admin,
                           level="市级", score=application.review_panel.result_total, application=application)


@pytest.fixture
def approved_many(regions, campaign, standard):
    return [make_application(UnitFactory(region=regions.county_x), campaign, standard, status=Status.COUNTY_APPROVED)
            for _ in range(SYNC_LIMIT + 2)]


def test_an_export_whose_worker_was_killed_is_built_whole_when_a_worker_returns(
        cast, three_named, client, queued_through_redis):
    slow = start_worker("tests.faults.slow_worker")
    try:
        export = province_export_request(user=cast.city_admin, year=YEAR)
        wait_for(export, lambda e: e.status == JobStatus.RUNNING and e.total == 3, "a half-done export")
        slow.send_signal(signal.SIGKILL)
        slow.wait(timeout=15)
    finally:
        stop(slow)

    export.refresh_from_db()
    assert export.status == JobStatus.RUNNING and not export.file
    client.force_login(cast.city_admin)
    assert client.get(reverse("named_units:export_download", args=[export.pk])).status_code == 404
    assert job_sweep(now=timezone.now() + STALE_AFTER + timedelta(minutes=1)) == (0, 1)
    export.refresh_from_db()
    assert export.status == JobStatus.PENDING

    worker = ordinary_worker()
    try:
        wait_for(export, lambda e: e.status in (JobStatus.DONE, JobStatus.FAILED), "the rebuild")
    finally:
        stop(worker)
    assert (export.status, export.attempts, export.done, export.progress) == (JobStatus.DONE, 2, 3, 100), export.error
    download = client.get(reverse("named_units:export_download", args=[export.pk]))
    names = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content))).namelist()
    assert len([name for name in names if name.endswith(".pdf")]) == 3


def test_a_batch_whose_worker_was_killed_is_marked_failed_and_its_confirmations_stand(
        cast, regions, approved_many, client, queued_through_redis):
    confirmed = Application.objects.filter(status=Status.CITY_CONFIRMED)
    slow = start_worker("tests.faults.slow_worker")
    try:
        batch = confirmation_batch_queue(city=regions.city, application_ids=[a.pk for a in approved_many[:4]],
                                         by=cast.city_admin)
        wait_for(batch, lambda b: b.status == JobStatus.RUNNING and confirmed.exists(), "a half-done batch")
        slow.send_signal(signal.SIGKILL)
        slow.wait(timeout=15)
    finally:
        stop(slow)

    batch.refresh_from_db()
    assert batch.status == JobStatus.RUNNING
    done_before = confirmed.count()
    assert 1 <= done_before < 4
    # A second run would report each confirmed application as a failure: the sweep fails the batch instead.
    assert job_sweep(now=timezone.now() + STALE_AFTER + timedelta(minutes=1)) == (1, 0)
    batch.refresh_from_db()
    assert batch.status == JobStatus.FAILED and batch.error == str(ConfirmationBatch.interrupted_error)
    assert confirmed.count() == done_before
    client.force_login(cast.city_admin)
    page = client.get(reverse("reviews:batch_detail", args=[batch.pk])).content.decode()
    assert "批量确认中断，已确认的申报不受影响" in page and "hx-trigger" not in page


def run_until_finished(job: Job) -> None:
    worker = ordinary_worker()  # settings.REDIS_URL is the private server's
    try:
        wait_for(job, lambda j: j.status in (JobStatus.DONE, JobStatus.FAILED), "the job")
    finally:
        stop(worker)


def test_an_export_requested_while_redis_is_down_is_built_when_it_returns(
        client, cast, three_named, private_redis):
    private_redis.stop()
    client.force_login(cast.city_admin)
    response = client.post(reverse("named_units:province"), {"year": YEAR})
    export = ProvinceExport.objects.get()
    assert response.status_code == 302 and export.status == JobStatus.PENDING

    private_redis.start()
    assert private_redis.queued_task_names() == []
    assert job_sweep(now=timezone.now() + REQUEUE_AFTER + timedelta(minutes=1)) == (0, 1)
    assert private_redis.queued_task_names() == ["apps.applications.named_units.tasks.province_export_build_task"]
    run_until_finished(export)
    assert (export.status, export.done) == (JobStatus.DONE, 3), export.error


def test_a_batch_queued_while_redis_is_down_is_run_when_it_returns(
        client, cast, approved_many, private_redis):
    private_redis.stop()
    client.force_login(cast.city_admin)
    response = client.post(reverse("reviews:city_confirm"), {"all": "1", "confirmed": "1"})
    batch = ConfirmationBatch.objects.get()
    assert response["Location"] == reverse("reviews:batch_detail", args=[batch.pk])
    assert batch.status == JobStatus.PENDING

    private_redis.start()
    assert private_redis.queued_task_names() == []
    assert job_sweep(now=timezone.now() + REQUEUE_AFTER + timedelta(minutes=1)) == (0, 1)
    assert private_redis.queued_task_names() == ["apps.applications.reviews.tasks.confirmation_batch_task"]
    run_until_finished(batch)
    assert (batch.status, batch.confirmed) == (JobStatus.DONE, len(approved_many)), batch.error
    assert Application.objects.filter(status=Status.CITY_CONFIRMED).count() == len(approved_many)
