"""Jurisdiction scoping for querysets: every read of protected data goes through here."""

from collections.abc import Iterable

from django.db.models import Q, QuerySet

from apps.regions.models import Region

from .models import Role, User
from .permissions import memberships_of, regions_for, unit_ids_for

JURISDICTION_ROLES = (
    Role.TOWNSHIP_STAFF,
    Role.COUNTY_REVIEWER,
    Role.COUNTY_ADMIN,
    Role.CITY_ADMIN,
    Role.COORDINATOR,
)


def region_q(user: User, *, fields: Iterable[str], roles: Iterable[str] = JURISDICTION_ROLES) -> Q | None:
    """A Q matching rows whose region field(s) lie in the user's jurisdiction.

    ``fields`` are lookups of Region foreign keys (e.g. ``["region",
    "township"]`` for a unit, ``["unit__region", "unit__township"]`` for an
    application); a row matches when any of them is inside any root region
    the user holds one of ``roles`` in. None means no jurisdiction at all.
    """
    roots = regions_for(user, roles)
    if not roots:
        return None
    # The subtree's ids, read first: ``region_id IN (ids)`` lets PostgreSQL use the foreign-key indexes
    # (a bitmap OR over region and township), where a path match through the joins scanned every row.
    subtree = Q()
    for root in roots:
        subtree |= Q(path__startswith=root.path)
    ids = list(Region.objects.filter(subtree).values_list("pk", flat=True))
    condition = Q()
    for field in fields:
        condition |= Q(**{f"{field}__in": ids})
    return condition


def scope_to_jurisdiction(
    queryset: QuerySet,
    user: User,
    *,
    fields: Iterable[str] = ("region",),
    roles: Iterable[str] = JURISDICTION_ROLES,
    unit_field: str | None = None,
) -> QuerySet:
    """Rows in the user's jurisdiction, plus (with ``unit_field``) rows of the user's own units.

    Deny by default: a user with no matching role sees nothing.
    """
    condition = region_q(user, fields=fields, roles=roles)
    if unit_field is not None:
        own_units = unit_ids_for(user)
        if own_units:
            own = Q(**{f"{unit_field}__in": own_units})
            condition = own if condition is None else condition | own
    if condition is None or not memberships_of(user):
        return queryset.none()
    return queryset.filter(condition)
