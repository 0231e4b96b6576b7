from django.db.models import QuerySet

from apps.accounts.models import User
from apps.accounts.roles import ADMIN_ROLES
from apps.accounts.selectors import scope_to_jurisdiction

from .models import Expert, ExpertDraw

POOL_ROLES = ADMIN_ROLES


def expert_list_for(*, user: User, party: str = "") -> QuerySet[Expert]:
    """The pool entries of the offices in the user's jurisdiction (a county's own; a city's and its counties')."""
    rows = scope_to_jurisdiction(Expert.objects.all(), user, fields=("region",), roles=POOL_ROLES)
    if party:
        rows = rows.filter(party=party)
    return rows.select_related("region", "township", "user").order_by("region__path", "party", "name", "pk")


def draw_list_for(*, user: User) -> QuerySet[ExpertDraw]:
    return (scope_to_jurisdiction(ExpertDraw.objects.all(), user, fields=("application__unit__region",),
                                  roles=POOL_ROLES)
            .select_related("application__unit", "by", "replaces").order_by("-created_at", "-pk"))
