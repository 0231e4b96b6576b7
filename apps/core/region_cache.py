"""Parts of the offices' workbenches kept in Django's cache per region until a service changes what they show.

A key holds the part's name, the region, the language, today's date and two generation numbers: the part's own
in that region, and one for every unit. The service that writes the rows a part lists calls
``region_part_changed(name, region_ids=…)`` with every region the rows lie in and above (a county's event also
moves its city's and the province's generation), and a service that renames a unit or moves it to another region
calls ``units_changed()``; each moves its generation on now and again when the transaction commits, as
``apps.core.public_cache`` does (a reader between the two would otherwise keep the rows it still saw before the
commit). With Redis down the cache misses and the part is read from the database as before.
"""

import time
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

TIMEOUT = 600  # seconds: what a forgotten invalidation could leave wrong, at most
UNITS_KEY = "region:units:generation"
_MISSING = object()

T = TypeVar("T")


def _generation_key(name: str, region_id: int) -> str:
    return f"region:{name}:{region_id}:generation"


def _generations(keys: list[str]) -> list[int]:
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), None)
            found[key] = cache.get(key, 0)
    return [found[key] for key in keys]


def region_cached(name: str, region_id: int, build: Callable[[], T]) -> T:
    """``build()``'s value for this part of the region's workbench, from the cache when it holds one."""
    part, units = _generations([_generation_key(name, region_id), UNITS_KEY])
    key = f"region:{name}:{region_id}:{part}:{units}:{get_language() or ''}:{timezone.localdate().isoformat()}"
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def _bump(keys: list[str]) -> None:
    now = time.time_ns()
    cache.set_many(dict.fromkeys(keys, now), None)


def _changed(keys: list[str]) -> None:
    _bump(keys)
    transaction.on_commit(lambda: _bump(keys))


def region_part_changed(name: str, *, region_ids: Iterable[int]) -> None:
    """Drop the part ``name`` of these regions' workbenches, now and when the current transaction commits."""
    keys = [_generation_key(name, region_id) for region_id in set(region_ids)]
    if keys:
        _changed(keys)


def units_changed() -> None:
    """A unit's name or region changed: drop every kept part (each names units and lists them by region)."""
    _changed([UNITS_KEY])
