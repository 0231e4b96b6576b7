import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from apps.core.pagination import BoundedPaginator, NarrowPaginator, OneQueryPaginator
from apps.regions.models import Region, RegionLevel

from ..factories import RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def counties():
    """Seven counties named 县01 … 县07, under a city of their own."""
    city = RegionFactory(name="分页市", level=RegionLevel.CITY)
    for n in range(1, 8):
        RegionFactory(name=f"县{n:02d}", parent=city)
    return Region.objects.filter(parent=city).order_by("name")


def names(page) -> list[str]:
    return [region.name for region in page]


def test_a_page_and_its_total_come_from_one_query(counties):
    paginator = OneQueryPaginator(counties, 3)
    with CaptureQueriesContext(connection) as queries:
        page = paginator.get_page("2")
        assert (paginator.count, paginator.num_pages) == (7, 3)
    assert len(queries) == 1
    assert names(page) == ["县04", "县05", "县06"]
    assert (page.number, page.has_previous(), page.has_next()) == (2, True, True)


def test_the_last_page_holds_the_remainder(counties):
    page = OneQueryPaginator(counties, 3).get_page(3)
    assert names(page) == ["县07"] and not page.has_next()


def test_a_page_past_the_end_falls_back_to_the_last_page(counties):
    paginator = OneQueryPaginator(counties, 3)
    page = paginator.get_page(9)
    assert page.number == 3 and names(page) == ["县07"] and paginator.count == 7


@pytest.mark.parametrize("paginator_class", [OneQueryPaginator, NarrowPaginator])
def test_a_page_number_beyond_any_list_is_the_last_page_not_an_offset_overflow(counties, paginator_class):
    page = paginator_class(counties, 3).get_page("99999999999999999999")
    assert page.number == 3 and names(page) == ["县07"]


@pytest.mark.parametrize(("number", "shown", "first"),
                         [("abc", 1, "县01"), ("", 1, "县01"), (None, 1, "县01"), ("1.5", 1, "县01"),
                          (0, 3, "县07"), (-2, 3, "县07")])
def test_a_page_number_that_is_not_a_page_gives_the_first_or_last_page_as_django_does(counties, number, shown,
                                                                                        first):
    page = OneQueryPaginator(counties, 3).get_page(number)
    assert page.number == shown and names(page)[0] == first
    assert Paginator(counties, 3).get_page(number).number == shown


@pytest.mark.parametrize("paginator_class", [OneQueryPaginator, NarrowPaginator])
def test_an_empty_list_has_one_empty_page_read_in_one_query(paginator_class):
    paginator = paginator_class(Region.objects.filter(name="无此区域").order_by("pk"), 3)
    with CaptureQueriesContext(connection) as queries:
        page = paginator.get_page(1)
        assert list(page) == [] and paginator.count == 0 and paginator.num_pages == 1
        assert (page.number, page.has_previous(), page.has_next()) == (1, False, False)
    assert len(queries) == 1  # the page's own query found nothing: no count after it


def test_it_refuses_a_distinct_queryset_whose_rows_the_window_would_miscount(counties):
    with pytest.raises(ValueError, match="DISTINCT"):
        OneQueryPaginator(counties.distinct(), 3)


# NarrowPaginator: the page's ids and the total from the list's own table, then the page's rows with their joins.

@pytest.fixture
def townships(counties):
    """Two townships in each of the seven counties, named after them: 县01A, 县01B, 县02A …"""
    for county in counties:
        for suffix in "AB":
            RegionFactory(name=f"{county.name}{suffix}", level=RegionLevel.TOWNSHIP, parent=county)
    return Region.objects.filter(level=RegionLevel.TOWNSHIP, parent__in=counties).select_related("parent")


def test_the_narrow_query_joins_nothing_the_page_shows_and_the_rows_come_with_theirs(townships):
    paginator = NarrowPaginator(townships.order_by("parent__name", "name"), 4)
    with CaptureQueriesContext(connection) as queries:
        page = paginator.get_page("2")
        shown = [(region.parent.name, region.name) for region in page]  # select_related: no query per row
        assert (paginator.count, paginator.num_pages) == (14, 4)
    assert len(queries) == 2
    narrow, rows = (query["sql"] for query in queries)
    # The first reads ids and the total, joining the parent only because the order needs its name.
    assert 'COUNT(*) OVER ()' in narrow and '"regions_region"."path"' not in narrow.split(" FROM ")[0]
    assert narrow.count(" JOIN ") == 1 and "LIMIT 4 OFFSET 4" in narrow
    assert " JOIN " in rows and "OVER" not in rows
    assert shown == [("县03", "县03A"), ("县03", "县03B"), ("县04", "县04A"), ("县04", "县04B")]


def test_narrow_pages_are_the_pages_django_gives(townships):
    ordered = townships.order_by("-parent__name", "name")
    for number in ("1", "3", "4", "9", "0", "x", None):
        narrow, django = NarrowPaginator(ordered, 4).get_page(number), Paginator(ordered, 4).get_page(number)
        assert (narrow.number, names(narrow)) == (django.number, names(django)), number


def test_a_narrow_page_keeps_the_querysets_annotations(townships):
    page = NarrowPaginator(townships.annotate(county_name=F("parent__name")).order_by("name"), 3).get_page(1)
    assert [region.county_name for region in page] == ["县01", "县01", "县02"]


def test_row_annotations_come_with_the_pages_rows_read_by_id_alone_also_past_the_end(townships):
    ordered = townships.filter(name__endswith="A").order_by("name")
    paginator = NarrowPaginator(ordered, 3, row_annotations={"county_name": F("parent__name")})
    with CaptureQueriesContext(connection) as queries:
        page = paginator.get_page("2")
    narrow, rows = (query["sql"] for query in queries)
    assert "county_name" not in narrow and "county_name" in rows and "LIKE" not in rows  # by id, not the filter
    assert [region.county_name for region in page] == ["县04", "县05", "县06"]
    past = NarrowPaginator(ordered, 3, row_annotations={"county_name": F("parent__name")}).get_page("9")
    assert [region.county_name for region in past] == ["县07"]


def test_the_narrow_paginator_refuses_a_distinct_queryset(townships):
    with pytest.raises(ValueError, match="DISTINCT"):
        NarrowPaginator(townships.distinct(), 3)


# BoundedPaginator: counts up to a cap; past it the total reads "cap+" and the rows come from the ``large`` queryset.

def test_within_the_cap_the_total_is_exact_and_the_pages_are_djangos(townships):
    ordered = townships.order_by("-parent__name", "name")
    for number in ("1", "3", "4", "9", "0", "x", None):
        bounded, django = BoundedPaginator(ordered, 4, cap=100).get_page(number), Paginator(ordered, 4).get_page(number)
        assert (bounded.number, names(bounded)) == (django.number, names(django)), number
    paginator = BoundedPaginator(ordered, 4, cap=14)
    paginator.get_page(1)
    assert (paginator.count, paginator.more, paginator.count_label, paginator.num_pages_label) == (14, False, "14", "4")


def test_past_the_cap_the_count_stops_and_the_large_queryset_is_read(townships):
    ordered = townships.order_by("name")
    large = townships.filter(name__startswith="县").order_by("name")  # the same rows, filtered another way
    paginator = BoundedPaginator(ordered, 4, cap=10, large=large)
    with CaptureQueriesContext(connection) as queries:
        page = paginator.get_page("2")
        [region.parent.name for region in page]  # select_related kept: no query per row
    assert len(queries) == 3  # the bounded count, the page's ids, the page's rows
    assert "LIMIT 11" in queries[0]["sql"] and '"name"::text LIKE' in queries[1]["sql"]
    assert (paginator.count, paginator.more, paginator.count_label, paginator.num_pages_label) == (10, True, "10+",
                                                                                                    "3+")
    assert names(page) == ["县03A", "县03B", "县04A", "县04B"]
    # Pages stop at the cap: a number past it is the last page within it.
    assert BoundedPaginator(ordered, 4, cap=10, large=large).get_page(9).number == 3


def test_an_empty_bounded_list_has_one_empty_page():
    paginator = BoundedPaginator(Region.objects.filter(name="无此区域").order_by("pk"), 3)
    page = paginator.get_page(1)
    assert list(page) == [] and paginator.count == 0 and paginator.num_pages == 1 and paginator.count_label == "0"


def test_past_large_from_the_large_queryset_is_read_with_the_exact_total_and_counted_counts(townships):
    ordered = townships.order_by("name")
    large = townships.filter(name__startswith="县").order_by("name")
    counted = townships.filter(name__contains="县")  # the same rows, counted another way
    paginator = BoundedPaginator(ordered, 4, cap=100, large=large, large_from=10, counted=counted)
    with CaptureQueriesContext(connection) as queries:
        page = paginator.get_page("2")
    assert '"name"::text LIKE' in queries[0]["sql"] and "LIMIT 101" in queries[0]["sql"]  # the count, on ``counted``
    assert '"name"::text LIKE' in queries[1]["sql"]  # the page, from ``large``
    assert (paginator.count, paginator.more, paginator.count_label) == (14, False, "14")
    assert names(page) == names(Paginator(ordered, 4).get_page(2))
    # At or below ``large_from`` the list itself is read.
    small = BoundedPaginator(ordered, 4, cap=100, large=large, large_from=14)
    with CaptureQueriesContext(connection) as queries:
        small.get_page("2")
    assert '"name"::text LIKE' not in queries[1]["sql"]
