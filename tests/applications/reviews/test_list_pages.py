"""The county queue and the city confirmation list page through their rows (the page's ids and the total first,
then its rows)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.applications.assessments.models import Application
from apps.campaigns.models import CampaignPolicy, NamingLevel
from apps.registry.units.models import Unit
from tests import list_rows as rows
from tests.list_rows import THIS_YEAR, World

pytestmark = pytest.mark.django_db


def _shown(names: list[str], body: str) -> list[str]:
    return [name for name in names if name in body]


def test_county_queue_shows_fifty_rows_a_page_with_status_and_panel_progress(client, cast, regions):
    names = rows.queued_applications(World(cast, regions), 0, 53)
    client.force_login(cast.county_admin_x)
    first = client.get(reverse("reviews:queue")).content.decode()
    second = client.get(reverse("reviews:queue"), {"page": "2"}).content.decode()
    assert "第 1 / 2 页" in first and "第 2 / 2 页" in second
    assert len(_shown(names, first)) == 50
    assert _shown(names, second) == names[50:]
    assert "<td>已提交</td>" in first
    # Every other application has a panel of two with the union's sheet in.
    assert first.count("1 / 2</td>") == 25 and first.count("未组建评估组") == 25


def test_county_queue_filtered_by_status_keeps_the_filter_in_the_page_links(client, cast, regions):
    names = rows.queued_applications(World(cast, regions), 0, 51)
    client.force_login(cast.county_admin_x)
    body = client.get(reverse("reviews:queue"), {"status": "submitted"}).content.decode()
    assert "?status=submitted&page=2" in body and len(_shown(names, body)) == 50
    assert "暂无待评估的申报" in client.get(reverse("reviews:queue"), {"status": "city_returned"}).content.decode()


def test_city_list_shows_a_hundred_rows_a_page_with_score_and_grade(client, cast, regions):
    names = rows.approved_applications(World(cast, regions), 0, 102)
    client.force_login(cast.city_admin)
    first = client.get(reverse("reviews:city_list")).content.decode()
    last = client.get(reverse("reviews:city_list"), {"page": "9"}).content.decode()
    assert "第 1 / 2 页" in first and "第 2 / 2 页" in last
    assert len(_shown(names, first)) == 100 and len(_shown(names, last)) == 2
    assert "<td>88.00</td><td>AA</td>" in first


def test_county_queue_pages_its_ids_on_the_applications_alone(client, cast, regions):
    """The page's ids and the total come from the applications without their units: joining each open application
    of the county to its unit and region before keeping 50 read ~5,800 pages at province scale (~650 open)."""
    names = rows.queued_applications(World(cast, regions), 0, 3)
    client.force_login(cast.county_admin_x)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(reverse("reviews:queue")).content.decode()
    assert len(_shown(names, body)) == 3
    paging = [q["sql"] for q in queries.captured_queries if "OVER ()" in q["sql"]]
    assert len(paging) == 1 and "registry_unit" not in paging[0] and "regions_region" not in paging[0].split("WHERE")[0]


def test_queue_and_city_list_rows_escape_the_unit_name_and_link_to_the_review_page(client, cast, regions):
    world = World(cast, regions)
    rows.queued_applications(world, 0, 1)
    rows.approved_applications(world, 1, 1)
    hostile = '<b>"甲&乙"</b>'
    Unit.objects.filter(applications__isnull=False).update(name=hostile)
    queued, approved = Application.objects.order_by("pk")
    escaped = "&lt;b&gt;&quot;甲&amp;乙&quot;&lt;/b&gt;"
    client.force_login(cast.county_admin_x)
    body = client.get(reverse("reviews:queue")).content.decode()
    assert f'<a href="{reverse("reviews:detail", args=[queued.pk])}">{escaped}</a>' in body and hostile not in body
    client.force_login(cast.city_admin)
    body = client.get(reverse("reviews:city_list")).content.decode()
    assert f'<a href="{reverse("reviews:detail", args=[approved.pk])}">{escaped}</a>' in body and hostile not in body
    assert f'id="pick-{approved.pk}" aria-label="选择 {escaped}">' in body




def test_queue_rows_are_labelled_in_each_readers_language(client, cast, regions):
    """A page's statuses are labelled once per page written, never kept from one page to the next: a Chinese
    reader's rows followed by an English reader's each show their own words, also where the naming level's word
    is the policy's own (旗级, no translation) and so the same in both languages."""
    CampaignPolicy.objects.create(region=regions.county_x, year=THIS_YEAR, naming_level=NamingLevel.COUNTY,
                                  title_level="旗级")
    names = rows.district_returned_applications(World(cast, regions), 0, 2)
    client.force_login(cast.county_admin_x)
    chinese = client.get(reverse("reviews:queue")).content.decode()
    client.cookies["django_language"] = "en"
    english = client.get(reverse("reviews:queue")).content.decode()
    assert len(_shown(names, chinese)) == len(_shown(names, english)) == 2
    assert chinese.count("<td>旗级退回</td>") == 2 and "Sent back" not in chinese
    assert english.count("<td>Sent back (旗级)</td>") == 2 and "旗级退回" not in english
