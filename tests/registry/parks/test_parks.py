from unittest import mock

import pytest
from django.urls import reverse

from apps.accounts.models import Party
from apps.registry.parks.models import Park
from apps.registry.parks.services import park_create
from tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


def test_admin_registers_a_township_and_sees_its_enterprises_and_stations(client, cast, regions):
    EnterpriseFactory(unit=cast.unit_a)  # 甲公司 lies in 解放路街道
    client.force_login(cast.county_admin_x)
    response = client.post(reverse("parks:create"), {
        "name": "解放路街道", "area_kind": "street", "region": regions.county_x.pk,
        "area_region": regions.township_x.pk,
    })
    park = Park.objects.get()
    assert response.status_code == 302 and park.unit.kind == "township"
    response = client.post(reverse("parks:station_add", args=[park.pk]), {
        "name": "解放路街道劳动关系服务站", "address": "解放路 10 号", "staff": "李四、王五",
        "services": "政策咨询、调解",
    })
    assert response.status_code == 302
    html = client.get(reverse("registry:unit_detail", args=[park.pk])).content.decode()
    assert "解放路街道劳动关系服务站" in html and "李四、王五" in html and "甲公司" in html


def test_industrial_park_lists_enterprises_that_name_it(client, cast, regions):
    park = park_create(name="临汾经济开发区", region=regions.county_x, area_kind="industrial_park", by=None)
    EnterpriseFactory(unit__name="园区内企业", unit__region=regions.county_x, park=park)
    EnterpriseFactory(unit__name="园区外企业", unit__region=regions.county_x)
    client.force_login(cast.reviewers_x[Party.HRSS])
    html = client.get(reverse("registry:unit_detail", args=[park.pk])).content.decode()
    assert "园区内企业" in html and "园区外企业" not in html


def test_township_must_be_picked_for_a_street(client, cast, regions):
    client.force_login(cast.county_admin_x)
    data = {"name": "某街道", "area_kind": "street", "region": regions.county_x.pk}
    response = client.post(reverse("parks:create"), data)
    assert response.status_code == 400 and "须选择对应的区划" in response.content.decode()
    assert 'value="某街道"' in response.content.decode()


def test_other_county_and_wrong_role_cannot_add_stations(client, cast, regions):
    park = park_create(name="临汾经济开发区", region=regions.county_x, area_kind="industrial_park", by=None)
    url = reverse("parks:station_add", args=[park.pk])
    client.force_login(cast.county_admin_y)
    assert client.get(url).status_code == 404
    assert client.get(reverse("registry:unit_detail", args=[park.pk])).status_code == 404
    client.force_login(cast.reviewers_x[Party.HRSS])
    assert client.get(url).status_code == 403
    client.force_login(cast.county_admin_y)
    response = client.post(reverse("parks:create"), {"name": "越界园区", "area_kind": "industrial_park",
                                                     "region": regions.county_x.pk})
    assert response.status_code == 400 and not Park.objects.filter(unit__name="越界园区").exists()


def test_enterprise_form_offers_the_counties_parks_by_name_without_a_park_object_each(client, cast, regions):
    park = park_create(name="临汾经济开发区", region=regions.county_x, area_kind="industrial_park", by=None)
    park_create(name="越界园区", region=regions.county_y, area_kind="industrial_park", by=None)
    EnterpriseFactory(unit=cast.unit_a, park=park)
    client.force_login(cast.county_admin_x)
    with mock.patch.object(Park, "from_db", wraps=Park.from_db) as built:
        html = client.get(reverse("enterprises:edit", args=[cast.unit_a.pk])).content.decode()
    assert f'<option value="{park.pk}" selected>临汾经济开发区</option>' in html
    assert "越界园区" not in html
    assert built.call_count == 0
