"""A unit's township lies in its county, and its region is a county, whichever way the unit is written: the
jurisdiction filters (accounts.selectors.place_q) find a county's and a city's units by their county alone."""

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from apps.regions.models import Region, RegionLevel
from apps.registry.enterprises.services import enterprises_bulk_create
from apps.registry.parks.models import AreaKind
from apps.registry.parks.services import parks_bulk_create
from apps.registry.units.models import Unit, UnitKind
from tests.factories import RegionFactory, UnitFactory

from .helpers import code

pytestmark = pytest.mark.django_db


@pytest.fixture
def township_y(regions):
    return RegionFactory(name="乐昌镇", level=RegionLevel.TOWNSHIP, parent=regions.county_y)


def test_a_unit_placed_in_a_township_of_another_county_is_refused(regions, township_y):
    with pytest.raises(ValidationError) as refused:
        UnitFactory(region=regions.county_x, township=township_y)
    assert refused.value.message_dict == {"township": ["乡镇(街道)/社区“乐昌镇”不属于尧都区。"]}
    assert not Unit.objects.filter(township=township_y).exists()


def test_a_unit_moved_into_a_township_of_another_county_is_refused(cast, township_y):
    unit = Unit.objects.get(pk=cast.unit_a.pk)  # region and township not loaded: read in one query
    unit.township_id = township_y.pk
    with pytest.raises(ValidationError):
        unit.save()
    unit.refresh_from_db()
    assert unit.township_id == cast.unit_a.township_id


def test_a_unit_whose_region_is_a_city_is_refused(regions):
    with pytest.raises(ValidationError) as refused:
        UnitFactory(region=regions.city)
    assert refused.value.message_dict == {"region": ["所属地区须为县(市、区)。"]}


def test_a_unit_in_a_township_of_its_own_county_is_kept(regions):
    community = RegionFactory(name="演示社区", level=RegionLevel.COMMUNITY, parent=regions.township_x)
    unit = UnitFactory(region=regions.county_x, township=community)
    assert Unit.objects.filter(pk=unit.pk, region=regions.county_x, township=community).exists()


def test_bulk_created_units_are_checked(regions, township_y):
    with pytest.raises(ValidationError):
        Unit.objects.bulk_create([
            Unit(kind=UnitKind.ENTERPRISE, name="甲", region=regions.county_x, township=regions.township_x),
            Unit(kind=UnitKind.ENTERPRISE, name="乙", region=regions.county_x, township=township_y),
        ])
    assert not Unit.objects.filter(name__in=["甲", "乙"]).exists()


def test_imported_parks_are_checked(regions, township_y):
    with pytest.raises(ValidationError):
        parks_bulk_create(rows=[{"name": "乐昌镇", "area_kind": AreaKind.TOWNSHIP, "region_id": regions.county_x.pk,
                                 "area_region_id": township_y.pk}], by=None)
    assert not Unit.objects.filter(name="乐昌镇").exists()


def test_imported_enterprises_are_checked(regions, township_y):
    with pytest.raises(ValidationError):
        enterprises_bulk_create(rows=[{"name": "乐昌镇丁公司", "uscc": code(9), "region_id": regions.county_x.pk,
                                       "township_id": township_y.pk}], by=None)
    assert not Unit.objects.filter(name="乐昌镇丁公司").exists()


def test_units_are_not_moved_by_a_queryset_update(cast, township_y):
    with pytest.raises(TypeError):
        Unit.objects.filter(pk=cast.unit_a.pk).update(township=township_y)
    assert Unit.objects.filter(pk=cast.unit_a.pk, township=cast.unit_a.township_id).exists()


def test_the_admin_does_not_move_a_region(regions):
    admin = site._registry[Region]
    request = RequestFactory().get("/")
    assert {"parent", "level"} <= set(admin.get_readonly_fields(request, regions.township_x))
    assert "parent" not in admin.get_readonly_fields(request, None)
