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


def generations(keys: list[str]) -> list[int]:
    """The generation numbers under ``keys``, each started at the current time when the cache has none."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), None)
            found[key] = cache.get(key, 0)
    return [found[key] for key in keys]


def kept(key: str, build: Callable[[], T]) -> T:
    """``build()``'s value under ``key``, from the cache when it holds one (for ``TIMEOUT`` at most)."""
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value, TIMEOUT)
    return value


def generations_changed(keys: list[str]) -> None:
    """Move the generations under ``keys`` on now and again when the current transaction commits."""
    def bump():
        cache.set_many(dict.fromkeys(keys, time.time_ns()), None)

    bump()
    transaction.on_commit(bump)


def public_cached(name: str, *filters: object, build: Callable[[], T]) -> T:
    """``build()``'s value for this page and filters, from the cache when it holds one."""
    (generation,) = generations([GENERATION_KEY])
    parts = [name, str(generation), get_language() or "", timezone.localdate().isoformat(), *map(str, filters)]
    return kept("public:" + ":".join(parts), build)


def public_pages_changed() -> None:
    """Drop every cached public entry now and again when the current transaction commits."""
    generations_changed([GENERATION_KEY])
