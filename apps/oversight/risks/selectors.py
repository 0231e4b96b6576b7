from collections.abc import Callable, Iterable

from django.db.models import QuerySet
from django.utils.translation import gettext

from apps.accounts.models import Role, User
from apps.accounts.permissions import regions_for
from apps.accounts.roles import ADMIN_ROLES
from apps.accounts.selectors import scope_to_jurisdiction
from apps.core.region_cache import region_cached
from apps.registry.units.models import Unit

from .models import RiskAttachment, RiskEvent

# Staff of the unit's county (and the city above it) record events; township staff may read them.
VIEW_ROLES = (*ADMIN_ROLES, Role.TOWNSHIP_STAFF)


def total_part(kind: str) -> str:
    """The region_cache part that keeps the list's bounded count of events of ``kind`` ("": every kind)."""
    return f"risks:total:{kind}"


def total_parts(kinds: Iterable[str]) -> list[str]:
    """The kept counts an event of each of ``kinds`` changes: its kind's and the unfiltered list's."""
    return [total_part(""), *(total_part(kind) for kind in set(kinds))]


def risk_event_list_for(*, user: User) -> QuerySet[RiskEvent]:
    """The user's events, matched on their own copy of their unit's county and township (RiskEvent.region,
    .township) and its indexes, not through the jurisdiction's units."""
    return scope_to_jurisdiction(RiskEvent.objects.select_related("unit__region", "api_client"), user,
                                 fields=("region", "township"), roles=VIEW_ROLES)


def risk_event_total_kept(*, user: User, kind: str, count: Callable[[], int]) -> int:
    """``count()`` (the list's bounded count, for one kind or every kind), kept per jurisdiction (region_cache).

    The count reads the jurisdiction's every event from the region and township indexes, up to the cap: a bitmap
    cannot stop early, so a city's 240,000 entries (4,600 pages, ~50 ms) on every view of the list. Events are
    only ever added (``risk_events_changed`` drops the count of every region above them) and move with their unit
    (``units_changed``). A user holding offices in several regions is counted each time."""
    roots = regions_for(user, VIEW_ROLES)
    if len(roots) != 1:
        return count()
    return region_cached(total_part(kind), roots[0].pk, count)


def risk_attachment_for(*, user: User) -> QuerySet[RiskAttachment]:
    return scope_to_jurisdiction(
        RiskAttachment.objects.select_related("event"), user,
        fields=("event__region", "event__township"), roles=VIEW_ROLES,
    )


def units_for_entry(*, user: User) -> QuerySet[Unit]:
    """Units the user may record risk events for."""
    return scope_to_jurisdiction(Unit.objects.select_related("region"), user, fields=("region", "township"),
                                 roles=ADMIN_ROLES)


def unit_lookup(*, units: QuerySet[Unit], text: str) -> tuple[Unit | None, str]:
    """Find one unit by credit code or exact name; returns (unit, error in the reader's language)."""
    text = text.strip()
    if not text:
        return None, gettext("请填写单位的统一社会信用代码或全称。")
    matches = list(units.filter(enterprise__uscc=text.upper())[:2]) or list(units.filter(name=text)[:2])
    if not matches:
        return None, gettext("在您的管辖范围内找不到单位“%(text)s”。") % {"text": text}
    if len(matches) > 1:
        return None, gettext("名称为“%(text)s”的单位不止一个，请改填统一社会信用代码。") % {"text": text}
    return matches[0], ""
