"""The unit page's parts that are the same for everyone allowed to see the unit, kept per unit, language and day
(``apps.core.region_cache.unit_cached``): its coordinators with whether each one's certificate is valid today, an
enterprise's credit record as of today (evaluations, red-list entries, the grade and standing they give), a park's
or township's service stations and enterprises within it, and the last 50 entries of its history. Three to five
queries a view (a township's enterprises read ~800 pages), where the page is opened far more often than any of them
changes.

What asks the database on every view: the unit with whether the viewer may see it and manage it
(``registry.selectors.unit_page_for``), never the cache. Dropped (``unit_pages_changed``) by registry/receivers.py
whenever a history entry, a credit evaluation, a red-list entry, an enterprise (its registered grade stands until
its first evaluation; its park lists it), a park, a service station, a coordinator or a coordinator's units are
saved or deleted, by whatever path, and by ``_details_apply`` for the park an enterprise leaves; by a unit's rename
or move (region_cache's generation of every unit); by units added in the unit's county (``units_added``: a new
enterprise in a township or park); and by the users' generation (``accounts.selectors.USER_LIST_KEY``: a history
entry names its actor). The rows written by ``bulk_create`` or COPY (the imports) belong to units created with
them, which no page has kept yet.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Count, Q, When, Window
from django.utils import timezone

from apps.accounts.selectors import USER_LIST_KEY, unit_in
from apps.core.region_cache import region_generation_key, unit_cached, unit_part_changed
from apps.registry.coordinators.models import Coordinator, certified_on_q
from apps.registry.credit.selectors import CreditRecord, credit_record_on
from apps.registry.enterprises.models import Enterprise
from apps.registry.parks.models import Park, ServiceStation
from apps.registry.units.models import AREA_UNIT_KINDS, Unit, UnitKind

from .models import UnitEvent
from .selectors import unit_history
from .services import UNITS_TOTAL_PART

UNIT_PAGE_PART = "page"
HISTORY_SHOWN = 50
AREA_SHOWN = 100


@dataclass(frozen=True)
class AreaParts:
    """A park's or township's service stations and the enterprises within it: the first ``AREA_SHOWN`` by name and
    their number."""

    stations: list[ServiceStation]
    enterprises_within: list[Unit]
    enterprises_within_count: int


@dataclass(frozen=True)
class UnitPageParts:
    coordinators: list[Coordinator]
    history: list[UnitEvent]
    credit: CreditRecord | None  # an enterprise's only
    park: AreaParts | None  # a park's or township's only


def _area_parts_read(park: Park) -> AreaParts:
    # The units naming the park (their keys read first, from the enterprise's park index) or lying in its
    # township: two indexed look-ups, where an OR across the join to the enterprise read every unit. The
    # first 100 by name and their number in one query (the count read the township's units a second time).
    within = unit_in(Enterprise.objects.filter(park=park), "pk")
    if park.area_region_id:
        within |= Q(township_id=park.area_region_id)
    shown = list(Unit.objects.filter(within, kind=UnitKind.ENTERPRISE).only("pk", "name")
                 .annotate(within_count=Window(Count("*"))).order_by("name", "pk")[:AREA_SHOWN])
    return AreaParts(stations=list(park.stations.all()), enterprises_within=shown,
                     enterprises_within_count=shown[0].within_count if shown else 0)


def unit_page_parts_read(*, unit: Unit, day: datetime.date) -> UnitPageParts:
    # Each coordinator with whether their certificate is valid on the day: one query where the badge was a second.
    certified = Case(When(certified_on_q(day), then=True), default=False, output_field=BooleanField())
    enterprise = getattr(unit, "enterprise", None) if unit.kind == UnitKind.ENTERPRISE else None
    park = unit.park if unit.kind in AREA_UNIT_KINDS and hasattr(unit, "park") else None
    return UnitPageParts(
        coordinators=list(Coordinator.objects.filter(units=unit).select_related("region").annotate(certified=certified)),
        history=list(unit_history(unit=unit)[:HISTORY_SHOWN]),
        credit=credit_record_on(enterprise=enterprise, day=day) if enterprise is not None else None,
        park=_area_parts_read(park) if park is not None else None,
    )


def unit_page_parts_kept(*, unit: Unit) -> UnitPageParts:
    """``unit_page_parts_read`` for today, from the cache when it holds them. The caller has checked that the viewer
    may see the unit (``unit`` as ``registry.selectors.unit_page_for`` reads it, with its enterprise or park)."""
    return unit_cached(UNIT_PAGE_PART, unit.pk, lambda: unit_page_parts_read(unit=unit, day=timezone.localdate()),
                       also=(USER_LIST_KEY, region_generation_key(UNITS_TOTAL_PART, unit.region_id)))


def unit_pages_changed(*, unit_ids: Iterable[int | None]) -> None:
    """Drop these units' kept page parts, now and when the current transaction commits."""
    unit_part_changed(UNIT_PAGE_PART, unit_ids=unit_ids)
