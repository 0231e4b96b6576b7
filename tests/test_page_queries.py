"""What every page pays before its own work, and the detail and form pages that were made cheaper (issue 17).

A signed-in page that shows nothing of its own (the profile, the password form) costs no query at all: the
session, the user with their memberships and devices (apps/accounts/kept_user.py) and whether a county admin's
county names (the menu) are read from the cache. A query added to a middleware or a context processor is paid
by every page of every role, so it fails here. The other tests pin what a form or detail
page no longer does per option or per row.
"""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import Party, Role
from apps.applications.assessments.kept import application_pages_changed
from apps.applications.notices.models import ProvinceDecision
from apps.applications.reviews.models import Inspection, SpotCheck
from apps.regions.models import RegionLevel
from apps.registry.parks.services import park_create
from tests.factories import EnterpriseFactory, RegionFactory
from tests.fixtures.reviews import form_panel

pytestmark = pytest.mark.django_db

# The user, memberships, devices and the county admin's naming policy are kept (once the first request read them).
SIGNED_IN_PAGE_QUERIES = 0
BARE_PAGES = ("accounts:profile", "accounts:password_change")
# A unit page once its parts alike for every viewer are kept: the unit with the viewer's access and buttons.
UNIT_PAGE_QUERIES = 1


def _queries(client, url: str) -> list[str]:
    client.get(url)  # first request: whatever is filled once per process or cache
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    # Not the request's transaction (ATOMIC_REQUESTS: a savepoint inside the test's own transaction).
    return [query["sql"] for query in captured.captured_queries if "SAVEPOINT" not in query["sql"]]


@pytest.mark.parametrize("page", BARE_PAGES)
@pytest.mark.parametrize("role", [Role.UNIT_REP, Role.TOWNSHIP_STAFF, Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN,
                                  Role.CITY_ADMIN, Role.COORDINATOR])
def test_a_signed_in_page_costs_no_query_once_its_user_is_kept(client, cast, role, page):
    client.force_login(cast.by_role()[role])
    queries = _queries(client, reverse(page))
    assert len(queries) <= SIGNED_IN_PAGE_QUERIES, "\n".join(queries)


def test_the_blank_signup_form_comes_from_the_cache_with_a_token_of_its_own(client, regions):
    url = reverse("registry:signup")
    assert _queries(client, url) == []
    html = client.get(url).content.decode()
    assert regions.county_x.name in html and "所属行业" in html and 'name="csrfmiddlewaretoken"' in html
    other = client.__class__()
    token = other.get(url).content.decode().split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    assert token not in html  # the token is the visitor's own, not cached with the fields


def test_a_chosen_county_or_a_refused_form_is_rendered_afresh(client, regions):
    """Only the blank form is cached: with a county its townships show, with errors the input stays."""
    client.get(reverse("registry:signup"))
    html = client.get(reverse("registry:signup") + f"?county={regions.county_x.pk}").content.decode()
    assert regions.township_x.name in html
    response = client.post(reverse("registry:signup"), {"e-name": "留在表单里的名称"})
    assert "留在表单里的名称" in response.content.decode()


def test_coordinator_form_labels_its_regions_without_a_query_each(client, cast, regions):
    """Each region option reads "county · township": the parents come with the regions."""
    client.force_login(cast.county_admin_x)
    few = len(_queries(client, reverse("coordinators:create")))
    for number in range(10):
        RegionFactory(name=f"新乡镇{number}", level=RegionLevel.TOWNSHIP, parent=regions.county_x)
    html = client.get(reverse("coordinators:create")).content.decode()
    assert f"{regions.county_x.name} · 新乡镇9" in html
    assert len(_queries(client, reverse("coordinators:create"))) == few


def test_a_township_unit_lists_its_enterprises_once_each(client, cast, regions):
    """Enterprises naming the township's park or lying in its township: both, and one naming it and lying there
    counted once (the page reads them as a union of two indexed look-ups)."""
    park = park_create(name="解放路街道", region=regions.county_x, area_kind="street", area_region=regions.township_x,
                       by=None)
    EnterpriseFactory(unit=cast.unit_a, park=park)  # 甲公司 lies in the township and names the park
    EnterpriseFactory(unit__name="只写明园区的企业", unit__region=regions.county_x, park=park)
    EnterpriseFactory(unit__name="只在街道的企业", unit__region=regions.county_x, unit__township=regions.township_x)
    EnterpriseFactory(unit__name="别处的企业", unit__region=regions.county_x)
    client.force_login(cast.county_admin_x)
    html = client.get(reverse("registry:unit_detail", args=[park.pk])).content.decode()
    assert "区域内企业（3 家）" in html
    assert html.count(">甲公司<") == 1 and "只写明园区的企业" in html and "只在街道的企业" in html
    assert "别处的企业" not in html


def test_a_township_unit_reads_its_enterprises_and_their_number_in_one_query(client, cast, regions):
    """Once; then the page is kept (registry/unit_page.py) and a view reads the unit alone."""
    park = park_create(name="解放路街道", region=regions.county_x, area_kind="street", area_region=regions.township_x,
                       by=None)
    EnterpriseFactory(unit__name="只写明园区的企业", unit__region=regions.county_x, park=park)
    client.force_login(cast.county_admin_x)
    url = reverse("registry:unit_detail", args=[park.pk])
    with CaptureQueriesContext(connection) as first:
        client.get(url)
    naming_the_park = re.compile(rf'"park_id" = {park.pk}\b')
    reads = [query["sql"] for query in first.captured_queries
             if '"registry_enterprise"' in query["sql"] and naming_the_park.search(query["sql"])]
    assert len(reads) == 1, "\n".join(reads)
    assert len(_queries(client, url)) == UNIT_PAGE_QUERIES


def test_a_kept_enterprise_page_reads_the_unit_alone(client, cast):
    EnterpriseFactory(unit=cast.unit_a)
    client.force_login(cast.county_admin_x)
    queries = _queries(client, reverse("registry:unit_detail", args=[cast.unit_a.pk]))
    assert len(queries) == UNIT_PAGE_QUERIES, "\n".join(queries)


def test_the_self_evaluation_page_reads_the_standard_once_per_process(client, cast, application):
    """The standard's items, sub-lines and grades come from the process's copy, as on the review page."""
    client.force_login(cast.rep_a)
    queries = _queries(client, reverse("assessments:detail", args=[application.pk]))
    assert not [sql for sql in queries if any(f'FROM "standards_{table}"' in sql
                                              for table in ("standard", "criterion", "subline", "grade"))]


def test_the_review_pages_panel_form_reads_the_countys_reviewers_once(client, cast, application):
    """The members' checkboxes and the recorder's select offer the same people, from one query."""
    client.force_login(cast.county_admin_x)
    url = reverse("reviews:detail", args=[application.pk])
    queries = _queries(client, url)
    html = client.get(url).content.decode()
    for reviewer in cast.reviewers_x.values():
        assert f'<option value="{reviewer.pk}">{reviewer}</option>' in html
        assert f'value="{reviewer.pk}" id="id_reviewers_' in html
    reads = [sql for sql in queries if "county_reviewer" in sql or 'WHERE ("accounts_user"."is_active"' in sql]
    assert reads == [], "\n".join(reads)  # kept per county (reviews.selectors.county_reviewers) after the first
    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    reads = [query["sql"] for query in captured.captured_queries
             if "county_reviewer" in query["sql"] or 'WHERE ("accounts_user"."is_active"' in query["sql"]]
    assert len(reads) == 1, "\n".join(reads)


def test_the_review_page_reads_no_earlier_rounds_while_there_are_none(client, cast, application):
    """Earlier rounds' sheets exist only once the panel has moved past round 1 (tests/applications/reviews/
    test_return_loop.py shows them after a return): before that the page does not ask for them."""
    client.force_login(cast.county_admin_x)
    queries = _queries(client, reverse("reviews:detail", args=[application.pk]))
    assert not [sql for sql in queries if 'FROM "applications_archivedsheet"' in sql]


# The workbench a second time (apps/home/workbench.py): the sections kept per region or unit (region_cache) are
# read from the cache, the offices' latest yearly reports, their report duties and the city's open revocation
# cases among them (tests/home/test_kept_city_sections.py). The signed-in page's queries only.
HOME_KEPT_QUERIES = {Role.UNIT_REP: SIGNED_IN_PAGE_QUERIES, Role.COUNTY_ADMIN: SIGNED_IN_PAGE_QUERIES,
                     Role.CITY_ADMIN: SIGNED_IN_PAGE_QUERIES}


@pytest.mark.parametrize("role", list(HOME_KEPT_QUERIES))
def test_the_workbench_a_second_time_reads_its_kept_sections_from_the_cache(client, cast, role):
    client.force_login(cast.by_role()[role])
    queries = _queries(client, reverse("home:home"))
    assert len(queries) <= HOME_KEPT_QUERIES[role], "\n".join(queries)


# What the review page and the self-evaluation page show alike to everyone allowed to see them is kept per application
# (apps/applications/assessments/kept.py): a second request reads none of it.
KEPT_TABLES = ("applications_answer", "applications_panelmember", "applications_memberscore",
               "applications_levelscore", "applications_applicationevent", "applications_inspection",
               "applications_spotcheck", "applications_provincedecision", "applications_evidence",
               "applications_applicationrevision", "surveys_survey")


def _reading_kept_tables(queries: list[str]) -> list[str]:
    return [sql for sql in queries if any(f'FROM "{table}"' in sql for table in KEPT_TABLES)]


@pytest.mark.parametrize("role", [Role.COUNTY_ADMIN, Role.COUNTY_REVIEWER, Role.CITY_ADMIN])
def test_the_review_page_a_second_time_reads_its_scores_and_records_from_the_kept_parts(client, cast, application,
                                                                                        role):
    client.force_login(cast.by_role()[role])
    assert _reading_kept_tables(_queries(client, reverse("reviews:detail", args=[application.pk]))) == []


@pytest.mark.parametrize("role", [Role.UNIT_REP, Role.COUNTY_ADMIN, Role.COUNTY_REVIEWER])
def test_the_self_evaluation_page_a_second_time_reads_its_items_and_records_from_the_kept_parts(client, cast,
                                                                                               application, role):
    client.force_login(cast.by_role()[role])
    assert _reading_kept_tables(_queries(client, reverse("assessments:detail", args=[application.pk]))) == []


def test_the_review_page_shows_each_record_once_recorded(client, cast, application):
    """Inspections, the city's spot checks and the province's decisions, written here as their services write them
    and dropping the kept records as those do (each service's own test: tests/applications/reviews/
    test_kept_page.py)."""
    client.force_login(cast.county_admin_x)
    url = reverse("reviews:detail", args=[application.pk])
    assert "暂无实地核查记录" in client.get(url).content.decode()
    Inspection.objects.create(application=application, visited_on=datetime.date(2026, 3, 2), people="核查人甲",
                              findings="现场核查情况", recorded_by=cast.county_admin_x)
    SpotCheck.objects.create(application=application, findings="市级抽查情况", by=cast.city_admin)
    ProvinceDecision.objects.create(application=application, forwarded_by=cast.city_admin)
    application_pages_changed(application_ids=[application.pk])
    html = client.get(url).content.decode()
    assert "核查人甲" in html and "现场核查情况" in html and "暂无实地核查记录" not in html
    assert "市级抽查情况" in html and "报送省级" in html and "待登记省级决定" in html


# The three detail pages of issue 17's last misses, a second time: the campaign policy comes from the policies kept
# until one changes (application_policy reads policies_for), the standard in force from its kept value
# (surveys.in_force.standard_in_force_kept) and the evidence from the application's kept rows.
def test_the_review_page_a_second_time_reads_only_the_application(client, cast, application):
    """With the panel form offered (a submitted application): its reviewers are kept per county."""
    client.force_login(cast.county_admin_x)
    queries = _queries(client, reverse("reviews:detail", args=[application.pk]))
    assert len(queries) == 1, "\n".join(queries)
    assert not [sql for sql in queries if 'FROM "campaigns_campaignpolicy"' in sql]


def test_the_self_evaluation_page_a_second_time_reads_only_the_application(client, cast, draft_application):
    client.force_login(cast.rep_a)
    queries = _queries(client, reverse("assessments:detail", args=[draft_application.pk]))
    assert len(queries) == 1, "\n".join(queries)


def test_a_members_sheet_reads_the_application_the_seat_and_its_own_scores_only(client, cast, application):
    """The sheet's rows are the standard's items: no one's answers, levels' scores or other members' sheets."""
    form_panel(application, cast)
    client.force_login(cast.reviewers_x[Party.UNION])
    queries = _queries(client, reverse("reviews:sheet", args=[application.pk]))
    assert len(queries) == 3, "\n".join(queries)
    assert not [sql for sql in queries if any(f'FROM "{table}"' in sql for table in (
        "applications_answer", "applications_levelscore", "campaigns_campaignpolicy"))]
