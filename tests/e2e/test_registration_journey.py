import re

import pytest
from playwright.sync_api import expect

from apps.registry.enterprises.models import Enterprise
from tests.registry.helpers import code

from .browser import login, open_menu

pytestmark = pytest.mark.django_db(transaction=True)


def test_enterprise_signs_up_and_the_county_admin_verifies_it(page, cast, regions, browser, live_server):
    page.goto(f"{page.base_url}/registry/signup/")
    page.get_by_label("企业名称").fill("浏览器注册演示有限公司")
    page.get_by_label("统一社会信用代码").fill(" " + code(4242).lower())
    township = page.get_by_label("所属乡镇(街道)")
    assert township.locator("option").all_inner_texts() == ["请先选择所属县(市、区)"]
    assert not page.get_by_role("button", name="选择县区后刷新").is_visible()  # the script lists townships itself
    page.get_by_label("所属县(市、区)").select_option(label="尧都区")
    township.select_option(label="解放路街道")  # waits for the county's townships to arrive
    assert page.get_by_role("status").inner_text() == "已列出尧都区的乡镇(街道)和工业园区。"
    page.get_by_label("职工人数").fill("85")
    page.get_by_label("已建立工会").check()
    page.get_by_label("登录用户名").fill("browser_rep")
    page.get_by_label("填报人姓名").fill("张填报")
    page.get_by_label("填报人手机号").fill("13700000000")
    page.get_by_label(re.compile(r"^\s*密码")).fill("Browser-pass-2026")
    page.get_by_label("再次输入密码").fill("Browser-pass-2026")
    page.get_by_role("button", name="提交注册").click()
    page.wait_for_url(f"{page.base_url}/home/")
    expect(page.get_by_text("等待县级三方办公室核验")).to_be_visible()
    enterprise = Enterprise.objects.select_related("unit__township").get(uscc=code(4242))
    assert enterprise.unit.verification_status == "pending" and enterprise.unit.township.name == "解放路街道"

    admin_context = browser.new_context(locale="zh-CN")
    admin = admin_context.new_page()
    admin.set_default_timeout(15_000)
    admin.base_url = live_server.url
    login(admin, "county_admin_x")
    open_menu(admin, "单位与队伍", "注册核验")
    card = admin.locator(".card", has_text="浏览器注册演示有限公司")
    card.get_by_role("button", name="核验通过").click()
    expect(admin.get_by_text("已核验通过：浏览器注册演示有限公司")).to_be_visible()
    admin_context.close()

    page.reload()
    expect(page.get_by_text("已核验").first).to_be_visible()
    assert not page.get_by_text("等待县级三方办公室核验").is_visible()


def test_enterprise_signs_up_without_javascript(browser, regions, live_server):
    context = browser.new_context(locale="zh-CN", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/registry/signup/")
    page.get_by_label("企业名称").fill("无脚本注册有限公司")
    page.get_by_label("统一社会信用代码").fill(code(4343))
    page.get_by_label("所属县(市、区)").select_option(label="尧都区")
    page.get_by_label("登录用户名").fill("nojs_rep")
    page.get_by_role("button", name="选择县区后刷新").click()
    assert page.get_by_label("企业名称").input_value() == "无脚本注册有限公司"
    assert page.get_by_label("登录用户名").input_value() == "nojs_rep"
    page.get_by_label("所属乡镇(街道)").select_option(label="解放路街道")
    page.get_by_label("填报人姓名").fill("李填报")
    page.get_by_label("填报人手机号").fill("13600000000")
    page.get_by_label(re.compile(r"^\s*密码")).fill("Nojs-pass-2026")
    page.get_by_label("再次输入密码").fill("Nojs-pass-2026")
    page.get_by_label("再次输入密码").press("Enter")  # Enter submits the registration, not the refresh
    page.wait_for_url(f"{live_server.url}/home/")
    assert Enterprise.objects.get(uscc=code(4343)).unit.township == regions.township_x
    context.close()


def test_a_returned_registration_is_corrected_resubmitted_and_verified(page, cast, regions, browser, live_server):
    from apps.registry.enterprises.services import EnterpriseData, enterprise_register

    enterprise_register(
        data=EnterpriseData(name="退回演示有限公司", uscc=code(4444), region=regions.county_x,
                            township=regions.township_x),
        username="returned_rep", password="Returned-pass-2026", full_name="赵填报", phone="13500000000",
    )
    admin_context = browser.new_context(locale="zh-CN")
    admin = admin_context.new_page()
    admin.set_default_timeout(15_000)
    admin.base_url = live_server.url
    login(admin, "county_admin_x")
    open_menu(admin, "单位与队伍", "注册核验")
    card = admin.locator(".card", has_text="退回演示有限公司")
    card.get_by_label("退回原因").fill("企业名称应与营业执照一致：退回演示科技有限公司")
    card.get_by_role("button", name="退回").click()
    expect(admin.get_by_text("已退回：退回演示有限公司")).to_be_visible()

    login(page, "returned_rep", "Returned-pass-2026")
    expect(page.get_by_text("退回原因：企业名称应与营业执照一致")).to_be_visible()
    page.get_by_role("link", name="修改注册信息并重新提交").click()
    expect(page.get_by_text("企业名称应与营业执照一致：退回演示科技有限公司")).to_be_visible()
    assert page.get_by_label("所属乡镇(街道)").locator("option:checked").inner_text() == "解放路街道"
    page.get_by_label("企业名称").fill("退回演示科技有限公司")
    page.get_by_role("button", name="重新提交注册").click()
    page.wait_for_url(f"{page.base_url}/home/")
    expect(page.get_by_text("已重新提交注册")).to_be_visible()
    expect(page.get_by_text("等待县级三方办公室核验")).to_be_visible()

    admin.goto(f"{live_server.url}/registry/pending/")
    card = admin.locator(".card", has_text="退回演示科技有限公司")
    card.get_by_role("link", name="退回演示科技有限公司").click()
    expect(admin.get_by_text("修改后重新提交")).to_be_visible()  # the history says what came back, and how
    expect(admin.get_by_text("单位名称：退回演示有限公司 → 退回演示科技有限公司")).to_be_visible()
    admin.get_by_role("button", name="核验通过").click()
    expect(admin.get_by_text("已核验通过：退回演示科技有限公司")).to_be_visible()
    admin_context.close()
    page.reload()
    assert not page.get_by_text("等待县级三方办公室核验").is_visible()


def test_a_mistyped_credit_code_is_pointed_out_at_once(page, regions):
    bad = code(4545)[:17] + ("0" if code(4545)[17] != "0" else "1")
    page.goto(f"{page.base_url}/registry/signup/")
    page.get_by_label("企业名称").fill("校验位演示有限公司")
    page.get_by_label("统一社会信用代码").fill(bad)
    page.get_by_label("所属县(市、区)").select_option(label="尧都区")
    page.get_by_label("登录用户名").fill("check_rep")
    page.get_by_label("填报人姓名").fill("钱填报")
    page.get_by_label("填报人手机号").fill("13400000000")
    page.get_by_label(re.compile(r"^\s*密码")).fill("Check-pass-2026")
    page.get_by_label("再次输入密码").fill("Check-pass-2026")
    page.get_by_role("button", name="提交注册").click()
    code_field = page.get_by_label("统一社会信用代码")
    assert code_field.get_attribute("aria-invalid") == "true"
    expect(page.get_by_text("很可能有字符输入错误")).to_be_visible()
    assert code_field.input_value() == bad and page.get_by_label("企业名称").input_value() == "校验位演示有限公司"
    code_field.fill(code(4545))  # the registrant finds the typo
    page.get_by_label(re.compile(r"^\s*密码")).fill("Check-pass-2026")
    page.get_by_label("再次输入密码").fill("Check-pass-2026")
    page.get_by_role("button", name="提交注册").click()
    page.wait_for_url(f"{page.base_url}/home/")
    assert not Enterprise.objects.get(uscc=code(4545)).uscc_check_failed
