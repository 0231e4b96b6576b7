"""The review queue reads its rows' campaign policies and its filter's word from one read of the policies, kept in
the cache until a policy is saved or deleted (campaigns.selectors.policies_for), and its rows' panel progress with
the page's rows by id (NarrowPaginator row_annotations)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import User
from apps.applications.workflow.states import Status
from apps.campaigns.models import CampaignPolicy, NamingLevel
from apps.campaigns.selectors import policies_for
from apps.devtools.demo.duties import demo_hedong_coordinators
from apps.regions.models import RegionLevel
from tests import list_rows as rows
from tests.factories import RegionFactory
from tests.list_rows import THIS_YEAR, World

pytestmark = pytest.mark.django_db


def _queue(client, user: User, **params) -> str:
    client.force_login(user)
    return client.get(reverse("reviews:queue"), params).content.decode()


def _returned(cast, regions) -> list[str]:
    """Two applications of county X sent back by the naming office: each row says which level sent it back."""
    return rows.unit_names(World(cast, regions).applications(0, 2, Status.CITY_RETURNED))


def _district_names(regions) -> CampaignPolicy:
    return CampaignPolicy.objects.create(region=regions.county_x, year=THIS_YEAR, naming_level=NamingLevel.COUNTY,
                                         title_level="区级")


def test_a_policy_saved_after_the_queue_was_read_shows_on_the_next_request(client, cast, regions):
    _returned(cast, regions)
    assert _queue(client, cast.county_admin_x).count("市级退回") == 3  # the filter's choice and the two rows
    _district_names(regions)
    body = _queue(client, cast.county_admin_x)
    assert body.count("区级退回") == 3 and "市级退回" not in body


def _retitled(policy: CampaignPolicy) -> str:
    policy.title_level = "县级"  # the county names its titles 县级 from now on
    policy.save()
    return "县级退回"


def _deleted(policy: CampaignPolicy) -> str:
    policy.delete()
    return "市级退回"  # under the city's policy again


@pytest.mark.parametrize("change", [_retitled, _deleted], ids=["changed", "deleted"])
def test_a_policy_changed_or_deleted_after_the_queue_was_read_shows_on_the_next_request(client, cast, regions,
                                                                                         change):
    _returned(cast, regions)
    policy = _district_names(regions)
    assert _queue(client, cast.county_admin_x).count("区级退回") == 3
    word = change(policy)
    body = _queue(client, cast.county_admin_x)
    assert body.count(word) == 3 and "区级退回" not in body


def test_a_policy_saved_within_a_request_is_read_by_the_rest_of_it(regions):
    key = (regions.county_x.pk, THIS_YEAR)
    assert policies_for(pairs=[(regions.county_x, THIS_YEAR)])[key] is None
    policy = _district_names(regions)
    assert policies_for(pairs=[(regions.county_x, THIS_YEAR)])[key] == policy


def test_another_countys_staff_never_see_the_rows_and_read_their_own_policy_where_the_queue_kept_one(client, cast,
                                                                                                      regions):
    names = _returned(cast, regions)
    CampaignPolicy.objects.create(region=regions.county_y, year=THIS_YEAR, naming_level=NamingLevel.COUNTY,
                                  title_level="区级")  # county Y names as a district; county X under the city
    mine = _queue(client, cast.county_admin_x)
    assert all(name in mine for name in names) and mine.count("市级退回") == 3 and "区级退回" not in mine
    for other in (cast.county_admin_y, cast.reviewer_y):
        theirs = _queue(client, other)
        assert not any(name in theirs for name in names) and "暂无待评估的申报" in theirs
        assert "市级退回" not in theirs and theirs.count("区级退回") == 1  # their filter, under their own policy
    again = _queue(client, cast.county_admin_x, status=Status.CITY_RETURNED)
    assert all(name in again for name in names) and again.count("市级退回") == 3 and "区级退回" not in again


def test_the_demo_hedong_coordinator_rule_is_read_where_the_policies_were_kept(regions):
    tianjin = RegionFactory(name="天津市", code="120000", level=RegionLevel.CITY)
    hedong = RegionFactory(name="河东区", code="120102", level=RegionLevel.COUNTY, parent=tianjin)
    CampaignPolicy.objects.create(region=hedong, year=2023, naming_level=NamingLevel.COUNTY, title_level="区级")
    assert not policies_for(pairs=[(hedong, 2026)])[(hedong.pk, 2026)].coordinators_per_named_unit
    demo_hedong_coordinators(password="demo-password-1")
    policy = policies_for(pairs=[(hedong, 2026)])[(hedong.pk, 2026)]
    assert (policy.coordinators_per_named_unit, policy.coordinators_deadline) == (1, datetime.date(2023, 10, 31))


def test_the_queue_reads_its_rows_by_id_with_their_panel_progress_also_past_the_end(client, cast, regions):
    names = rows.queued_applications(World(cast, regions), 0, 4)
    client.force_login(cast.county_admin_x)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(reverse("reviews:queue")).content.decode()
    read = [q["sql"] for q in queries.captured_queries if '"seats"' in q["sql"]]
    # The page's rows by their ids alone: the jurisdiction's filters (the county's path) ran once, for the ids.
    assert len(read) == 1 and "LIKE" not in read[0] and "OVER ()" not in read[0]
    assert all(name in body for name in names) and body.count("1 / 2</td>") == 2
    past = client.get(reverse("reviews:queue"), {"page": "9"}).content.decode()  # the last page, read by Django
    assert past.count("1 / 2</td>") == 2 and past.count("未组建评估组") == 2
