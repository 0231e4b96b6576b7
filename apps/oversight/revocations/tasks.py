from celery import shared_task

from apps.applications.workflow.service import titles_expire
from apps.oversight.incentives.services import incentive_grants_end_expired

from .checks import revocation_check_run


def nightly_dynamic_management() -> dict:
    """Open revocation cases from the rules, expire titles past their validity (with their applications, through
    the workflow's expired transition), and end incentives of expired titles. Safe to repeat."""
    result = revocation_check_run()
    expired = titles_expire()
    ended = incentive_grants_end_expired()
    return {"opened": result.opened, "attached": result.attached, "titles_expired": expired,
            "grants_ended": ended}


@shared_task
def revocation_check_nightly() -> dict:
    return nightly_dynamic_management()
