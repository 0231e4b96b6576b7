"""What the anonymous pages show, kept in Django's cache until a service changes it.

A key holds the page's name, the language, today's date (what is "current" or "valid" turns at midnight)
and the page's filters, never anything of the person asking. Every key also holds one generation number:
a service that changes a public page (naming a title, revoking or expiring one, publishing a notice) calls
``public_pages_changed()``, which moves the generation on, so every public entry is missed at once. It moves
it again when the transaction commits: a reader between the two would otherwise cache the rows it still
saw before the commit. With Redis down the cache misses and the pages read the database as before.
"""

import time
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language

GENERATION_KEY = "public:generation"
TIMEOUT = 600  # seconds: an entry the services forget to drop is wrong for ten minutes at most
_MISSING = object()

T = TypeVar("T")


def _generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, time.time_ns(), None)
        generation = cache.get(GENERATION_KEY, 0)
    return generation


def public_cached(name: str, *filters: object, build: Callable[[], T]) -> T:
    """``build()``'s value for this page and filters, from the cache when it holds one."""
    parts = [name, str(_generation()), get_language() or "", timezone.localdate().isoformat(), *map(str, filters)]
    key = "public:" + ":".join(parts)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def _bump() -> None:
    cache.set(GENERATION_KEY, time.time_ns(), None)


def public_pages_changed() -> None:
    """Drop every cached public entry now and again when the current transaction commits."""
    _bump()
    transaction.on_commit(_bump)
