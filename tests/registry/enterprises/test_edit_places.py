"""Changing an enterprise's county on the staff form: the townships offered follow the county, and a township of
the county it had before is cleared with a message that keeps everything else typed (also without JavaScript)."""

import re

import pytest
from django.urls import reverse

from apps.registry.enterprises.models import IndustryClass
from tests.factories import EnterpriseFactory, RegionFactory
from tests.registry.helpers import code

pytestmark = pytest.mark.django_db


@pytest.fixture
def enterprise(cast):
    return EnterpriseFactory(unit=cast.unit_a, uscc=code(1), size="large", employee_count=900,
                             industry=IndustryClass.objects.get(code="13"))


def _posted(form) -> dict:
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    return {k: v for k, v in data.items() if v is not False}


def _township_options(html: str) -> str:
    return re.search(r'<select name="township".*?</select>', html, re.S).group(0)


def test_the_form_offers_only_the_chosen_countys_townships(client, cast, enterprise, regions):
    RegionFactory(name="乐昌镇", level="township", parent=regions.county_y)
    client.force_login(cast.city_admin)
    options = _township_options(client.get(reverse("enterprises:edit", args=[enterprise.pk])).content.decode())
    assert "解放路街道" in options and "乐昌镇" not in options


def test_saving_with_the_old_countys_township_clears_it_says_so_and_keeps_the_rest(client, cast, enterprise,
                                                                                    regions):
    RegionFactory(name="乐昌镇", level="township", parent=regions.county_y)
    client.force_login(cast.city_admin)
    url = reverse("enterprises:edit", args=[enterprise.pk])
    data = _posted(client.get(url).context["form"])
    data.update(region=regions.county_y.pk, address="新地址 1 号", employee_count=951)
    assert data["township"] == regions.township_x.pk
    response = client.post(url, data)
    html = response.content.decode()
    assert response.status_code == 400
    assert f"“解放路街道”不在{regions.county_y.name}，已清空" in html
    options = _township_options(html)
    assert "乐昌镇" in options and "解放路街道" not in options and "selected" not in options
    assert 'value="新地址 1 号"' in html and 'value="951"' in html  # nothing else lost

    data["township"] = ""
    assert client.post(url, data).status_code == 302
    enterprise.unit.refresh_from_db()
    assert (enterprise.unit.region, enterprise.unit.township) == (regions.county_y, None)


def test_the_places_follow_the_county_for_the_script(client, cast, regions):
    RegionFactory(name="乐昌镇", level="township", parent=regions.county_y)
    places = reverse("enterprises:places")
    client.force_login(cast.city_admin)
    html = client.get(places, {"county": regions.county_y.pk}).content.decode()
    assert 'name="township"' in html and "乐昌镇" in html and "解放路街道" not in html
    client.force_login(cast.county_admin_x)  # county Y is not theirs
    assert client.get(places, {"county": regions.county_y.pk}).status_code == 404
    assert "解放路街道" in client.get(places, {"county": regions.county_x.pk}).content.decode()
    client.logout()
    assert client.get(places, {"county": regions.county_x.pk}).status_code == 302


def test_a_county_admins_new_enterprise_form_lists_the_own_countys_townships(client, cast):
    client.force_login(cast.county_admin_x)
    assert "解放路街道" in _township_options(client.get(reverse("enterprises:create")).content.decode())
