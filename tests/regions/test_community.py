"""社区 as the fifth level (Jilin, seed 003: 省、市州、县(市、区)、街镇乡和社区五级): codes, staff, units, sign-up."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.accounts.models import Role
from apps.accounts.services import membership_grant
from apps.regions.models import RegionLevel
from apps.regions.services import region_create
from apps.registry.parks.models import AreaKind
from apps.registry.parks.services import park_create
from apps.registry.selectors import unit_visible_to
from apps.registry.units.models import UnitKind
from tests.factories import RegionFactory, UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def communities(regions):
    other_township = RegionFactory(name="乔李镇", level=RegionLevel.TOWNSHIP, parent=regions.county_x)
    return {
        "own": RegionFactory(name="东风社区", level=RegionLevel.COMMUNITY, parent=regions.township_x),
        "other": RegionFactory(name="东风社区", level=RegionLevel.COMMUNITY, parent=other_township),
    }


def test_a_community_sits_under_a_township(regions):
    with pytest.raises(ValidationError) as error:
        region_create(name="某社区", level=RegionLevel.COMMUNITY, parent=regions.county_x)
    assert "社区的上级须为乡镇(街道)。" in error.value.messages


@pytest.mark.parametrize("code, accepted", [("", True), ("140200001001", True), ("14020000100", False),
                                            ("1402000010AB", False), ("999999999001", False)])
def test_a_community_code_has_twelve_digits_under_its_townships_code(regions, code, accepted):
    township = RegionFactory(name="某街道", code="140200001", level=RegionLevel.TOWNSHIP, parent=regions.county_x)
    if accepted:
        assert region_create(name="某社区", level=RegionLevel.COMMUNITY, parent=township, code=code).code == code
    else:
        with pytest.raises(ValidationError):
            region_create(name="某社区", level=RegionLevel.COMMUNITY, parent=township, code=code)


def test_township_staff_see_the_units_of_their_communities_and_not_another_townships(regions, cast, communities):
    inside = UnitFactory(name="社区内企业", region=regions.county_x, township=communities["own"])
    outside = UnitFactory(name="别的镇社区企业", region=regions.county_x, township=communities["other"])
    visible = set(unit_visible_to(user=cast.township_staff_x))
    assert inside in visible and outside not in visible
    assert {inside, outside} <= set(unit_visible_to(user=cast.county_admin_x))
    assert inside not in set(unit_visible_to(user=cast.county_admin_y))


def test_community_staff_see_their_community_only(regions, communities):
    staff = UserFactory(username="community_staff")
    membership_grant(user=staff, role=Role.TOWNSHIP_STAFF, region=communities["own"])
    inside = UnitFactory(name="社区内企业", region=regions.county_x, township=communities["own"])
    in_township = UnitFactory(name="街道内企业", region=regions.county_x, township=regions.township_x)
    assert set(unit_visible_to(user=staff)) == {inside}
    assert in_township not in set(unit_visible_to(user=staff))


def test_a_community_takes_part_as_a_community_unit(regions, cast, communities):
    park = park_create(name="东风社区", region=regions.county_x, area_kind=AreaKind.COMMUNITY,
                       area_region=communities["own"], by=cast.county_admin_x)
    assert park.unit.kind == UnitKind.COMMUNITY and park.unit.get_kind_display() == "社区"
    assert park.unit in set(unit_visible_to(user=cast.township_staff_x))
    with pytest.raises(ValidationError):  # a community unit names a community, not a township
        park_create(name="解放路街道社区", region=regions.county_x, area_kind=AreaKind.COMMUNITY,
                    area_region=regions.township_x, by=cast.county_admin_x)
    with pytest.raises(ValidationError):  # and one in its own county
        park_create(name="东风社区", region=regions.county_y, area_kind=AreaKind.COMMUNITY,
                    area_region=communities["own"], by=cast.county_admin_x)


def test_sign_up_offers_a_countys_communities_named_with_their_township(client, regions, communities):
    html = client.get(reverse("registry:signup_places"), {"county": regions.county_x.pk}).content.decode()
    assert "解放路街道 · 东风社区" in html and "乔李镇 · 东风社区" in html
    html = client.get(reverse("registry:signup_places"), {"county": regions.county_y.pk}).content.decode()
    assert "东风社区" not in html


def test_the_county_admin_registers_a_community_in_the_browser_form(client, regions, cast, communities):
    client.force_login(cast.county_admin_x)
    url = reverse("parks:create")
    assert "东风社区" in client.get(url).content.decode()
    response = client.post(url, {"name": "东风社区", "area_kind": "community", "region": regions.county_x.pk,
                                 "area_region": communities["own"].pk})
    assert response.status_code == 302
