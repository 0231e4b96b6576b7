"""Who supervises and who rectifies: the supervising office accepts, the supervised office reports."""

from apps.accounts.models import User
from apps.accounts.permissions import in_jurisdiction, regions_for

from .models import RectificationItem, SupervisionVisit
from .selectors import SUPERVISED_LEVELS, SUPERVISOR_ROLES, VIEW_ROLES


def can_supervise(user: User, visit: SupervisionVisit) -> bool:
    """The office that made the visit (or one above it) adds rectification items and accepts their closing."""
    return in_jurisdiction(user, visit.supervisor, SUPERVISOR_ROLES)


def can_report(user: User, item: RectificationItem) -> bool:
    """The responsible office (or the office above it, when it is not the supervisor) reports the rectification."""
    return in_jurisdiction(user, item.responsible, VIEW_ROLES) and not can_supervise(user, item.visit)


def can_record_visit_to(user: User, region) -> bool:
    return region.level in SUPERVISED_LEVELS and any(root.pk == region.parent_id
                                                     for root in regions_for(user, SUPERVISOR_ROLES))
