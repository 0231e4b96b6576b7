from celery import shared_task


@shared_task
def confirmation_batch_task(batch_id: int) -> bool:
    from .batches import confirmation_batch_run

    return confirmation_batch_run(batch_id=batch_id)
