from django.db.models import QuerySet

from apps.accounts.models import User
from apps.accounts.selectors import scope_to_jurisdiction
from apps.registry.selectors import ADMIN_ROLES, STAFF_ROLES

from .models import Coordinator


def coordinator_list_for(*, user: User) -> QuerySet[Coordinator]:
    return scope_to_jurisdiction(Coordinator.objects.select_related("region"), user, fields=("region",),
                                 roles=STAFF_ROLES)


def coordinator_manageable_by(*, user: User) -> QuerySet[Coordinator]:
    return scope_to_jurisdiction(Coordinator.objects.select_related("region"), user, fields=("region",),
                                 roles=ADMIN_ROLES)
