"""Jurisdiction scoping for querysets: every read of protected data goes through here."""

from collections.abc import Iterable

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import BooleanField, F, Func, Q, QuerySet

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


class EqualsAny(Func):
    """``column = ANY(array)``: true when the column's value is one of the array's."""

    template = "(%(expressions)s))"
    arg_joiner = " = ANY("
    output_field = BooleanField()
    conditional = True


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
    subtree = Q()
    for root in roots:
        subtree |= Q(path__startswith=root.path)
    # ``region_id = ANY(ARRAY(SELECT id … subtree))``: PostgreSQL reads the subtree's ids once and then
    # uses the foreign-key indexes (a bitmap OR over region and township), where a path match through
    # the joins scanned every row. Same rows, same single query.
    # The embedded demo database (SQLite) has no arrays: there a plain ``IN (subquery)`` selects the same rows.
    subtree_ids = Region.objects.filter(subtree).order_by().values("pk")
    condition = Q()
    for field in fields:
        if connection.vendor == "postgresql":
            condition |= Q(EqualsAny(F(f"{field}_id"), ArraySubquery(subtree_ids)))
        else:
            condition |= Q(**{f"{field}_id__in": subtree_ids})
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
