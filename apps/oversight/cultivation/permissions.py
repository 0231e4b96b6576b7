from apps.accounts.models import Role, User
from apps.accounts.permissions import in_jurisdiction

from .models import CultivationTarget
from .selectors import coordinator_targets_for


def can_log_visit(user: User, target: CultivationTarget) -> bool:
    """A coordinator for the units they guide (their ledger entry is linked to their account), or the county office."""
    if coordinator_targets_for(user=user).filter(pk=target.pk).exists():
        return True
    return in_jurisdiction(user, target.unit.region, [Role.COUNTY_ADMIN])
