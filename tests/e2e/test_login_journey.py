import pytest
from playwright.sync_api import expect

from .browser import login

pytestmark = pytest.mark.django_db(transaction=True)


def test_county_admin_logs_in_and_lands_on_the_workbench(page, cast):
    login(page, "county_admin_x")
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    expect(page.get_by_text("待核验的单位注册")).to_be_visible()


def test_wrong_password_shows_a_chinese_message(page, cast):
    page.goto(f"{page.base_url}/accounts/login/")
    page.get_by_label("用户名").fill("county_admin_x")
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").last.click()
    # expect waits for the refused page; is_visible() answered at once, sometimes before it had loaded.
    expect(page.get_by_text("用户名或密码不正确")).to_be_visible()
    assert page.get_by_label("用户名").input_value() == "county_admin_x"


def test_workbench_is_usable_on_a_phone(phone_page, cast):
    login(phone_page, "rep_a")
    expect(phone_page.get_by_text("我的单位")).to_be_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone ({width}px)"
