"""The staff's enterprise form in the browser: choosing another county lists its townships, so the township of
the county chosen before is not left selected, and the form saves at once."""

import pytest
from playwright.sync_api import expect

from apps.registry.enterprises.models import Enterprise
from tests.factories import EnterpriseFactory, RegionFactory
from tests.registry.helpers import code

from .browser import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_changing_the_county_lists_its_townships_and_saves(page, cast, regions):
    enterprise = EnterpriseFactory(unit=cast.unit_a, uscc=code(1), employee_count=900)
    RegionFactory(name="乐昌镇", level="township", parent=regions.county_y)
    login(page, "city_admin")
    page.goto(f"{page.base_url}/enterprises/{enterprise.pk}/edit/")
    township = page.get_by_label("所属乡镇(街道)/社区")
    assert township.input_value() == str(regions.township_x.pk)
    page.get_by_label("所属县(市、区)").select_option(label=regions.county_y.name)
    page.get_by_role("option", name="乐昌镇").wait_for(state="attached")
    assert page.get_by_label("所属乡镇(街道)/社区").input_value() == ""
    assert page.get_by_role("option", name="解放路街道").count() == 0
    page.get_by_label("地址").fill("新地址 1 号")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存修改。")).to_be_visible()
    unit = Enterprise.objects.select_related("unit").get(pk=enterprise.pk).unit
    assert (unit.region, unit.township) == (regions.county_y, None)
