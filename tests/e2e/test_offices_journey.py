"""The county office records a coordinator training with its handout and a coordinator's honour in the browser;
the hours reach the coordinator ledger, the figures reach the workbench, and the other county sees none of it."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.offices.honours.models import Honour
from apps.offices.training.models import Training
from apps.registry.coordinators.models import Coordinator
from tests.fixtures.files import PDF_BYTES

from .browser import login, open_menu

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_county_records_a_training_and_an_honour_and_sees_them_counted(page, cast, regions, browser,
                                                                          live_server, tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    Coordinator.objects.create(full_name="王协调", region=regions.county_x, certificate_number="LR-1",
                               certificate_level="3")
    today = timezone.localdate()
    handout = tmp_path / "讲义.pdf"
    handout.write_bytes(PDF_BYTES)

    login(page, "county_admin_x")
    open_menu(page, "单位与队伍", "培训宣传")
    page.get_by_role("link", name="记录培训宣传活动").click()
    page.get_by_label("举办日期").fill(today.isoformat())
    page.get_by_label("活动类型").select_option(label="协调员培训")
    page.get_by_label("方式").select_option(label="庭审观摩")
    page.get_by_label("举办区域").select_option(label="临汾市 · 尧都区")
    page.get_by_label("举办单位").fill("尧都区协调劳动关系三方办公室")
    page.get_by_label("主题").fill("劳动争议庭审观摩")
    page.get_by_label("学时").fill("4")
    page.get_by_label("参加人数").fill("0")
    page.get_by_label("王协调（尧都区）").check()
    page.get_by_label("活动材料").set_input_files(str(handout))
    page.get_by_role("button", name="保存").click()
    # One coordinator ticked but no people counted: said at the field, the rest kept.
    expect(page.get_by_text("参加人数（0）少于勾选的协调员人数（1）")).to_be_visible()
    assert page.get_by_label("主题").input_value() == "劳动争议庭审观摩"
    page.get_by_label("参加人数").fill("25")
    page.get_by_label("活动材料").set_input_files(str(handout))  # a browser never keeps a chosen file
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存：劳动争议庭审观摩")).to_be_visible()
    expect(page.get_by_role("link", name="讲义.pdf")).to_be_visible()

    open_menu(page, "单位与队伍", "协调员台账")
    page.get_by_role("link", name="培训学时").click()
    expect(page.get_by_role("row", name="王协调").get_by_role("cell", name="4.0")).to_be_visible()

    open_menu(page, "单位与队伍", "荣誉推荐")
    page.get_by_role("link", name="记录荣誉推荐").click()
    page.get_by_label("类别").select_option(label="协调员荣誉")
    page.get_by_label("荣誉名称").fill("金牌劳动关系协调员")
    page.get_by_label("推荐层级").select_option(label="市级推荐")
    page.get_by_label("所属区域").select_option(label="临汾市 · 尧都区")
    page.get_by_label("台账中的协调员").select_option(label="王协调（尧都区）")
    page.get_by_label("状态").select_option(label="已授予")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已授予的荣誉请填写授予文件的文号")).to_be_visible()
    page.get_by_label("文号").fill("临人社发〔2026〕9号")
    page.get_by_role("button", name="保存").click()
    expect(page.get_by_text("已保存：王协调 · 金牌劳动关系协调员")).to_be_visible()
    expect(page.get_by_role("row", name="王协调").get_by_text("已授予")).to_be_visible()

    page.goto(f"{live_server.url}/home/")
    section = page.locator(".card", has=page.get_by_role("heading", name="本年度培训宣传与荣誉"))
    expect(section.get_by_text("培训宣传活动 1 场，参加 25 人次")).to_be_visible()
    expect(section.get_by_text("荣誉推荐 1 项，已授予 1 项")).to_be_visible()

    other = browser.new_context(locale="zh-CN").new_page()
    other.set_default_timeout(15_000)
    other.base_url = live_server.url
    login(other, "county_admin_y")
    training = Training.objects.get()
    response = other.goto(f"{live_server.url}/training/{training.pk}/")
    assert response.status == 404
    response = other.goto(f"{live_server.url}/honours/{Honour.objects.get().pk}/edit/")
    assert response.status == 404
    other.context.close()
