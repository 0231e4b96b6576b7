from apps.core.jobs import job_task

from .batches import confirmation_batch_run
from .models import ConfirmationBatch


@job_task(ConfirmationBatch)
def confirmation_batch_task(batch_id: int) -> bool:
    return confirmation_batch_run(batch_id=batch_id)
