from apps.accounts.models import Role, User
from apps.accounts.permissions import in_jurisdiction

from .models import CultivationTarget


def can_log_visit(user: User, target: CultivationTarget) -> bool:
    """The target's own coordinator, or the county office over the unit."""
    if target.coordinator is not None and target.coordinator.user_id == user.pk:
        return True
    return in_jurisdiction(user, target.unit.region, [Role.COUNTY_ADMIN])
