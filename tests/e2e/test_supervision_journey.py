"""Supervision in the browser: the city spot-checks a county and lists a rectification item; the overdue item
shows on the county's workbench; the county reports its rectification and the city accepts the closing."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.oversight.supervision.models import ItemStatus, RectificationItem

from .browser import login, open_menu

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_city_supervises_a_county_which_reports_its_rectification(page, cast, regions, browser, live_server):
    today = timezone.localdate()
    login(page, "city_admin")
    open_menu(page, "动态管理", "检查督导")
    page.get_by_role("link", name="记录检查督导").click()
    page.get_by_label("被督导地区").select_option(label="尧都区")
    page.get_by_label("督导日期").fill((today - datetime.timedelta(days=20)).isoformat())
    page.get_by_label("督导方式").select_option(label="上级抽查")
    page.get_by_label("参加人员和部门").fill("市人社局、市总工会")
    page.get_by_label("发现的问题").fill("部分企业自评材料不全")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已记录检查督导情况")).to_be_visible()
    page.get_by_label("整改事项").fill("补齐企业自评佐证材料")
    page.get_by_label("整改期限").fill((today - datetime.timedelta(days=20)).isoformat())
    page.get_by_role("button", name="添加整改事项").click()
    expect(page.get_by_text("已添加整改事项。")).to_be_visible()
    expect(page.get_by_text("已逾期")).to_be_visible()  # its deadline has passed and it is still open

    county_context = browser.new_context(locale="zh-CN")
    county = county_context.new_page()
    county.set_default_timeout(15_000)
    county.base_url = live_server.url
    login(county, "county_admin_x")
    county.goto(live_server.url + "/home/")
    county.get_by_role("link", name="补齐企业自评佐证材料").click()
    county.get_by_role("button", name="报告整改情况").click()  # nothing typed: said at the fields
    expect(county.get_by_text("这个字段是必填项。").first).to_be_visible()
    county.get_by_label("整改情况").fill("已补齐 3 家企业材料")
    county.get_by_label("整改完成日期").fill(today.isoformat())
    county.get_by_role("button", name="报告整改情况").click()
    expect(county.get_by_text("已报告整改情况，等待督导单位验收。")).to_be_visible()
    county_context.close()

    page.goto(live_server.url + "/home/")
    page.get_by_role("link", name="补齐企业自评佐证材料").click()
    page.get_by_label("验收销号").check()
    page.get_by_label("验收意见").fill("材料齐全")
    page.get_by_role("button", name="提交验收结论").click()
    expect(page.get_by_text("已验收销号。").first).to_be_visible()
    item = RectificationItem.objects.get()
    assert (item.status, item.closed_by, item.closed_on) == (ItemStatus.CLOSED, cast.city_admin, today)
