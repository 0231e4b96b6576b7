from celery import shared_task

from .credit.services import credit_grades_refresh_lapsed


@shared_task
def credit_grades_refresh_nightly() -> int:
    return credit_grades_refresh_lapsed()
