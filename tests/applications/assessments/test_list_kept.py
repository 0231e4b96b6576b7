"""The application list's and the 帮办代办 list's pages are kept per jurisdiction; each change to them drops them."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.applications.assessments.models import Application
from apps.applications.assessments.services import application_open, application_open_on_behalf
from apps.applications.workflow.states import Status
from apps.registry.enterprises.models import SizeClass
from apps.registry.enterprises.services import (
    EnterpriseData,
    enterprise_create,
    enterprise_update,
    enterprises_bulk_create,
)
from apps.registry.services import unit_verify
from apps.registry.units.models import VerificationStatus
from tests.factories import EnterpriseFactory, UnitFactory
from tests.registry.helpers import code

pytestmark = pytest.mark.django_db

LIST = reverse("assessments:list")
ON_BEHALF = reverse("assessments:on_behalf")


def _applications(client, query: str = "") -> list[str]:
    """The unit names in the application list's rows, in order (the page holds each row's markup, list_rows.py)."""
    return re.findall(r'<tr><td><a href="[^"]*">([^<]*)</a>', "".join(client.get(f"{LIST}{query}").context["page"]))


def _enterprises(client, query: str = "") -> list[str]:
    """The names in the 帮办代办 list's rows (the page holds each row's markup, on_behalf_rows.py)."""
    return sorted(re.findall(r"<tr><td>([^<]*)</td>", "".join(client.get(ON_BEHALF + query).context["page"])))


@pytest.fixture
def small(cast):
    """Unit A (county X, 解放路街道) is a small enterprise."""
    return EnterpriseFactory(unit=cast.unit_a, size=SizeClass.SMALL)


def test_an_application_opened_shows_in_the_county_township_and_city_lists_at_once(
        client, cast, regions, small, linfen_campaign, linfen_standard):
    lists = [(cast.county_admin_x, ""), (cast.township_staff_x, ""), (cast.city_admin, ""),
             (cast.county_admin_x, "?on_behalf=1")]
    for user, query in lists:
        client.force_login(user)
        assert _applications(client, query) == []
    application_open(unit=cast.unit_a, by=cast.rep_a, today=date.today())
    for user, query in lists[:3]:
        client.force_login(user)
        assert _applications(client, query) == ["甲公司"]


def test_an_application_opened_on_behalf_shows_in_the_filtered_list_at_once(
        client, cast, small, linfen_campaign, linfen_standard):
    client.force_login(cast.county_admin_x)
    assert _applications(client, "?on_behalf=1") == []
    application_open_on_behalf(unit=cast.unit_a, by=cast.county_admin_x, reason="企业无专职人员", today=date.today())
    assert _applications(client, "?on_behalf=1") == ["甲公司"]


def test_a_renamed_unit_moves_in_the_list_sorted_by_name(client, cast, regions, small, linfen_campaign,
                                                         linfen_standard):
    first, later = (EnterpriseFactory(unit__region=regions.county_x, unit__name=name) for name in ("B公司", "C公司"))
    for unit in (cast.unit_a, first.unit, later.unit):
        Application.objects.create(unit=unit, campaign_year=linfen_campaign, standard=linfen_standard,
                                   status=Status.DRAFT)
    client.force_login(cast.county_admin_x)
    assert _applications(client) == ["B公司", "C公司", "甲公司"]
    enterprise_update(enterprise=later, data=EnterpriseData(name="A公司", uscc=later.uscc, region=regions.county_x),
                      by=cast.county_admin_x)
    assert _applications(client) == ["A公司", "B公司", "甲公司"]


def test_another_countys_staff_see_none_of_the_kept_rows(client, cast, small, linfen_campaign, linfen_standard):
    application_open(unit=cast.unit_a, by=cast.rep_a, today=date.today())
    client.force_login(cast.county_admin_x)
    assert _applications(client) == ["甲公司"]
    assert _enterprises(client) == ["甲公司"]
    for user in (cast.county_admin_y, cast.city_admin_other):
        client.force_login(user)
        assert _applications(client) == []
    client.force_login(cast.county_admin_y)
    assert "甲公司" not in _enterprises(client)
    client.force_login(cast.county_admin_x)
    assert _applications(client) == ["甲公司"]


def test_a_registration_verified_comes_into_the_on_behalf_lists(client, cast, regions, small):
    pending = EnterpriseFactory(unit__region=regions.county_x, unit__township=regions.township_x,
                                unit__name="待核验公司", unit__verification_status=VerificationStatus.PENDING)
    for user in (cast.county_admin_x, cast.township_staff_x):
        client.force_login(user)
        assert _enterprises(client) == ["甲公司"]
    unit_verify(unit=pending.unit, by=cast.county_admin_x)
    for user in (cast.county_admin_x, cast.township_staff_x):
        client.force_login(user)
        assert _enterprises(client) == ["待核验公司", "甲公司"]


def test_an_enterprise_grown_large_leaves_the_on_behalf_list(client, cast, regions, small):
    client.force_login(cast.township_staff_x)
    assert _enterprises(client) == ["甲公司"]
    enterprise_update(enterprise=small, data=EnterpriseData(
        name="甲公司", uscc=small.uscc, region=regions.county_x, township=regions.township_x,
        profile={"size": SizeClass.LARGE}), by=cast.county_admin_x)
    assert _enterprises(client) == []


def test_an_enterprise_entered_or_imported_comes_into_the_on_behalf_list(client, cast, regions, small):
    client.force_login(cast.county_admin_x)
    assert _enterprises(client) == ["甲公司"]
    enterprise_create(data=EnterpriseData(name="丙公司", uscc=code(7654321), region=regions.county_x),
                      by=cast.county_admin_x)
    assert _enterprises(client) == ["丙公司", "甲公司"]
    enterprises_bulk_create(rows=[{"name": "丁公司", "uscc": code(7654322), "region_id": regions.county_x.pk}],
                            by=cast.county_admin_x)
    assert _enterprises(client) == ["丁公司", "丙公司", "甲公司"]


@pytest.mark.parametrize("url", [LIST, LIST + "?page=2", ON_BEHALF])  # page 2: past the end, shown as page 1
def test_a_kept_page_reads_only_its_rows(client, cast, small, linfen_campaign, linfen_standard, url):
    """The second request reads no ids and no total, and no row: each row is kept too."""
    application_open(unit=cast.unit_a, by=cast.rep_a, today=date.today())
    client.force_login(cast.county_admin_x)
    client.get(LIST + "?on_behalf=1")  # the session, the policies and the standards: read once (another page)
    queries = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as read:
            assert client.get(url).status_code == 200
        queries.append([query["sql"] for query in read.captured_queries])
    if url == ON_BEHALF:  # its rows are kept too (on_behalf_rows.py)
        assert [sql for sql in queries[1] if "SAVEPOINT" not in sql] == []
    else:  # the page's ids and its rows (list_rows.py), both read by the first request only
        reads = [[sql for sql in request if sql.startswith('SELECT "applications_application"."id"')]
                 for request in queries]
        assert len(reads[0]) >= 2 and reads[1] == []
    assert not any("COUNT(*) OVER ()" in sql for sql in queries[1])


def test_a_search_is_not_kept(client, cast, regions, small):
    client.force_login(cast.county_admin_x)
    assert _enterprises(client) == ["甲公司"]
    UnitFactory(region=regions.county_x, name="甲乙公司")  # written without a service: only a search sees it
    assert _enterprises(client) == ["甲公司"]
    assert _enterprises(client, "?q=甲") == ["甲乙公司", "甲公司"]
