"""Jurisdiction scoping for querysets: every read of protected data goes through here."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db import connection
from django.db.models import BooleanField, Exists, F, Func, OuterRef, Q, QuerySet

from apps.core.public_cache import generations_changed
from apps.core.region_cache import region_cached
from apps.regions.models import Region, RegionLevel

from .models import Membership, Role, User
from .permissions import memberships_of, regions_for, unit_ids_for
from .roles import STAFF_ROLES


class EqualsAny(Func):
    """``column = ANY(array)``: true when the column's value is one of the array's."""

    template = "(%(expressions)s))"
    arg_joiner = " = ANY("
    output_field = BooleanField()
    conditional = True


def region_q(user: User, *, fields: Iterable[str], roles: Iterable[str] = STAFF_ROLES) -> Q | None:
    """A Q matching rows whose region field(s) lie in the user's jurisdiction.

    ``fields`` are lookups of Region foreign keys (e.g. ``["region",
    "township"]`` for a unit, ``["unit__region", "unit__township"]`` for an
    application); a row matches when any of them is inside any root region
    the user holds one of ``roles`` in. None means no jurisdiction at all.
    """
    roots = regions_for(user, roles)
    if not roots:
        return None
    return subtree_q(roots, fields=fields)


def subtree_q(roots: Iterable[Region], *, fields: Iterable[str]) -> Q:
    """A Q matching rows whose region field(s) (Region foreign keys, as in ``region_q``) lie under any of ``roots``."""
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
        condition |= _one_of(f"{field}_id", subtree_ids)
    return condition


def _one_of(column: str, region_ids: QuerySet) -> Q:
    if connection.vendor == "postgresql":
        return Q(EqualsAny(F(column), ArraySubquery(region_ids)))
    return Q(**{f"{column}__in": region_ids})


def place_q(roots: Iterable[Region], *, region: str = "region", township: str = "township") -> Q:
    """A Q matching rows whose place, a county (the foreign key ``region``) and a township/community in it
    (``township``), lies under any of ``roots``: the rows ``subtree_q(roots, fields=(region, township))`` matches.

    A unit's township always lies in its county (``registry.units.models.place_errors``, checked on every write of
    a unit; an application keeps copies of both, ``registry.units.copied``). So a root at county level or above
    holds a row exactly when it holds the row's county, and a root below a county exactly when it holds the row's
    township: one column each, where the OR of both had PostgreSQL read every row of a jurisdiction through a
    bitmap over two indexes. A county's rows are ``region_id = county``, which an index on (region, name, id)
    answers in name order.
    """
    condition = Q()
    for root in roots:
        if root.level == RegionLevel.COUNTY:
            condition |= Q(**{f"{region}_id": root.pk})
        elif root.level in (RegionLevel.PROVINCE, RegionLevel.CITY):
            counties = Region.objects.filter(path__startswith=root.path, level=RegionLevel.COUNTY)
            condition |= _one_of(f"{region}_id", counties.order_by().values("pk"))
        else:
            places = Region.objects.filter(path__startswith=root.path)
            condition |= _one_of(f"{township}_id", places.order_by().values("pk"))
    return condition


def place_of(user: User, *, prefix: str = "", roles: Iterable[str] = STAFF_ROLES) -> Q | None:
    """``place_q`` over the user's jurisdiction (``region_q`` of ``{prefix}region`` and ``{prefix}township``);
    None means no jurisdiction at all."""
    roots = regions_for(user, roles)
    if not roots:
        return None
    return place_q(roots, region=f"{prefix}region", township=f"{prefix}township")


def scope_to_jurisdiction(
    queryset: QuerySet,
    user: User,
    *,
    fields: Iterable[str] = ("region",),
    roles: Iterable[str] = STAFF_ROLES,
    unit_field: str | None = None,
    place: str | None = None,
) -> QuerySet:
    """Rows in the user's jurisdiction, plus (with ``unit_field``) rows of the user's own units.

    ``place``: instead of ``fields``, the prefix of a unit's county and township (``""`` on a unit, or a row's
    copies of them), matched on one of the two (``place_of``): the same rows as both through ``fields``.
    Deny by default: a user with no matching role sees nothing.
    """
    if place is not None:
        condition = place_of(user, prefix=place, roles=roles)
    else:
        condition = region_q(user, fields=fields, roles=roles)
    if unit_field is not None:
        own_units = unit_ids_for(user)
        if own_units:
            own = Q(**{f"{unit_field}__in": own_units})
            condition = own if condition is None else condition | own
    if condition is None or not memberships_of(user):
        return queryset.none()
    return queryset.filter(condition)


def unit_in(units: QuerySet, field: str, *, semi_join: bool = False) -> Q:
    """``field`` (a unit id column) is one of ``units``, matched as ``= ANY(ARRAY(…))`` so that PostgreSQL reads
    the units first and the rows by their own unit index (an ``IN`` subquery it may turn into a join that reads
    the province's rows); a plain ``IN`` elsewhere (the demo's SQLite).

    ``semi_join``: the plain ``IN (subquery)``, for a list ordered by an indexed column whose jurisdiction holds a
    large share of the table (a county's 100,000 risk events of 1,000,000): PostgreSQL walks the order's index from
    the newest row and keeps those of the jurisdiction's units until the page is full, where the array form reads
    and sorts every row of the jurisdiction. For a small jurisdiction the array form is the fast one.
    """
    unit_ids = units.order_by().values("pk")
    if connection.vendor == "postgresql" and not semi_join:
        return Q(EqualsAny(F(field), ArraySubquery(unit_ids)))
    return Q(**{f"{field}__in": unit_ids})


def scope_through_unit(
    queryset: QuerySet,
    user: User,
    *,
    unit: str = "unit",
    roles: Iterable[str] = STAFF_ROLES,
    own_units: bool = False,
    semi_join: bool = False,
) -> QuerySet:
    """Rows whose unit (the foreign key ``unit``) lies in the user's jurisdiction: the same rows as
    ``scope_to_jurisdiction(fields=("unit__region", "unit__township"))``, found the other way round.
    With ``own_units``, also the rows of the user's own units (a representative's), as ``unit_field`` there.
    ``semi_join``: the same rows, matched as ``unit_in(semi_join=True)`` (a large jurisdiction's list in index order).

    The jurisdiction's units are read first, from the unit table's region and township indexes, and the
    rows are then matched on ``unit_id = ANY(ARRAY(those ids))``, which the rows' own unit index answers.
    Matched through the join instead, PostgreSQL cannot tell how many units a county holds and reads the
    whole province's rows (every risk event, every recognition) to keep a township's few.
    Deny by default: a user with no matching role sees nothing.
    """
    in_jurisdiction = place_of(user, roles=roles)
    condition = None
    if in_jurisdiction is not None:
        units = queryset.model._meta.get_field(unit).related_model._base_manager.filter(in_jurisdiction)
        condition = unit_in(units, f"{unit}_id", semi_join=semi_join)
    own = unit_ids_for(user) if own_units else set()
    if own:
        condition = Q(**{f"{unit}_id__in": own}) if condition is None else condition | Q(**{f"{unit}_id__in": own})
    if condition is None or not memberships_of(user):
        return queryset.none()
    return queryset.filter(condition)


# Whose password an administrator may reset (忘记密码, 由上级管理员重置): the county office its units'
# representatives and its own staff, the city office the counties' staff. Declared as data: role → reach.
@dataclass(frozen=True)
class ResetReach:
    unit_reps: bool
    staff_roles: frozenset[str]


PASSWORD_RESET_REACH = {
    Role.COUNTY_ADMIN: ResetReach(
        unit_reps=True, staff_roles=frozenset({Role.TOWNSHIP_STAFF, Role.COUNTY_REVIEWER, Role.COORDINATOR})
    ),
    Role.CITY_ADMIN: ResetReach(
        unit_reps=False,
        staff_roles=frozenset({Role.COUNTY_ADMIN, Role.COUNTY_REVIEWER, Role.COORDINATOR, Role.TOWNSHIP_STAFF}),
    ),
}
PASSWORD_RESET_ROLES = tuple(PASSWORD_RESET_REACH)


def _memberships_in_reach(user: User) -> Q | None:
    condition = None
    for membership in memberships_of(user):
        reach = PASSWORD_RESET_REACH.get(membership.role)
        if reach is None or membership.region is None:
            continue
        # Region ids as an array (subtree_q): the memberships are read through their region and unit indexes,
        # where a path match through the joins read every membership of the province.
        inside = Q(subtree_q([membership.region], fields=("region",)), role__in=reach.staff_roles)
        if reach.unit_reps:
            inside |= Q(subtree_q([membership.region], fields=("unit__region",)), role=Role.UNIT_REP)
        condition = inside if condition is None else condition | inside
    return condition


def users_resettable_by(*, user: User) -> QuerySet[User]:
    """Users whose password ``user`` may reset: every one of their memberships lies within ``user``'s reach.

    A user who also holds a role beyond the reach (say a unit representative
    who is a county admin elsewhere) is left to the administrator above that
    role: resetting them here would hand over the other role too.
    """
    condition = _memberships_in_reach(user)
    if condition is None:
        return User.objects.none()
    in_reach = Membership.objects.filter(condition, user=OuterRef("pk"))
    beyond_reach = Membership.objects.filter(user=OuterRef("pk")).exclude(condition)
    return (
        User.objects.filter(Exists(in_reach)).exclude(Exists(beyond_reach)).exclude(pk=user.pk)
        .order_by("username")
    )


# The generation of every kept page of the password-reset user list: moved whenever a user, a membership or a region
# is saved or deleted (accounts.receivers), by whatever path (a service, the admin, a cascade).
USER_LIST_KEY = "accounts:user-list:generation"
USER_LIST_PART = "accounts:user-list"


def user_lists_changed() -> None:
    generations_changed([USER_LIST_KEY])


def users_resettable_kept(*, user: User, number: int,
                          read: Callable[[], list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """``read()`` (the ids of page ``number`` of ``users_resettable_by(user=user)`` with the total), kept per viewer
    (the list leaves the viewer out) and page.

    Every view matched each representative's membership of the province with its unit, twice (in reach and beyond
    it: ~3,000 pages at province scale), to show 50 rows. The list changes only when a user, a membership or a
    region is written (``USER_LIST_KEY``) or a unit moves (region_cache's generation of every unit). A user holding
    offices in several regions is read each time."""
    reaching = [membership for membership in memberships_of(user)
                if membership.role in PASSWORD_RESET_REACH and membership.region_id is not None]
    if len(reaching) != 1:
        return read()
    return region_cached(USER_LIST_PART, reaching[0].region_id, read, also=(USER_LIST_KEY,),
                         variant=f"{user.pk}:{number}")
