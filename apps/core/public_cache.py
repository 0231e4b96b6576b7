"""What the anonymous pages show, kept in Django's cache until a service changes it.

A key holds the page's name, the language, today's date (what is "current" or "valid" turns at midnight)
and the page's filters, never anything of the person asking. Every entry also holds the generation number it
was built at: a service that changes a public page (naming a title, revoking or expiring one, publishing a
notice) calls ``public_pages_changed()``, which moves the generation on, so every public entry is missed at
once. It moves it again when the transaction commits: a reader between the two would otherwise cache the rows
it still saw before the commit. With Redis down the cache misses and the pages read the database as before.

The generation is stored beside the entry, not in its key, so a hit is one cache round trip (the generation
and the entry in one MGET) instead of two (the generation, then the key built from it): every anonymous page
reads one to four entries, and the round trips were most of what a cached page cost.
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
K = TypeVar("K")


def generations(keys: list[str]) -> list[int]:
    """The generation numbers under ``keys``, each started at the current time when the cache has none."""
    found = cache.get_many(keys)
    for key in keys:
        if key not in found:
            cache.add(key, time.time_ns(), None)
            found[key] = cache.get(key, 0)
    return [found[key] for key in keys]


def kept(key: str, build: Callable[[], T], *, generation_keys: list[str]) -> T:
    """``build()``'s value under ``key`` while the generations under ``generation_keys`` are those it was built
    at, from the cache when it holds one (for ``TIMEOUT`` at most).

    The entry keeps the generations read before ``build()`` ran, so rows read before a change are never kept
    under the generation that change moved on to.
    """
    found = cache.get_many([*generation_keys, key])
    current = [found.get(generation_key) for generation_key in generation_keys]
    if None in current:
        current = generations(generation_keys)
    entry = found.get(key, _MISSING)
    if entry is not _MISSING and entry[0] == current:
        return entry[1]
    value = build()
    cache.set(key, (current, value), TIMEOUT)
    return value


def kept_many(entries: dict[K, tuple[str, list[str]]], build: Callable[[list[K]], dict[K, T]]) -> dict[K, T]:
    """``kept`` for many entries in one cache round trip: ``entries`` maps each item to its key and generation keys;
    ``build(items)`` makes the values of the items whose entry is missing or stale (one call for all of them) and
    may leave an item out (it is then neither returned nor kept)."""
    generation_keys = list(dict.fromkeys(name for _key, names in entries.values() for name in names))
    found = cache.get_many([*generation_keys, *(key for key, _names in entries.values())])
    absent = [name for name in generation_keys if name not in found]
    if absent:
        found.update(zip(absent, generations(absent), strict=True))
    values: dict[K, T] = {}
    stale: dict[K, list[int]] = {}
    for item, (key, names) in entries.items():
        current = [found[name] for name in names]
        entry = found.get(key, _MISSING)
        if entry is not _MISSING and entry[0] == current:
            values[item] = entry[1]
        else:
            stale[item] = current
    if stale:
        built = build(list(stale))
        cache.set_many({entries[item][0]: (stale[item], built[item]) for item in stale if item in built}, TIMEOUT)
        values.update(built)
    return values


def generations_changed(keys: list[str]) -> None:
    """Move the generations under ``keys`` on now and again when the current transaction commits.

    Counted up, not set to the time: two changes within one reading of a clock that stood still (a test's frozen
    time) or stepped back would otherwise leave a generation where it was, and its entries valid.
    """
    def bump():
        for key in keys:
            try:
                cache.incr(key)
            except ValueError:  # none yet: the next reader starts one (``generations``)
                pass

    bump()
    transaction.on_commit(bump)


def public_cached(name: str, *filters: object, build: Callable[[], T]) -> T:
    """``build()``'s value for this page and filters, from the cache when it holds one."""
    parts = [name, get_language() or "", timezone.localdate().isoformat(), *map(str, filters)]
    return kept("public:" + ":".join(parts), build, generation_keys=[GENERATION_KEY])


def public_part_cached(name: str, *filters: object, build: Callable[[], T], generation_keys: list[str]) -> T:
    """``build()``'s value for this public page and filters while the generations under ``generation_keys`` stand:
    for a page that lists one kind of record (the revocation notices, the typical cases) and is dropped by the
    services that write those records, not by every change to the titles (``public_pages_changed``)."""
    parts = [name, get_language() or "", timezone.localdate().isoformat(), *map(str, filters)]
    return kept("public:" + ":".join(parts), build, generation_keys=generation_keys)


def public_page_kept(name: str, asked: str, *, build: Callable[[str], T], generation_keys: list[str]) -> T:
    """``build(asked)`` for a public list page: kept (``public_part_cached``) when the page asked for is a plain
    number, built each time otherwise (anything else would let a visitor make entries)."""
    if plain_page_number(asked):
        return public_part_cached(name, asked, build=lambda: build(asked), generation_keys=generation_keys)
    return build(asked)


def plain_page_number(asked: str) -> bool:
    """Whether a page asked for is a plain number up to 9999 ("" for the first page), the only ones kept: a
    province has ~1,000 pages, and anything else ("0", "-1", "0001", "x") would let a visitor make entries."""
    return asked == "" or (asked.isascii() and asked.isdigit() and asked[0] != "0" and len(asked) <= 4)


def public_pages_changed() -> None:
    """Drop every cached public entry now and again when the current transaction commits."""
    generations_changed([GENERATION_KEY])
