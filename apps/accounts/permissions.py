"""Who may do what: small predicates and the view decorator built on them.

Deny by default: a user with no matching membership may do nothing, and a
view that is not wrapped in ``role_required`` (or listed as public in the
URL-protection test) fails that test.

A user may hold several memberships (a unit representative who is also a
coordinator). What they may do is the union of what each membership grants,
never one membership's role with another's region or unit: inside a view
wrapped in ``role_required(*roles)`` the user acts through the memberships
holding one of ``roles`` only, so every predicate and selector the view calls
(``has_role``, ``regions_for``, ``unit_ids_for``, ``scope_to_jurisdiction``)
sees those memberships and no others. Where a view admits several roles that
grant different things, it asks about the one role it needs over the object
(``in_jurisdiction(user, region, [role])``, ``is_rep_of``), not ``has_role``.
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from apps.regions.models import Region

from .models import Membership, Party, Role, User


def all_memberships_of(user: User) -> list[Membership]:
    """Every membership the user holds, loaded once per request and cached on the user.

    For what the user is shown about themselves (the menu, the home page's sections); what they may
    do goes through ``memberships_of``.
    """
    if not user.is_authenticated:
        return []
    cached = getattr(user, "_memberships_cache", None)
    if cached is None:
        cached = list(user.memberships.select_related("region", "unit"))
        user._memberships_cache = cached
    return cached


def memberships_of(user: User) -> list[Membership]:
    """The memberships the user acts through: inside a ``role_required`` view, those of its roles only."""
    acting = getattr(user, "_acting_roles", None)
    memberships = all_memberships_of(user)
    return memberships if acting is None else [m for m in memberships if m.role in acting]


def roles_of(user: User) -> set[str]:
    return {membership.role for membership in memberships_of(user)}


def has_role(user: User, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def regions_for(user: User, roles: Iterable[str]) -> list[Region]:
    """The regions the user holds one of ``roles`` in: the roots of their jurisdiction."""
    wanted = set(roles)
    return [m.region for m in memberships_of(user) if m.role in wanted and m.region is not None]


def parties_of(user: User) -> set[str]:
    return {m.party for m in memberships_of(user) if m.role == Role.COUNTY_REVIEWER}


def unit_ids_for(user: User) -> set[int]:
    return {m.unit_id for m in memberships_of(user) if m.role == Role.UNIT_REP and m.unit_id}


def in_jurisdiction(user: User, region: Region | None, roles: Iterable[str]) -> bool:
    if region is None:
        return False
    return any(root.contains(region) for root in regions_for(user, roles))


@contextmanager
def acting_as(user: User, roles: Iterable[str]) -> Iterator[None]:
    """Inside the block the user acts through their memberships holding one of ``roles`` only."""
    outer = getattr(user, "_acting_roles", None)
    user._acting_roles = frozenset(roles) if outer is None else outer & frozenset(roles)
    try:
        yield
    finally:
        user._acting_roles = outer


def role_required(*roles: str) -> Callable:
    """Anonymous users go to the login page; users without one of ``roles`` get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not has_role(request.user, *roles):
                raise PermissionDenied
            with acting_as(request.user, roles):
                return view(request, *args, **kwargs)

        wrapper.required_roles = frozenset(roles)
        return wrapper

    return decorator


__all__ = [
    "Party",
    "acting_as",
    "all_memberships_of",
    "Role",
    "has_role",
    "home_region_of",
    "in_jurisdiction",
    "memberships_of",
    "parties_of",
    "regions_for",
    "role_required",
    "roles_of",
    "unit_ids_for",
]


def home_region_of(user: User) -> Region | None:
    """The region a user belongs to: their first staff region, else their unit's county (None: neither)."""
    for membership in memberships_of(user):
        if membership.region is not None:
            return membership.region
        if membership.unit is not None:
            return membership.unit.region
    return None
