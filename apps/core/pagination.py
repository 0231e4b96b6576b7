"""A paginator that reads a page and the total number of rows in one query.

Django's Paginator counts first (``SELECT COUNT(*)`` over the filtered
joins) and then reads the page: on the review lists that runs the whole
jurisdiction filter twice. ``COUNT(*) OVER ()`` on the page's own query
gives the same total from the same pass (PostgreSQL counts the matching rows
before it sorts and cuts them to the page), so a page costs one query.
A page past the end returns no rows and so no total: then the paginator
counts as Django's does and ``get_page`` falls back to the last page.
"""

from collections.abc import Callable

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import Count, QuerySet, Window
from django.utils.functional import cached_property

TOTAL = "paginator_total"
# No list holds this many pages; a larger number (?page=99999999999999999999) is past the end, and its OFFSET
# would overflow PostgreSQL's bigint.
MAX_PAGE = 10**7


class OneQueryPaginator(Paginator):
    def __init__(self, object_list: QuerySet, per_page: int):
        # No orphans: a page holds exactly the rows its slice read. No DISTINCT: the window would count
        # the rows before DISTINCT removes any.
        if object_list.query.distinct:
            raise ValueError("OneQueryPaginator cannot count a DISTINCT queryset; use Paginator.")
        super().__init__(object_list, per_page)

    def page(self, number) -> Page:
        if "count" in self.__dict__:
            return super().page(number)
        number = self._whole_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list.annotate(**{TOTAL: Window(Count("*"))})[bottom:bottom + self.per_page])
        if not rows:
            return self._empty_page(number)
        self.__dict__["count"] = getattr(rows[0], TOTAL)
        return self._get_page(rows, number, self)

    def _empty_page(self, number: int) -> Page:
        """The page when its query found no row: the first page of an empty list (nothing before it, so the list
        is empty: no count needed), else Django's page, which counts to tell past-the-end from empty."""
        if number == 1 and self.allow_empty_first_page:
            self.__dict__["count"] = 0
            return self._get_page([], number, self)
        return Paginator.page(self, number)

    def get_page(self, number) -> Page:
        """Django's ``get_page`` (a bad number: page 1; past the end: the last page) without counting first:
        Django's checks the number against the page count before reading, a second pass over the rows."""
        try:
            number = self._whole_number(number)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            return self.page(self.num_pages)
        try:
            return self.page(number)
        except EmptyPage:
            return self.page(self.num_pages)

    def _whole_number(self, number) -> int:
        """Django's own checks of a page number, without the upper bound (that needs the count)."""
        try:
            if isinstance(number, float) and not number.is_integer():
                raise ValueError
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        if number > MAX_PAGE:
            raise EmptyPage(self.error_messages["no_results"])
        return number


def rows_by_key(listed: QuerySet) -> QuerySet:
    """The rows of ``listed`` to be read by primary key: its joins and prefetches without its filters, or (a list
    with annotations, which may depend on its filters) the list itself."""
    if listed.query.annotations:
        return listed
    rows = listed.model._base_manager.all()
    rows.query.select_related = listed.query.select_related
    rows.query.deferred_loading = listed.query.deferred_loading
    return rows.prefetch_related(*listed._prefetch_related_lookups)


class NarrowPaginator(OneQueryPaginator):
    """Pages on the list's own table first, then reads the page's rows with their joins.

    A list that shows joined rows (a unit with its region, township, enterprise and industry; an event with
    its unit and region) joined every matching row of the viewer's jurisdiction before PostgreSQL sorted
    them and kept one page. Here the first query reads only the ids of the page and the total
    (``COUNT(*) OVER ()``), joining nothing but what the filters and the sort need; the second reads the
    page's rows by primary key with the queryset's ``select_related`` and annotations. Two queries, each of
    which touches the wide rows of one page only. The second reads them by id alone, with the list's joins and
    prefetches but not its filters: the ids were chosen under the filters, and running a jurisdiction's filter
    again cost as much as the first query (a city's titles: 86,000 pages twice). A list with annotations (which
    may depend on its filters) reads its page's rows from the filtered list, as before.
    ``kept_page``: a function that returns the page's ids with the total (the first query's rows), given the page
    number and that query, from a cache where it keeps them; its owner drops them whenever a service changes the
    list. A kept page costs the second query only.
    ``kept_rows``: a function that returns what the page shows of each row by id (e.g. its markup), given the
    page's ids and a function that reads the rows of some ids (the second query, for those only), from a cache
    where it keeps them; the page then holds those values, in the page's order, and reads no row it has kept
    (past the end too: the last page is read the same way).
    """

    def __init__(self, object_list: QuerySet, per_page: int, *, row_annotations: dict | None = None,
                 kept_page: Callable[[int, Callable[[], list[tuple[int, int]]]], list[tuple[int, int]]] | None = None,
                 kept_rows: Callable[[list[int], Callable[[list[int]], dict]], dict] | None = None):
        """``row_annotations``: what the page's rows show computed from the row alone (a count of its own related
        rows), added to the second query only; the list's own annotations would have it run the filters again."""
        super().__init__(object_list, per_page)
        self.row_annotations = row_annotations or {}
        self.kept_page = kept_page
        self.kept_rows = kept_rows

    def _rows(self) -> QuerySet:
        return rows_by_key(self.object_list).annotate(**self.row_annotations)

    def _get_page(self, object_list, number, paginator) -> Page:
        if isinstance(object_list, QuerySet) and self.row_annotations:  # Django's own slice (past the end)
            object_list = object_list.annotate(**self.row_annotations)
        return super()._get_page(object_list, number, paginator)

    def page(self, number) -> Page:
        if "count" not in self.__dict__:
            number = self._whole_number(number)
        elif self.kept_rows is None:
            return super().page(number)
        else:  # the last page after one past the end: by ids too, so that it holds what the kept rows hold
            number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        narrow = self.object_list.select_related(None).annotate(**{TOTAL: Window(Count("*"))})

        def read() -> list[tuple[int, int]]:
            return list(narrow.values_list("pk", TOTAL)[bottom:bottom + self.per_page])

        keys = read() if self.kept_page is None else self.kept_page(number, read)
        if not keys:
            return self._empty_page(number)
        self.__dict__["count"] = keys[0][1]

        def rows(ids: list[int]) -> dict:
            return {row.pk: row for row in self._rows().order_by().filter(pk__in=ids)}

        ids = [pk for pk, _ in keys]
        by_pk = rows(ids) if self.kept_rows is None else self.kept_rows(ids, rows)
        return self._get_page([by_pk[pk] for pk, _ in keys if pk in by_pk], number, self)


class BoundedPaginator(NarrowPaginator):
    """Counts at most ``cap`` rows; a longer list shows its total as "10,000+" and its first ``cap`` rows' pages.

    An exact total of a county's 100,000 risk events reads every one of them (about 100 ms at province scale),
    only to print a number nobody pages to the end of. Here the count stops at ``cap + 1`` rows (an index-only
    scan of the rows' unit index). Within the cap the list is read as ``NarrowPaginator`` reads it, with the
    exact total; beyond it, from ``large`` when given: the same rows, filtered so that PostgreSQL walks the
    order's index and stops when the page is full (``accounts.selectors.unit_in(semi_join=True)``).
    ``large_from``: read from ``large`` past this many rows already (default: the cap), for a list whose walk
    pays off well below the cap (a city's 9,000 titles); ``counted``: the same rows as the count reads them
    fastest (default: the list), when the form that pages a small list well counts a large one slowly;
    ``kept``: a function that returns the bounded count it is given to make, from a cache where it keeps one;
    ``kept_page``: one that returns the page's ids, given the page number and the query that reads them, from a
    cache where it keeps them. Three queries: the bounded count, the page's ids, the page's rows.
    """

    def __init__(self, object_list: QuerySet, per_page: int, *, cap: int = 10_000, large: QuerySet | None = None,
                 large_from: int | None = None, counted: QuerySet | None = None,
                 kept: Callable[[Callable[[], int]], int] | None = None,
                 kept_page: Callable[[int, Callable[[], list[int]]], list[int]] | None = None):
        super().__init__(object_list, per_page)
        self.kept_page = kept_page
        self.cap = cap
        self.large = large
        self.large_from = cap if large_from is None else large_from
        self.counted = object_list if counted is None else counted
        self.kept = kept
        self.more = False

    @property
    def count_label(self) -> str:
        """The total as shown: "10,000+" past the cap."""
        return f"{self.count:,}+" if self.more else f"{self.count:,}"

    @property
    def num_pages_label(self) -> str:
        return f"{self.num_pages}+" if self.more else str(self.num_pages)

    def _bound(self) -> None:
        if "count" in self.__dict__:
            return
        def count() -> int:
            return self.counted.select_related(None).order_by().values("pk")[:self.cap + 1].count()

        total = count() if self.kept is None else self.kept(count)
        self.more = total > self.cap
        self.__dict__["count"] = min(total, self.cap)
        if total > self.large_from and self.large is not None:
            self.object_list = self.large

    def page(self, number) -> Page:
        self._bound()
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = self.object_list.select_related(None).values_list("pk", flat=True)

        def read() -> list[int]:
            return list(ids[bottom:bottom + self.per_page])

        keys = read() if self.kept_page is None else self.kept_page(number, read)
        by_pk = {row.pk: row for row in self._rows().order_by().filter(pk__in=keys)} if keys else {}
        return self._get_page([by_pk[pk] for pk in keys if pk in by_pk], number, self)

    def get_page(self, number) -> Page:
        try:
            number = self._whole_number(number)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            self._bound()
            return self.page(self.num_pages)
        try:
            return self.page(number)
        except EmptyPage:
            return self.page(self.num_pages)


class MergedWalkPaginator(Paginator):
    """Pages a list whose rows are the rows of a few ``parts``, each of which an index gives in the list's
    ``order``: a city's units in name order are its counties' units, each county's walked on (region, name, id).

    The page's ids come from the parts' walks merged (a UNION ALL of each part's first rows, which PostgreSQL
    merges, reading from each index only the entries the merged page needs) instead of from a sort of the whole
    list, which read every row of a county (11,000 units) to show 25. ``object_list`` is the whole list: it is
    counted (Django's count, an index-only scan for a list filtered on one indexed column) and gives the page's
    joins. Three queries: the count, the page's ids, the page's rows by id. The parts must hold exactly the list's
    rows, and ``order`` must end in a unique column. ``kept``: a function that returns the count it is given to make,
    from a cache where it keeps one (then two queries). ``kept_rows``: as ``NarrowPaginator``'s (then one query, the
    page's ids, once every row is kept).
    """

    def __init__(self, object_list: QuerySet, per_page: int, *, parts: list[QuerySet], order: tuple[str, ...],
                 kept: Callable[[Callable[[], int]], int] | None = None,
                 kept_rows: Callable[[list[int], Callable[[list[int]], dict]], dict] | None = None):
        super().__init__(object_list, per_page)
        self.parts = parts
        self.order = order
        self.kept = kept
        self.kept_rows = kept_rows

    @cached_property
    def count(self) -> int:
        counted = Paginator.count.func
        return counted(self) if self.kept is None else self.kept(lambda: counted(self))

    def page(self, number) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)
        if top <= bottom:
            return self._get_page([], number, self)
        columns = list(dict.fromkeys(["pk", *(name.lstrip("-") for name in self.order)]))
        walks = [part.order_by(*self.order).values_list(*columns)[:top] for part in self.parts]
        merged = walks[0].union(*walks[1:], all=True).order_by(*self.order) if len(walks) > 1 else walks[0]
        keys = [row[0] for row in merged[bottom:top]]

        def rows(ids: list[int]) -> dict:
            return {row.pk: row for row in rows_by_key(self.object_list).order_by().filter(pk__in=ids)}

        by_pk = rows(keys) if self.kept_rows is None else self.kept_rows(keys, rows)
        return self._get_page([by_pk[pk] for pk in keys if pk in by_pk], number, self)
