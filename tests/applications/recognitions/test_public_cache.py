"""The public pages are cached, and the services that change them drop the cache: no stale title is shown
(the named list, the home page and each certificate's verification page)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.applications.recognitions.models import Recognition
from apps.applications.recognitions.services import recognition_create, recognition_renew
from apps.applications.workflow.service import application_transition, title_revoke, titles_expire
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


def _verify(client, title) -> str:
    return client.get(reverse("recognitions:verify", args=[title.number])).content.decode()


def test_a_verified_certificate_is_kept_and_a_revocation_shows_at_once(client, named_application, cast, regions):
    title = _name(named_application, cast, regions)
    assert "真实有效" in _verify(client, title)
    with CaptureQueriesContext(connection) as queries:  # kept: the next visitor's request reads no table
        assert "真实有效" in _verify(client, title)
    assert not [query for query in queries if "SELECT" in query["sql"]]

    title_revoke(recognition=title, by=cast.city_admin, reason="发生欠薪事件")

    page = _verify(client, title)
    assert "已被撤销" in page and "发生欠薪事件" in page and "真实有效" not in page


def test_a_renewal_and_an_expiry_show_on_the_kept_verification_page_at_once(client, named_application, cast,
                                                                             regions):
    title = _name(named_application, cast, regions)
    assert f"{title.valid_until.year}年" in _verify(client, title)

    renewed = recognition_renew(recognition=title, year=title.year + 3, on=title.valid_until)
    assert f"{renewed.valid_until.year}年" in _verify(client, title)

    # Past its end without the services knowing (kept page still says valid), until the nightly expiry runs.
    Recognition.objects.filter(pk=title.pk).update(valid_until=datetime.date.today() - datetime.timedelta(days=1),
                                                   issued_on=datetime.date.today() - datetime.timedelta(days=9))
    titles_expire()

    page = _verify(client, title)
    assert "已过有效期" in page and "真实有效" not in page


def test_an_unknown_or_overlong_number_is_a_404_and_a_title_named_later_is_found(client, named_application, cast,
                                                                                regions):
    number = f"{regions.city.code}-{datetime.date.today().year}-0001"
    assert client.get(reverse("recognitions:verify", args=[number])).status_code == 404
    assert client.get(reverse("recognitions:verify", args=[number + "9" * 40])).status_code == 404

    title = _name(named_application, cast, regions)

    assert title.number == number and "真实有效" in _verify(client, title)


def test_the_kept_filter_form_marks_the_chosen_year_and_county_and_nothing_for_another_value(
        client, named_application, cast, regions):
    title = _name(named_application, cast, regions)
    county = title.unit.region
    url = reverse("recognitions:named_list")

    def form(**query) -> str:
        page = client.get(url, query).content.decode()
        return page[page.index('<form method="get"'):page.index("</form>", page.index('<form method="get"'))]

    chosen = form(year=title.year, county=county.pk)
    assert f'<option value="{county.pk}" selected>' in chosen and f'<option value="{title.year}" selected>' in chosen
    plain = form()
    assert f'<option value="{county.pk}">' in plain and " selected>" not in plain
    assert " selected>" not in form(year="1900", county="99999999")


def test_a_kept_named_list_page_is_one_cache_round_trip_and_odd_page_numbers_still_answer(
        client, named_application, cast, regions):
    from unittest import mock

    from django.core.cache import cache

    title = _name(named_application, cast, regions)
    url = reverse("recognitions:named_list") + f"?year={title.year}"
    client.get(url)
    with mock.patch.object(cache, "get_many", wraps=cache.get_many) as reads:
        page = client.get(url).content.decode()
    assert title.number in page
    assert reads.call_count == 1
    for odd in ("0", "-1", "0001", "x", "99999"):  # not kept together: answered from the pieces, as Paginator does
        assert title.number in client.get(url + f"&page={odd}").content.decode()


def test_the_home_pages_cards_are_kept_rendered(client, named_application, cast, regions):
    client.get(reverse("home:index"))
    again = client.get(reverse("home:index"))
    assert "notices/_public_cards.html" not in [t.name for t in again.templates]
    assert reverse("recognitions:verify_lookup") in again.content.decode()  # the cards are still on the page
