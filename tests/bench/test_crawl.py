"""The benchmark's link discovery (bench/crawl.py) on a tiny seeded province, through the test client."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import resolve

from apps.accounts.models import User
from apps.applications.assessments.models import Application
from apps.applications.recognitions.models import Recognition
from apps.devtools.scale.people import county_admin_name
from apps.regions.models import Region, RegionLevel
from apps.registry.units.models import Unit
from bench.crawl import Fetched, crawl, group_key, links_in

TINY = {"enterprises": 300, "risk_events": 500, "reps": 1}
# The detail pages whose object belongs to a unit, and so to a county.
UNIT_OF = {"assessments:detail": lambda pk: Application.objects.get(pk=pk).unit,
           "reviews:detail": lambda pk: Application.objects.get(pk=pk).unit,
           "registry:unit_detail": lambda pk: Unit.objects.get(pk=pk),
           "recognitions:detail": lambda pk: Recognition.objects.get(pk=pk).unit}


def client_fetch(client: Client):
    def fetch(path: str) -> Fetched:
        response = client.get(path)
        text = "" if response.streaming else response.content.decode("utf-8", "replace")
        return Fetched(response.status_code, response.get("Content-Type", ""), text, response.get("Location", ""))
    return fetch


def test_links_to_one_pattern_are_one_page_and_their_query_keys_make_variants():
    assert group_key("/applications/5/") == group_key("/applications/9/")
    assert group_key("/applications/?page=2") == group_key("/applications/?page=3")
    assert group_key("/applications/?page=2") != group_key("/applications/?status=draft&page=2")
    assert group_key("/no-such-page/") is None


def test_links_in_a_page_are_same_site_paths_without_fragments():
    html = ('<a href="/risks/?page=2#top">next</a> <a href="detail/">relative</a> <a href="https://example.org/">x</a>'
            ' <a href="mailto:a@b.c">mail</a> <a>no href</a>')
    assert links_in(html, "/risks/") == ["/risks/?page=2", "/risks/detail/"]


@pytest.mark.django_db
def test_the_county_admin_crawl_finds_its_pages_and_nothing_of_another_county():
    call_command("seed_scale", seed=2, stdout=open("/dev/null", "w"), **TINY)
    county = Region.objects.filter(level=RegionLevel.COUNTY, code__startswith="99").order_by("code").first()
    client = Client()
    client.force_login(User.objects.get(username=county_admin_name(county.code)))

    found = crawl(client_fetch(client), ["/home/"], cap=500)

    assert found.problems == []
    names = {page.url_name for page in found.pages}
    assert {"home:home", "assessments:list", "assessments:detail", "registry:unit_list"} <= names
    assert not found.capped
    details = [(link, resolve(link.split("?")[0])) for link in found.links if group_key(link)]
    details = [(link, match) for link, match in details if match.view_name in UNIT_OF]
    assert details
    for link, match in details:
        region = UNIT_OF[match.view_name](match.kwargs["pk"]).region
        assert Region.objects.within(county).filter(pk=region.pk).exists(), link
