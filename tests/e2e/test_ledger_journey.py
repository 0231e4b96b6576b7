"""The coordinator ledger in the browser: dates survive an edit, and a linked coordinator logs their own visits."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.oversight.cultivation.models import CultivationTarget, GuidanceVisit
from apps.registry.coordinators.models import Coordinator
from tests.factories import EnterpriseFactory
from tests.registry.helpers import code

from .browser import login, open_menu

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_county_keeps_the_ledger_and_the_coordinator_logs_a_visit(page, cast, regions, browser, live_server):
    EnterpriseFactory(unit=cast.unit_a, uscc=code(31))
    login(page, "county_admin_x")
    open_menu(page, "单位与队伍", "协调员台账")
    page.get_by_role("link", name="登记协调员").click()
    page.get_by_label("姓名").fill("王协调")
    page.get_by_label("联系电话").fill("2345678")
    assert page.get_by_label("所属区域").locator("option").first.inner_text() == "请选择"
    page.get_by_label("所属区域").select_option(label="临汾市 · 尧都区")
    page.get_by_label("证书等级").select_option(label="三级/高级工")
    page.get_by_label("证书编号").fill("LR-2024-001")
    page.get_by_label("有效期起").fill("2024-01-01")
    page.get_by_label("有效期至").fill("2027-12-31")
    page.get_by_label("平台账号").select_option(label=f"{cast.coordinator_x.full_name}（coordinator_x）")
    page.get_by_label("负责指导的单位").fill(code(31))
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("固定电话为区号加号码")).to_be_visible()  # said at the field, the rest kept
    assert page.get_by_label("有效期至").input_value() == "2027-12-31"
    page.get_by_label("联系电话").fill("0357－2345678")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存：王协调")).to_be_visible()

    page.get_by_role("row", name="王协调").get_by_role("link", name="修改").click()
    assert page.get_by_label("有效期起").input_value() == "2024-01-01"  # shown, not blank
    page.get_by_label("联系电话").fill("13912345678")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存：王协调")).to_be_visible()
    coordinator = Coordinator.objects.get()
    assert (coordinator.phone, coordinator.valid_until) == ("13912345678", datetime.date(2027, 12, 31))

    target = CultivationTarget.objects.create(unit=cast.unit_a, year=timezone.localdate().year,
                                              selected_by=cast.county_admin_x)
    coordinator_context = browser.new_context(locale="zh-CN")
    mine = coordinator_context.new_page()
    mine.set_default_timeout(15_000)
    mine.base_url = live_server.url
    login(mine, "coordinator_x")
    mine.get_by_role("link", name="甲公司").click()
    mine.get_by_label("指导日期").fill(timezone.localdate().isoformat())
    mine.get_by_label("指导主题").fill("工资集体协商")
    mine.get_by_label("发现的问题").fill("尚未签订集体合同")
    mine.get_by_role("button", name="保存").click()
    expect(mine.get_by_text("已记录指导情况。")).to_be_visible()
    expect(mine.get_by_role("row", name="工资集体协商").get_by_text(cast.coordinator_x.full_name)).to_be_visible()
    assert GuidanceVisit.objects.get(target=target).logged_by == cast.coordinator_x
    coordinator_context.close()
