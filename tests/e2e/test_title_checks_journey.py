"""Checks of named units in the browser (临汾 五(四)): the city office starts a 抽查 of 尧都区's titles, sees the seed
that reproduces the draw, records one check as 建议取消命名 (a revocation case opens), and the county office of
尧都区 reads the result without a form."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.oversight.revocations.models import RevocationCase
from apps.oversight.title_checks.models import CheckRound, TitleCheck
from tests.factories import UnitFactory, named

from .browser import login, open_menu

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_city_checks_named_units_and_the_county_reads_the_result(page, cast, regions, browser, live_server):
    for unit in (cast.unit_a, *(UnitFactory(name=f"尧都核查企业{i}", region=regions.county_x) for i in range(3))):
        named(unit, city=regions.city, by=cast.city_admin)

    login(page, "city_admin")
    open_menu(page, "动态管理", "命名单位核查")
    page.get_by_role("link", name="发起核查").click()
    page.get_by_label("核查范围").select_option(label="尧都区")
    page.get_by_label("抽查", exact=True).check()
    page.get_by_role("button", name="发起核查").click()  # neither share nor size: said at the field
    expect(page.get_by_text("抽查请填写抽查比例或抽查数量。")).to_be_visible()
    page.get_by_label("抽查数量").fill("2")
    page.get_by_role("button", name="发起核查").click()
    expect(page.get_by_text("已发起核查，共 2 项待核查。")).to_be_visible()
    expect(page.get_by_text("按记录的候选名单和种子重新抽取，结果一致")).to_be_visible()
    check_round = CheckRound.objects.get()
    expect(page.get_by_text(check_round.seed)).to_be_visible()

    check = TitleCheck.objects.filter(round=check_round).order_by("pk").first()
    page.get_by_test_id("check-row").filter(has_text=check.unit.name).get_by_role("link").click()
    page.get_by_label("核查日期").fill(timezone.localdate().isoformat())
    page.get_by_label("实地核查").check()
    page.get_by_label("核查情况").fill("拖欠工资，引发群体性事件")
    page.get_by_label("建议取消命名").check()
    page.get_by_role("button", name="保存核查结论").click()
    case = RevocationCase.objects.get(recognition=check.recognition)
    expect(page.get_by_text(f"已登记核查结论，并提出取消命名（案件 #{case.pk}）。")).to_be_visible()

    county_context = browser.new_context(locale="zh-CN")
    county = county_context.new_page()
    county.set_default_timeout(15_000)
    county.base_url = live_server.url
    login(county, "county_admin_x")
    county.goto(live_server.url + "/title-checks/")
    county.get_by_role("link", name=check.unit.name).click()
    expect(county.get_by_text("拖欠工资，引发群体性事件")).to_be_visible()
    assert county.get_by_role("button", name="保存核查结论").count() == 0
    county_context.close()
