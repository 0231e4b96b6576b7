"""A kept public entry costs one cache round trip, and an entry built before a change is never served after it."""

from unittest import mock

import pytest
from django.core.cache import cache

from apps.core import public_cache
from apps.core.public_cache import public_cached, public_pages_changed
from apps.core.region_cache import region_cached, region_part_changed


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def _round_trips(call) -> int:
    """Calls into the cache (each is one round trip to Redis) made by ``call()``."""
    counted = mock.MagicMock(wraps=cache)
    with mock.patch.object(public_cache, "cache", counted):
        call()
    return len([c for c in counted.mock_calls if "." not in c[0]])


def test_a_kept_public_entry_is_read_in_one_round_trip():
    public_cached("page", 1, build=lambda: "built")
    assert _round_trips(lambda: public_cached("page", 1, build=lambda: "again")) == 1


def test_a_kept_region_part_is_read_in_one_round_trip():
    region_cached("part", 7, build=lambda: "built")
    assert _round_trips(lambda: region_cached("part", 7, build=lambda: "again")) == 1


@pytest.mark.django_db
def test_a_change_drops_the_public_entry_and_the_filters_keep_their_own():
    assert public_cached("page", 1, build=lambda: "first") == "first"
    assert public_cached("page", 2, build=lambda: "other") == "other"
    assert public_cached("page", 1, build=lambda: "unused") == "first"
    public_pages_changed()
    assert public_cached("page", 1, build=lambda: "after the change") == "after the change"
    assert public_cached("page", 1, build=lambda: "unused") == "after the change"


@pytest.mark.django_db
def test_a_change_in_one_region_drops_only_that_regions_part():
    region_cached("part", 1, build=lambda: "one")
    region_cached("part", 2, build=lambda: "two")
    region_part_changed("part", region_ids=[1])
    assert region_cached("part", 1, build=lambda: "one again") == "one again"
    assert region_cached("part", 2, build=lambda: "unused") == "two"


def test_an_entry_built_before_a_change_is_not_served_after_it():
    """The generation read before the build is kept with the value: a build that read the rows before a change
    (a reader between the change and its commit) is built again by the next reader."""
    def build_across_a_change():
        cache.set(public_cache.GENERATION_KEY, 10**20, None)  # the change's bump lands while this build reads
        return "read before the change"

    public_cached("page", build=build_across_a_change)
    assert public_cached("page", build=lambda: "read after the change") == "read after the change"


@pytest.mark.parametrize("path", ["/", "/named/", "/verify/", "/verify/HLR-2026-000001/", "/reports/cases/published/",
                                  "/reports/cases/published/1/", "/revocations/notices/"])
def test_public_pages_open_no_transaction(path):
    """The read-only public pages are outside ATOMIC_REQUESTS: a cache hit then sends nothing to PostgreSQL (no
    BEGIN, no connection health check SELECT 1); a miss still checks the connection before its first query."""
    from django.urls import resolve

    assert "default" in getattr(resolve(path).func, "_non_atomic_requests", set())
