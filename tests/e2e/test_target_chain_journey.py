"""The 包保 chain in the browser: the county gives its street a task; the street's staff report its progress from
their workbench and give a unit of the street a task; the unit's representative reads it on the workbench."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.reports.models import TargetTask, TaskStatus

from .browser import login, open_menu

pytestmark = pytest.mark.django_db(transaction=True)


def _page(browser, live_server, username):
    context = browser.new_context(locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    login(page, username)
    return context, page


def test_the_county_tasks_its_street_which_reports_and_tasks_its_unit(page, cast, regions, browser, live_server):
    deadline = (timezone.localdate() + datetime.timedelta(days=30)).isoformat()
    login(page, "county_admin_x")
    open_menu(page, "统计报告", "目标责任任务")
    page.get_by_role("link", name="下达目标任务").click()
    page.get_by_label("责任地区").select_option(str(regions.township_x.pk))
    page.get_by_label("目标任务").fill("街道内企业劳动合同签订率达到 95%")
    page.get_by_label("责任部门").fill("解放路街道劳动保障所")
    page.get_by_label("完成时限").fill(deadline)
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已下达目标任务")).to_be_visible()
    expect(page.get_by_role("cell", name="乡镇(街道)").first).to_be_visible()

    context, street = _page(browser, live_server, "township_x")
    street.goto(live_server.url + "/home/")
    street.get_by_role("link", name="街道内企业劳动合同签订率达到 95%").click()
    street.get_by_label("完成进度").fill("40")
    street.get_by_label("状态").select_option(label="推进中")
    street.get_by_label("进展情况").fill("已检查 12 家企业")
    street.get_by_role("button", name="保存").click()
    expect(street.get_by_text("已更新目标任务")).to_be_visible()
    task = TargetTask.objects.get(unit__isnull=True)
    assert (task.progress, task.status, task.progress_note) == (40, TaskStatus.ONGOING, "已检查 12 家企业")

    open_menu(street, "动态管理", "目标责任任务")
    street.get_by_role("link", name="包保用人单位：下达任务").click()
    street.get_by_label("包保单位").select_option(label="甲公司")
    street.get_by_label("包保责任人").fill("王建华")
    street.get_by_label("目标任务").fill("建立企业劳动争议调解委员会")
    street.get_by_role("button", name="保存").click()  # no deadline yet: said at the field, the rest kept
    expect(street.get_by_text("这个字段是必填项。").first).to_be_visible()
    assert street.get_by_label("包保责任人").input_value() == "王建华"
    street.get_by_label("完成时限").fill(deadline)
    street.get_by_role("button", name="保存").click()
    expect(street.get_by_text("已向甲公司下达包保任务")).to_be_visible()
    context.close()

    context, unit = _page(browser, live_server, "rep_a")
    section = unit.locator(".card", has_text="包保目标任务")
    expect(section.get_by_text("建立企业劳动争议调解委员会")).to_be_visible()
    expect(section.get_by_text("王建华")).to_be_visible()
    context.close()
