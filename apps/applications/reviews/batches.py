"""City confirmation of many applications at once.

A small selection is confirmed within the request. Confirming 500 took
about 13 s in one request on the 2-core test machine (bench/batch_confirm_bench.py),
over the 5 s budget, so a larger selection is recorded as a ConfirmationBatch and
confirmed by a Celery task whose progress the page shows.
"""

from django.utils import timezone

from apps.accounts.models import User
from apps.applications.assessments.models import Application
from apps.audit.services import audit_acting_as
from apps.core.tasks import enqueue_on_commit
from apps.regions.models import Region

from .models import BatchStatus, ConfirmationBatch
from .services import city_confirm_batch
from .tasks import confirmation_batch_task

SYNC_LIMIT = 50
PROGRESS_EVERY = 20


def confirmation_batch_queue(*, city: Region, application_ids: list[int], by: User) -> ConfirmationBatch:
    """Record the batch and queue the task once the transaction commits."""
    batch = ConfirmationBatch.objects.create(city=city, application_ids=application_ids,
                                             total=len(application_ids), requested_by=by)
    enqueue_on_commit(confirmation_batch_task, batch.pk)
    return batch


def confirmation_batch_run(*, batch_id: int) -> bool:
    """Run a queued batch. The conditional UPDATE claims it, so a task delivered twice runs it once.

    Each application is confirmed through the workflow in its own transaction,
    so progress is visible while it runs and a failure of one does not undo the others.
    """
    if not ConfirmationBatch.objects.filter(pk=batch_id, status=BatchStatus.PENDING).update(
        status=BatchStatus.RUNNING
    ):
        return False
    batch = ConfirmationBatch.objects.select_related("requested_by").get(pk=batch_id)
    rows = Application.objects.filter(pk__in=batch.application_ids).select_related("unit").order_by("pk")
    done = confirmed = 0
    failures: list[str] = []
    finished = False
    try:
        # The audit trail names the city admin who asked for the batch, not "system".
        with audit_acting_as(batch.requested_by):
            for application in rows.iterator(chunk_size=100):
                count, problems = city_confirm_batch(applications=[application], by=batch.requested_by)
                confirmed += count
                failures += problems
                done += 1
                if done % PROGRESS_EVERY == 0:
                    ConfirmationBatch.objects.filter(pk=batch_id).update(done=done, confirmed=confirmed)
        finished = True
    finally:
        ConfirmationBatch.objects.filter(pk=batch_id).update(
            done=batch.total if finished else done, confirmed=confirmed, failures=failures[:500],
            finished_at=timezone.now(), status=BatchStatus.DONE if finished else BatchStatus.FAILED,
        )
    return True
