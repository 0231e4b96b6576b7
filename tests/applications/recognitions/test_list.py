"""The staff list of titles: newest year first, then by number, only the viewer's jurisdiction's."""

from datetime import date

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.applications.recognitions.models import Recognition
from tests.factories import UnitFactory, named

pytestmark = pytest.mark.django_db

UNIT_ID = '"applications_recognition"."unit_id"'


def _titles(regions, by, county, years: list[int], prefix: str) -> list[Recognition]:
    return [
        Recognition.objects.create(
            unit=UnitFactory(region=county), city=regions.city, year=year, sequence=n,
            number=f"{prefix}-{year}-{n:04d}", title="劳动关系和谐企业", issued_on=date(year, 12, 1),
            valid_until=date(year + 3, 11, 30), issued_by=by, score=90)
        for n, year in enumerate(years)
    ]


def _listed(client) -> tuple[list[int], list[str]]:
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("recognitions:list")).context["page"]
    return [title.pk for title in page], [query["sql"] for query in queries]


def _in_list_order(titles: list[Recognition]) -> list[int]:
    return [title.pk for title in sorted(titles, key=lambda title: (-title.year, title.number))]


def test_a_county_past_the_walk_threshold_is_paged_as_a_semi_join_and_sees_only_its_own(client, cast, regions,
                                                                                        monkeypatch):
    monkeypatch.setattr("apps.applications.recognitions.views.WALK_FROM", 2)
    own = _titles(regions, cast.city_admin, regions.county_x, [2023, 2025, 2024, 2025], "141000")
    other = _titles(regions, cast.city_admin, regions.county_y, [2026, 2026], "141001")
    client.force_login(cast.county_admin_x)
    shown, queries = _listed(client)
    assert shown == _in_list_order(own)
    # The page's ids: the titles in list order, kept if their unit is one of the county's (no array of unit ids).
    page_query = next(sql for sql in queries if sql.startswith('SELECT "applications_recognition"."id" AS "pk"'))
    assert f"{UNIT_ID} IN (SELECT" in page_query and f"{UNIT_ID} = ANY(" not in page_query
    client.force_login(cast.county_admin_y)
    assert _listed(client)[0] == _in_list_order(other)
    client.force_login(cast.city_admin)
    assert _listed(client)[0] == _in_list_order(own + other)


def test_a_township_below_the_walk_threshold_is_counted_and_paged_from_its_own_units_titles(client, cast, regions):
    own = _titles(regions, cast.city_admin, regions.county_x, [2024, 2025, 2023], "141000")
    for title in own:
        title.unit.township = regions.township_x
        title.unit.save(update_fields=["township"])
    _titles(regions, cast.city_admin, regions.county_x, [2026], "141002")  # the county's, outside the township
    client.force_login(cast.township_staff_x)
    shown, queries = _listed(client)
    assert shown == _in_list_order(own)
    assert not any(f"{UNIT_ID} IN (SELECT" in sql for sql in queries)  # counted and paged by its units' ids


def test_a_walked_page_reads_the_titles_from_the_index_of_the_lists_order(cast):
    from apps.applications.recognitions.selectors import recognition_list_for

    walked = recognition_list_for(user=cast.city_admin, semi_join=True).order_by("-year", "number")
    sql, params = walked.values_list("pk")[:50].query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_sort = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "recognition_list_order" in plan


def test_the_lists_total_counts_a_title_conferred_after_the_list_was_shown(client, cast, regions):
    """The total is kept per jurisdiction; conferring a title drops it (the list would otherwise lose a page)."""
    _titles(regions, cast.city_admin, regions.county_x, [2024], "141000")
    client.force_login(cast.county_admin_x)
    assert client.get(reverse("recognitions:list")).context["page"].paginator.count == 1
    named(UnitFactory(region=regions.county_x), city=regions.city, by=cast.city_admin)
    page = client.get(reverse("recognitions:list")).context["page"]
    assert page.paginator.count == 2 and len(page) == 2
    client.force_login(cast.county_admin_y)  # another county's total is its own
    assert client.get(reverse("recognitions:list")).context["page"].paginator.count == 0


def test_a_kept_page_is_read_by_its_ids_alone_and_only_for_its_own_jurisdiction(client, cast, regions):
    own = _titles(regions, cast.city_admin, regions.county_x, [2024, 2025], "141000")
    other = _titles(regions, cast.city_admin, regions.county_y, [2026], "141001")
    client.force_login(cast.county_admin_x)
    assert _listed(client)[0] == _in_list_order(own)
    shown, queries = _listed(client)  # kept: the total and the page's ids
    assert shown == _in_list_order(own)
    assert not any(sql.startswith('SELECT "applications_recognition"."id" AS "pk"') for sql in queries)
    client.force_login(cast.county_admin_y)  # another county's page is its own, also once kept
    assert _listed(client)[0] == _in_list_order(other)
    assert _listed(client)[0] == _in_list_order(other)


def test_a_unit_moved_to_another_county_takes_its_title_to_that_countys_kept_page(client, cast, regions):
    from apps.registry.enterprises.services import EnterpriseData, enterprise_update
    from tests.factories import EnterpriseFactory

    moved, = _titles(regions, cast.city_admin, regions.county_x, [2024], "141000")
    stays = _titles(regions, cast.city_admin, regions.county_y, [2025], "141001")
    for user in (cast.county_admin_x, cast.county_admin_y):
        client.force_login(user)
        _listed(client)
    enterprise = EnterpriseFactory(unit=moved.unit)
    enterprise_update(enterprise=enterprise, by=cast.county_admin_x,
                      data=EnterpriseData(name=moved.unit.name, uscc=enterprise.uscc, region=regions.county_y))
    assert _listed(client)[0] == _in_list_order([moved, *stays])
    client.force_login(cast.county_admin_x)
    assert _listed(client)[0] == []
