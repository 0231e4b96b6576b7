"""A unit representative fills the Linfen enterprise standard in Chromium, end to end."""

import re
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from apps.applications.assessments.models import Application
from apps.standards.services import standard_load
from tests.factories import CampaignYearFactory
from tests.fixtures.standards import put_in_force

from .browser import login

pytestmark = pytest.mark.django_db(transaction=True)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def linfen(cast, regions, tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    CampaignYearFactory(city=regions.city)
    text = (Path(django_settings.BASE_DIR) / "fixtures" / "standards" / "linfen_enterprise_2023.yaml").read_text()
    standard = standard_load(text=text)[0]
    put_in_force(standard, regions.city)  # 临汾市 has chosen it (the 适用标准 page)
    return standard


def answer(page, code: str, value: str) -> None:
    """Answer one item and wait for *this* save.

    The item may still show "已保存" from an earlier save, so the status line
    is emptied first and the save's own response is awaited: only the swap
    of this response can put "已保存" back. The page must have finished
    loading first: htmx binds the save to "change" on DOMContentLoaded, and a
    field changed before that (a slow machine, a freshly opened page) would
    never post.
    """
    form = page.locator(f'form[data-code="{code}"]')
    form.wait_for()
    page.wait_for_load_state("load")
    status = form.locator(".item-status")
    status.evaluate("element => { element.textContent = ''; }")
    criterion = form.get_attribute("data-criterion")
    with page.expect_response(
        lambda response: response.request.method == "POST" and f"/answers/{criterion}/" in response.url
    ) as saved:
        if value in ("yes", "no"):
            form.get_by_label("是" if value == "yes" else "否", exact=True).check()
        else:
            field = form.get_by_label("自评分")
            field.fill(value)
            field.dispatch_event("change")
    assert saved.value.status == 200, saved.value.text()
    expect(status).to_contain_text("已保存")


def upload(page, kind: str, name: str) -> None:
    page.get_by_label("材料类型").select_option(label=kind)
    page.get_by_label(re.compile("^文件")).set_input_files({"name": name, "mimeType": "application/pdf", "buffer": PDF})
    page.get_by_role("button", name="上传").click()
    expect(page.get_by_text(f"已上传：{name}")).to_be_visible()


def test_rep_fills_the_linfen_standard_and_submits(page, cast, linfen):
    login(page, "rep_a")
    page.get_by_role("link", name="开始本年度创建申报").click()
    page.get_by_role("button", name="开始填报").click()
    expect(page.get_by_role("heading", name=re.compile("甲公司"))).to_be_visible()

    scores = {"1": "10", "2": "5", "3": "12", "4": "10", "5": "10", "6": "8", "7": "10", "8": "10", "9": "0"}
    for code, value in scores.items():
        answer(page, code, value)
    for code in ("F1", "F2", "F3"):
        answer(page, code, "no")
    expect(page.get_by_test_id("total")).to_have_text("75")
    expect(page.get_by_test_id("completeness")).to_have_text("12 / 12")

    upload(page, "职工(代表)大会审议通过的自我评价报告", "职代会决议.pdf")
    upload(page, "申报承诺书", "承诺书.pdf")

    page.get_by_role("button", name="提交申报").click()
    expect(page.get_by_text("自评总分 75 分，未达到达标线 80 分，不能申报。")).to_be_visible()

    answer(page, "2", "15")
    answer(page, "9", "15")
    expect(page.get_by_test_id("total")).to_have_text("100")
    answer(page, "F1", "yes")
    page.get_by_role("button", name="提交申报").click()
    expect(page.get_by_text("一票否决项 F1 选择了“是”，不能申报。")).to_be_visible()

    answer(page, "F1", "no")
    page.get_by_role("button", name="提交申报").click()
    page.get_by_role("heading", name="确认提交申报？").wait_for()
    page.get_by_role("button", name="确认提交").click()
    expect(page.get_by_text("已提交第 1 版申报，等待审核。")).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("已提交")
    application = Application.objects.get()
    assert application.status == "submitted" and application.revisions.get().snapshot["score"]["total"] == "100"


def test_a_save_after_the_session_expired_is_kept_and_offered_back(page, cast, linfen):
    login(page, "rep_a")
    page.goto(f"{page.base_url}/applications/unit/{cast.unit_a.pk}/current/")
    page.get_by_role("button", name="开始填报").click()
    answer(page, "1", "6")

    page.context.clear_cookies()  # the session expires while the page is open
    form = page.locator('form[data-code="1"]')
    form.get_by_label("情况说明").fill("党支部每月开展活动")
    form.get_by_label("情况说明").dispatch_event("change")
    expect(form.locator(".item-status")).to_contain_text("未保存")
    expect(page.get_by_text("有内容未保存：网络中断或登录已过期")).to_be_visible()
    assert form.get_by_label("情况说明").input_value() == "党支部每月开展活动"
    assert Application.objects.get().answers.get().narrative == ""

    login(page, "rep_a")
    page.goto(f"{page.base_url}/applications/{Application.objects.get().pk}/")
    expect(page.get_by_text("本机浏览器中有上次未能保存的内容")).to_be_visible()
    page.get_by_role("button", name="恢复并保存").click()
    expect(page.locator('form[data-code="1"] .item-status')).to_contain_text("已保存")
    assert Application.objects.get().answers.get().narrative == "党支部每月开展活动"


def test_self_evaluation_page_fits_a_phone(phone_page, cast, linfen):
    login(phone_page, "rep_a")
    phone_page.goto(f"{phone_page.base_url}/applications/unit/{cast.unit_a.pk}/current/")
    phone_page.get_by_role("button", name="开始填报").click()
    answer(phone_page, "1", "9.5")
    expect(phone_page.get_by_test_id("total")).to_have_text("9.5")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"page scrolls sideways on a phone ({width}px)"


def test_a_refused_score_is_told_at_its_field_and_survives_a_reload(page, cast, linfen):
    """Out of range, negative or off-step: the reason shows at the field (aria-invalid, aria-describedby),
    the typed value stays for correction and is offered back after a reload; nothing wrong is stored."""
    login(page, "rep_a")
    page.goto(f"{page.base_url}/applications/unit/{cast.unit_a.pk}/current/")
    page.get_by_role("button", name="开始填报").click()
    answer(page, "1", "6")
    form = page.locator('form[data-code="1"]')
    field = form.get_by_label("自评分")
    status = form.locator(".item-status")

    for typed, reason in (("-2", "分值应在 0 到 10 之间"), ("12", "分值应在 0 到 10 之间"),
                          ("6.3", "分值须按 0.5 分递增")):
        field.fill(typed)
        field.dispatch_event("change")
        expect(status).to_contain_text(reason)
        expect(status).to_contain_text("未保存")
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(field).to_have_value(typed)
        described = page.locator("#" + field.get_attribute("aria-describedby"))
        expect(described).to_contain_text(reason)
    assert Application.objects.get().answers.get().value == "6"

    page.reload()
    expect(page.get_by_text("本机浏览器中有上次未能保存的内容")).to_be_visible()
    page.get_by_role("button", name="恢复并保存").click()
    field = page.locator('form[data-code="1"]').get_by_label("自评分")
    expect(field).to_have_value("6.3")
    expect(page.locator('form[data-code="1"] .item-status')).to_contain_text("分值须按 0.5 分递增")

    answer(page, "1", "6.5")
    expect(field).not_to_have_attribute("aria-invalid", "true")
    assert Application.objects.get().answers.get().value == "6.5"
