"""The city confirmation list keeps each page's ids and total per office and page, and each row's markup per
application (reviews/selectors.py ``city_confirmation_page_kept``, reviews/lists.py ``city_rows_kept``); each service
that changes which rows it lists, their order or what a row shows drops what it kept."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import User
from apps.applications.assessments.models import Application
from apps.applications.workflow.service import application_transition, available_targets
from apps.applications.workflow.states import Status
from apps.campaigns.models import CampaignPolicy, NamingLevel
from apps.core.region_cache import units_changed
from apps.registry.units.models import Unit, UnitKind
from tests import list_rows as rows
from tests.list_rows import THIS_YEAR, World

pytestmark = pytest.mark.django_db


def _city(client, user: User, **params) -> str:
    client.force_login(user)
    return client.get(reverse("reviews:city_list"), params).content.decode()


def _reads(client, user: User, **params) -> tuple[str, int, int]:
    """The page, and how many of its queries read the page's ids (with the total) and its rows."""
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(reverse("reviews:city_list"), params).content.decode()
    sql = [q["sql"] for q in queries.captured_queries]
    return body, sum("OVER ()" in q for q in sql), sum('"result_grade"' in q for q in sql)


def _body(page: str) -> str:
    return page[page.index("<tbody>"):page.index("</tbody>")]


def _approved_in_y(world: World, start: int, count: int) -> list[Application]:
    units = Unit.objects.bulk_create([Unit(name=rows.marker(i), kind=UnitKind.ENTERPRISE, region=world.regions.county_y)
                                      for i in range(start, start + count)])
    applications = Application.objects.bulk_create([
        Application(unit=unit, campaign_year=world.campaign, standard=world.standard, status=Status.COUNTY_APPROVED)
        for unit in units])
    world.panels(applications, result_total=90, result_grade="A")
    return applications


def test_a_kept_page_reads_neither_its_ids_nor_its_rows_and_shows_the_same(client, cast, regions):
    names = rows.approved_applications(World(cast, regions), 0, 3)
    first, ids, read = _reads(client, cast.city_admin)
    assert (ids, read) == (1, 1) and all(name in first for name in names)
    again, ids, read = _reads(client, cast.city_admin)
    assert (ids, read) == (0, 0) and _body(again) == _body(first)


def test_another_citys_admin_never_gets_the_kept_rows(client, cast, regions):
    names = rows.approved_applications(World(cast, regions), 0, 3)
    for params in ({}, {"page": "2"}):
        assert all(name in _city(client, cast.city_admin, **params) for name in names)  # kept now
        body = _city(client, cast.city_admin_other, **params)
        assert not any(name in body for name in names) and "暂无待确认的申报" in body


def test_each_row_has_its_box_where_the_workflow_lets_the_viewer_confirm_it(client, cast, regions):
    """Every row listed is one the viewer's office names, and so one it may confirm: county Y names as a district,
    so the city lists and confirms none of its applications, and Y's office lists and confirms them."""
    world = World(cast, regions)
    here = world.applications(0, 3, Status.COUNTY_APPROVED)
    there = _approved_in_y(world, 3, 2)
    CampaignPolicy.objects.create(region=regions.county_y, year=THIS_YEAR, naming_level=NamingLevel.COUNTY,
                                  title_level="区级")
    listed = Application.objects.select_related("unit__region", "unit__township", "campaign_year")
    for viewer, named, other in ((cast.city_admin, here, there), (cast.county_admin_y, there, here)):
        body = _city(client, viewer)
        for application in named:
            assert Status.CITY_CONFIRMED in available_targets(viewer, listed.get(pk=application.pk))
            assert f'id="pick-{application.pk}"' in body
        for application in other:
            assert Status.CITY_CONFIRMED not in available_targets(viewer, listed.get(pk=application.pk))
            assert f'id="pick-{application.pk}"' not in body and application.unit.name not in body


def test_a_confirmation_drops_the_row_from_the_kept_page(client, cast, regions):
    world = World(cast, regions)
    names = rows.approved_applications(world, 0, 3)
    assert all(name in _city(client, cast.city_admin) for name in names)
    confirmed = Application.objects.get(unit__name=names[0])
    application_transition(application=confirmed, to=Status.CITY_CONFIRMED, by=cast.city_admin)
    body = _city(client, cast.city_admin)
    assert names[0] not in body and all(name in body for name in names[1:])


def test_a_send_back_drops_the_row_from_the_kept_page(client, cast, regions):
    world = World(cast, regions)
    names = rows.approved_applications(world, 0, 3)
    assert all(name in _city(client, cast.city_admin) for name in names)
    returned = Application.objects.get(unit__name=names[1])
    application_transition(application=returned, to=Status.CITY_RETURNED, by=cast.city_admin, comment="请补充材料")
    body = _city(client, cast.city_admin)
    assert names[1] not in body and names[0] in body and names[2] in body


def test_a_policy_change_of_who_names_shows_on_the_next_request(client, cast, regions):
    world = World(cast, regions)
    names = rows.approved_applications(world, 0, 2)
    there = _approved_in_y(world, 2, 2)
    assert all(name in _city(client, cast.city_admin) for name in names + [a.unit.name for a in there])
    CampaignPolicy.objects.create(region=regions.county_y, year=THIS_YEAR, naming_level=NamingLevel.COUNTY,
                                  title_level="区级")  # county Y names now: the city lists none of its rows
    body = _city(client, cast.city_admin)
    assert all(name in body for name in names) and not any(a.unit.name in body for a in there)


def test_a_unit_renamed_shows_and_sorts_on_the_next_request(client, cast, regions):
    names = rows.approved_applications(World(cast, regions), 0, 3)
    body = _city(client, cast.city_admin)
    assert body.index(names[0]) < body.index(names[1])
    renamed = Unit.objects.get(name=names[0])
    # As enterprise_update does on a rename: the unit, its applications' copies, every unit's generation.
    Unit.objects.filter(pk=renamed.pk).update(name="龙城改名后的单位")
    Application.objects.filter(unit=renamed).update(unit_name="龙城改名后的单位")
    units_changed()
    body = _city(client, cast.city_admin)
    assert names[0] not in body  # the row's markup
    assert body.index(names[2]) < body.index("龙城改名后的单位")  # the page's order


def test_each_language_keeps_its_own_page(client, cast, regions):
    names = rows.approved_applications(World(cast, regions), 0, 2)
    chinese = _city(client, cast.city_admin)
    client.cookies["django_language"] = "en"
    english = _city(client, cast.city_admin)
    assert all(name in english for name in names) and 'aria-label="选择 ' in chinese
    assert 'aria-label="选择 ' not in english and _body(english) != _body(chinese)
