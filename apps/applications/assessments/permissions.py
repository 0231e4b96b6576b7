from apps.accounts.models import User
from apps.accounts.permissions import memberships_of
from apps.applications.workflow.states import EDITABLE_STATUSES

from .models import Application


def is_rep_of(user: User, application: Application) -> bool:
    return any(m.role == "unit_rep" and m.unit_id == application.unit_id for m in memberships_of(user))


def can_edit(user: User, application: Application) -> bool:
    """Only the unit's own representatives edit, and only while the application is a draft or returned."""
    return is_rep_of(user, application) and application.status in EDITABLE_STATUSES
