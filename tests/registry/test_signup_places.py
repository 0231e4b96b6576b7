import re

import pytest
from django.urls import reverse

from apps.regions.models import RegionLevel
from apps.registry.enterprises.models import Enterprise
from apps.registry.parks.models import AreaKind, Park
from apps.registry.units.models import Unit, UnitKind
from tests.factories import RegionFactory

from .helpers import signup_data

pytestmark = pytest.mark.django_db
URL = reverse("registry:signup")
PLACES_URL = reverse("registry:signup_places")


def select(html: str, name: str) -> str:
    """The HTML of the <select name=...> (empty when the page has none)."""
    found = re.search(rf'<select name="{re.escape(name)}".*?</select>', html, re.S)
    return found.group(0) if found else ""


def options(html: str, name: str) -> list[str]:
    return [label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", select(html, name))]


def groups(html: str) -> list[tuple[str, list[str]]]:
    """The county select as (city, [counties]) in page order."""
    return [(city, re.findall(r"<option[^>]*>([^<]*)</option>", body))
            for city, body in re.findall(r'<optgroup label="([^"]*)">(.*?)</optgroup>', select(html, "e-region"), re.S)]


@pytest.fixture
def places(regions):
    """A second township, in 曲沃县, and one park in each county."""
    def park(name, county):
        return Park.objects.create(unit=Unit.objects.create(name=name, kind=UnitKind.PARK, region=county),
                                   area_kind=AreaKind.INDUSTRIAL_PARK)

    return {
        "township_y": RegionFactory(name="曲村镇", level=RegionLevel.TOWNSHIP, parent=regions.county_y),
        "park_x": park("临汾经济开发区", regions.county_x),
        "park_y": park("曲沃经济技术开发区", regions.county_y),
    }


def test_counties_are_grouped_by_city_in_code_order(client, regions):
    # Made last, so its id (and path) sorts after 曲沃县's; its code sorts first.
    RegionFactory(name="市辖区", code="141001", parent=regions.city)
    html = client.get(URL).content.decode()
    assert groups(html) == [("临汾市", ["市辖区", "尧都区", "曲沃县"]), ("枣庄市", ["薛城区"])]


def test_first_visit_offers_no_township_until_a_county_is_chosen(client, regions, places):
    html = client.get(URL).content.decode()
    assert options(html, "e-township") == ["请先选择所属县(市、区)"]
    assert options(html, "e-park") == ["请先选择所属县(市、区)"]
    assert "选择所属县(市、区)后，这里列出该县区的乡镇(街道)和社区。" in html
    assert 'name="refresh_places"' in html and "选择县区后刷新" in html


def test_county_in_the_address_lists_that_countys_townships_and_parks_only(client, regions, places):
    html = client.get(URL, {"county": regions.county_y.pk}).content.decode()
    assert options(html, "e-township") == ["请选择", "曲村镇"]
    assert options(html, "e-park") == ["请选择", "曲沃经济技术开发区"]
    assert re.search(rf'<option value="{regions.county_y.pk}" selected>曲沃县</option>', select(html, "e-region"))


def test_places_endpoint_returns_one_countys_townships_and_parks(client, regions, places):
    response = client.get(PLACES_URL, {"county": regions.county_x.pk})
    html = response.content.decode()
    assert response.status_code == 200
    assert options(html, "e-township") == ["请选择", "解放路街道"]
    assert options(html, "e-park") == ["请选择", "临汾经济开发区"]
    assert "已列出尧都区的乡镇(街道)和工业园区。" in html
    assert "<html" not in html  # a fragment for the form, not a page


def test_places_endpoint_without_a_county_asks_to_choose_one(client, regions, places):
    html = client.get(PLACES_URL).content.decode()
    assert options(html, "e-township") == ["请先选择所属县(市、区)"]


@pytest.mark.parametrize("county", ["abc", "99999999", "township", "city", "1 OR 1=1"])
def test_places_endpoint_answers_404_for_anything_but_a_county(client, regions, county):
    value = {"township": regions.township_x.pk, "city": regions.city.pk}.get(county, county)
    assert client.get(PLACES_URL, {"county": value}).status_code == 404


def test_places_endpoint_is_get_only(client, regions):
    assert client.post(PLACES_URL, {"county": regions.county_x.pk}).status_code == 405


def test_township_of_another_county_is_refused_and_the_form_keeps_what_was_typed(client, regions, places):
    data = signup_data(regions, **{"e-region": regions.county_y.pk, "e-park": places["park_y"].pk})
    response = client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "“解放路街道”不在曲沃县，已清空：请在曲沃县的乡镇(街道)中重新选择，或留空。" in html
    assert 'value="演示新注册有限公司"' in html and 'value="newrep"' in html and 'value="王经理"' in html
    assert options(html, "e-township") == ["请选择", "曲村镇"]
    assert re.search(rf'<option value="{places["park_y"].pk}" selected>曲沃经济技术开发区</option>',
                     select(html, "e-park"))
    assert not Enterprise.objects.exists()


def test_park_of_another_county_is_refused(client, regions, places):
    response = client.post(URL, signup_data(regions, **{"e-park": places["park_y"].pk}))
    assert "工业园区“曲沃经济技术开发区”不在尧都区，已清空：请重新选择，或留空。" in response.content.decode()
    assert not Enterprise.objects.exists()


def test_refresh_without_javascript_lists_the_chosen_countys_places_and_keeps_the_form(client, regions, places):
    data = signup_data(regions, **{"e-region": regions.county_y.pk, "refresh_places": "1"})
    response = client.post(URL, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert options(html, "e-township") == ["请选择", "曲村镇"]
    assert 'value="演示新注册有限公司"' in html and 'value="newrep"' in html and 'value="120"' in html
    assert re.search(rf'<option value="{regions.county_y.pk}" selected>曲沃县</option>', select(html, "e-region"))
    assert "Strong-pass-2026" not in html
    assert "必填" not in html and "不属于" not in html  # shown again, not checked
    assert not Enterprise.objects.exists()


def test_refreshing_does_not_use_up_the_sign_up_limit(client, regions, places):
    for _ in range(12):
        client.post(URL, signup_data(regions, refresh_places="1"))
    response = client.post(URL, signup_data(regions))
    assert response.status_code == 302
    assert Enterprise.objects.filter(unit__name="演示新注册有限公司").exists()


def test_signup_with_township_and_park_of_the_chosen_county_succeeds(client, regions, places):
    response = client.post(URL, signup_data(regions, **{"e-park": places["park_x"].pk}))
    assert response.status_code == 302
    enterprise = Enterprise.objects.get(unit__name="演示新注册有限公司")
    assert enterprise.park == places["park_x"] and enterprise.unit.township == regions.township_x
