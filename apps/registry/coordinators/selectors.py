from django.db.models import QuerySet

from apps.accounts.models import Role, User
from apps.accounts.roles import ADMIN_ROLES, STAFF_ROLES
from apps.accounts.selectors import region_q, scope_to_jurisdiction

from .models import Coordinator


def coordinator_list_for(*, user: User) -> QuerySet[Coordinator]:
    return scope_to_jurisdiction(Coordinator.objects.select_related("region", "user"), user, fields=("region",),
                                 roles=STAFF_ROLES)


def coordinator_manageable_by(*, user: User) -> QuerySet[Coordinator]:
    return scope_to_jurisdiction(Coordinator.objects.select_related("region"), user, fields=("region",),
                                 roles=ADMIN_ROLES)


def coordinator_accounts_for(*, user: User) -> QuerySet[User]:
    """Accounts holding the coordinator role inside the admin's jurisdiction: those a ledger entry may link to."""
    condition = region_q(user, fields=("memberships__region",), roles=ADMIN_ROLES)
    if condition is None:
        return User.objects.none()
    return (User.objects.filter(condition, memberships__role=Role.COORDINATOR).distinct()
            .order_by("full_name", "username"))
