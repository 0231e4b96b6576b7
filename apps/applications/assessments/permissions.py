from apps.accounts.models import User
from apps.accounts.permissions import in_jurisdiction, memberships_of
from apps.accounts.roles import ON_BEHALF_ROLES
from apps.applications.workflow.states import EDITABLE_STATUSES

from .models import Application


def is_rep_of(user: User, application: Application) -> bool:
    return any(m.role == "unit_rep" and m.unit_id == application.unit_id for m in memberships_of(user))


def files_on_behalf(user: User, application: Application) -> bool:
    """Staff over the unit's county or township, for an application opened on the unit's behalf."""
    if not application.on_behalf:
        return False
    unit = application.unit
    regions = [unit.region] + ([unit.township] if unit.township_id else [])
    return any(in_jurisdiction(user, region, [role]) for region in regions for role in ON_BEHALF_ROLES)


def is_filer_of(user: User, application: Application) -> bool:
    """Who fills the self-evaluation: the unit's representatives, and staff filing on its behalf."""
    return is_rep_of(user, application) or files_on_behalf(user, application)


def can_edit(user: User, application: Application) -> bool:
    """The unit's own representatives (or staff filing on its behalf) edit, while a draft or returned."""
    return is_filer_of(user, application) and application.status in EDITABLE_STATUSES
