"""Parts of the offices' workbenches kept in Django's cache per region until a service changes what they show.

A key holds the part's name, the region, the language and today's date; the entry holds two generation numbers
beside the value (``apps.core.public_cache.kept``): the part's own in that region, and one for every unit. The
service that writes the rows a part lists calls ``region_part_changed(name, region_ids=…)`` with every region
the rows lie in and above (a county's event also moves its city's and the province's generation), and a
service that renames a unit or moves it to another region calls ``units_changed()``; each moves its generation
on now and again when the transaction commits, as ``apps.core.public_cache`` does (a reader between the two
would otherwise keep the rows it still saw before the commit). With Redis down the cache misses and the part is
read from the database as before.

A unit's parts (``unit_cached``) and an application's (``application_cached``: what its pages show alike to
everyone allowed to see it) are kept the same way under the unit's or the application's own generation.
"""

from collections.abc import Callable, Iterable
from typing import TypeVar

from django.utils import timezone
from django.utils.translation import get_language

from apps.core.public_cache import generations_changed, kept, kept_many

UNITS_KEY = "region:units:generation"

T = TypeVar("T")


def region_generation_key(name: str, region_id: int) -> str:
    """The key of the generation of a region's part: for a value kept elsewhere that also changes when it does."""
    return f"region:{name}:{region_id}:generation"


def region_cached(name: str, region_id: int, build: Callable[[], T], *, also: Iterable[str] = (),
                  variant: object = "") -> T:
    """``build()``'s value for this part of the region's workbench, from the cache when it holds one.

    ``also``: further generation keys the part depends on (e.g. ``public_cache.GENERATION_KEY``, which every
    service that changes a title moves), each dropping the part when it moves. ``variant``: one of several values
    the part keeps under the same generations (a list's page number), all dropped together."""
    key = f"region:{name}:{region_id}:{get_language() or ''}:{timezone.localdate().isoformat()}"
    return kept(f"{key}:{variant}" if variant != "" else key, build,
                generation_keys=[region_generation_key(name, region_id), UNITS_KEY, *also])


def region_part_changed(name: str, *, region_ids: Iterable[int]) -> None:
    """Drop the part ``name`` of these regions' workbenches, now and when the current transaction commits."""
    keys = [region_generation_key(name, region_id) for region_id in set(region_ids)]
    if keys:
        generations_changed(keys)


def units_changed() -> None:
    """A unit's name or region changed: drop every kept part (each names units and lists them by region)."""
    generations_changed([UNITS_KEY])


def unit_generation_key(name: str, unit_id: int) -> str:
    """The key of the generation of a unit's part: for a part kept elsewhere that also shows what it shows."""
    return f"unit:{name}:{unit_id}:generation"


def unit_cached(name: str, unit_id: int, build: Callable[[], T], *, also: Iterable[str] = ()) -> T:
    """``build()``'s value for this part of a unit's own pages (its representative's workbench), kept as a region's
    part is, under the unit's generation for the part and the generation of every unit."""
    return kept(f"unit:{name}:{unit_id}:{get_language() or ''}:{timezone.localdate().isoformat()}", build,
                generation_keys=[unit_generation_key(name, unit_id), UNITS_KEY, *also])


def units_cached(name: str, unit_ids: Iterable[int], build: Callable[[list[int]], dict[int, T]], *,
                 parts: Iterable[str], also: Iterable[str] = ()) -> dict[int, T]:
    """A value per unit (a list page's rows) in one cache round trip, as ``applications_cached``: each one kept under
    the unit's generations of ``parts`` (the units' parts whose changes change it too), that of every unit and those
    named in ``also``; ``build(ids)`` makes those missing, all at once, and leaves out an id it finds no row for."""
    suffix = f"{get_language() or ''}:{timezone.localdate().isoformat()}"
    parts, also = list(parts), list(also)
    return kept_many({pk: (f"unit:{name}:{pk}:{suffix}",
                           [*(unit_generation_key(part, pk) for part in parts), UNITS_KEY, *also])
                      for pk in unit_ids}, build)


def unit_part_changed(name: str, *, unit_ids: Iterable[int | None]) -> None:
    """Drop the part ``name`` of these units, now and when the current transaction commits."""
    keys = [unit_generation_key(name, unit_id) for unit_id in set(unit_ids) if unit_id is not None]
    if keys:
        generations_changed(keys)


def _application_generation_key(application_id: int) -> str:
    return f"application:{application_id}:generation"


def application_cached(name: str, application_id: int, build: Callable[[], T], *, also: Iterable[str] = ()) -> T:
    """``build()``'s value for this part of an application's pages, the same for everyone allowed to see the
    application (the caller has checked that the viewer is), kept as a unit's part is, under the application's
    generation (one for all its parts) and those named in ``also``. Not under the generation of every unit: a part
    that names the unit passes ``UNITS_KEY`` in ``also``."""
    return kept(f"application:{name}:{application_id}:{get_language() or ''}:{timezone.localdate().isoformat()}",
                build, generation_keys=[_application_generation_key(application_id), *also])


def applications_cached(name: str, application_ids: Iterable[int], build: Callable[[list[int]], dict[int, T]], *,
                        also: Iterable[str] = ()) -> dict[int, T]:
    """``application_cached`` for many applications (a list page's rows) in one cache round trip: each one's value
    by id; ``build(ids)`` makes those missing, all at once, and leaves out an id it finds no row for."""
    suffix = f"{get_language() or ''}:{timezone.localdate().isoformat()}"
    also = list(also)
    return kept_many({pk: (f"application:{name}:{pk}:{suffix}", [_application_generation_key(pk), *also])
                      for pk in application_ids}, build)


def application_parts_changed(*, application_ids: Iterable[int | None]) -> None:
    """Drop every kept part of these applications' pages, now and when the current transaction commits."""
    keys = [_application_generation_key(pk) for pk in set(application_ids) if pk is not None]
    if keys:
        generations_changed(keys)
