from django.db.models import Count, QuerySet

from apps.accounts.models import User
from apps.accounts.permissions import regions_for
from apps.accounts.roles import ADMIN_ROLES
from apps.accounts.selectors import scope_to_jurisdiction
from apps.regions.models import Region, RegionLevel

from .models import CaseStatus, RevocationCase, RevocationRule
from .permissions import DECIDE_ROLES


def revocation_case_list_for(*, user: User) -> QuerySet[RevocationCase]:
    return scope_to_jurisdiction(
        RevocationCase.objects.select_related("recognition__unit__region", "rule", "decided_by")
        .annotate(event_count=Count("events")),
        user, fields=("recognition__unit__region",), roles=ADMIN_ROLES,
    )


def revocation_rule_list_for(*, user: User) -> QuerySet[RevocationRule]:
    return scope_to_jurisdiction(RevocationRule.objects.select_related("city", "updated_by"), user,
                                 fields=("city",), roles=DECIDE_ROLES)


def cities_for_rules(*, user: User) -> list[Region]:
    """The cities whose rules the user edits: the city regions they administer."""
    return [region for region in regions_for(user, DECIDE_ROLES) if region.level == RegionLevel.CITY]


def public_revocation_notices() -> QuerySet[RevocationCase]:
    """Confirmed revocations, for the public notice: newest decision first."""
    return (RevocationCase.objects.filter(status=CaseStatus.CONFIRMED)
            .select_related("recognition__unit__region").order_by("-decided_at", "-pk"))
