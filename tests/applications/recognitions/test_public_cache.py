"""The public pages are cached, and the services that change them drop the cache: no stale title is shown."""

import datetime

import pytest
from django.urls import reverse

from apps.applications.recognitions.services import recognition_create
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import Status
from tests.fixtures.reviews import make_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def named_application(cast, regions, campaign, standard):
    return make_application(cast.unit_a, campaign, standard, status=Status.NAMED)


def _name(application, cast, regions):
    today = datetime.date.today()
    return recognition_create(unit=application.unit, city=regions.city, year=today.year, issued_on=today,
                              by=cast.city_admin, application=application)


def test_naming_a_unit_shows_it_on_the_public_list_and_home_page_at_once(client, named_application, cast, regions):
    assert cast.unit_a.name not in client.get(reverse("recognitions:named_list")).content.decode()
    assert cast.unit_a.region.name not in client.get(reverse("home:index")).content.decode()

    title = _name(named_application, cast, regions)

    assert title.number in client.get(reverse("recognitions:named_list")).content.decode()
    assert cast.unit_a.region.name in client.get(reverse("home:index")).content.decode()


def test_revoking_a_title_takes_it_off_the_public_list_at_once(client, named_application, cast, regions):
    title = _name(named_application, cast, regions)
    assert title.number in client.get(reverse("recognitions:named_list")).content.decode()
    assert title.number in client.get(reverse("recognitions:named_list") + f"?year={title.year}").content.decode()

    application_transition(application=named_application, to=Status.REVOKED, by=cast.city_admin,
                           comment="发生群体性事件")

    assert title.number not in client.get(reverse("recognitions:named_list")).content.decode()
    assert title.number not in client.get(reverse("recognitions:named_list") + f"?year={title.year}").content.decode()
    assert "暂无已命名单位" in client.get(reverse("home:index")).content.decode()


def test_a_cached_public_list_does_not_depend_on_who_asks(client, named_application, cast, regions):
    title = _name(named_application, cast, regions)
    client.force_login(cast.city_admin)
    client.get(reverse("recognitions:named_list"))
    client.logout()

    page = client.get(reverse("recognitions:named_list")).content.decode()

    assert title.number in page and cast.city_admin.username not in page
