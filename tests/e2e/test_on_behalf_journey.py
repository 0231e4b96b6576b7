"""帮办代办 and 复审 in Chromium: township staff fill and submit a small enterprise's self-evaluation on its behalf,
and the enterprise sees who did; a named unit starts the renewal of its title before it ends."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.applications.assessments.models import Application, ApplicationKind
from apps.applications.recognitions.services import recognition_create
from apps.registry.enterprises.models import SizeClass
from tests.factories import EnterpriseFactory

from .browser import login, open_menu
from .test_self_evaluation_journey import answer, linfen, upload  # noqa: F401 — linfen is a fixture

pytestmark = pytest.mark.django_db(transaction=True)
FULL_MARKS = {"1": "10", "2": "15", "3": "12", "4": "10", "5": "10", "6": "8", "7": "10", "8": "10", "9": "15",
              "F1": "no", "F2": "no", "F3": "no"}


def test_township_staff_file_for_a_small_enterprise_and_the_enterprise_sees_who_did(page, cast, linfen):  # noqa: F811
    EnterpriseFactory(unit=cast.unit_a, size=SizeClass.MICRO)
    login(page, "township_x")
    open_menu(page, "创建申报", "帮办代办")
    row = page.get_by_role("row", name=re.compile("甲公司"))
    expect(row).to_contain_text("微型")
    row.get_by_role("link", name="代为填报").click()

    page.get_by_role("button", name="开始代为填报").click()
    expect(page.get_by_text("请填写代办原因。")).to_be_visible()
    page.get_by_label("代办原因").fill("企业仅有 12 名职工，无专职人员，经企业负责人同意代为填报")
    page.get_by_role("button", name="开始代为填报").click()
    expect(page.get_by_test_id("on-behalf")).to_contain_text("企业仅有 12 名职工")

    for code, value in FULL_MARKS.items():
        answer(page, code, value)
    expect(page.get_by_test_id("total")).to_have_text("100")
    upload(page, "职工(代表)大会审议通过的自我评价报告", "职代会决议.pdf")
    upload(page, "申报承诺书", "承诺书.pdf")
    page.get_by_role("button", name="提交申报").click()
    page.get_by_role("button", name="确认提交").click()
    expect(page.get_by_test_id("status")).to_have_text("已提交")
    expect(page.get_by_text(re.compile("帮办代办：由.*代为提交"))).to_be_visible()

    application = Application.objects.get()
    assert application.on_behalf and application.filed_by.username == "township_x"
    assert application.revisions.get().submitted_by.username == "township_x"

    page.context.clear_cookies()
    login(page, "rep_a")
    page.goto(f"{page.base_url}/applications/{application.pk}/")
    expect(page.get_by_test_id("on-behalf")).to_contain_text("代为填报")
    expect(page.get_by_test_id("status")).to_have_text("已提交")


def test_a_named_unit_starts_its_renewal_before_the_title_ends(page, cast, regions, linfen):  # noqa: F811
    end = timezone.localdate() + timedelta(days=30)
    issued = date.fromordinal(end.toordinal() + 1).replace(year=end.year - 3)
    title = recognition_create(unit=cast.unit_a, city=regions.city, year=issued.year, issued_on=issued,
                               by=cast.city_admin, validity_years=3)
    login(page, "rep_a")
    open_menu(page, "创建申报", "我的称号与复审")
    row = page.get_by_test_id("title-row")
    expect(row).to_contain_text(title.number)
    expect(row).to_contain_text("还有 30 天")
    row.get_by_role("button", name="申请复审").click()
    expect(page.get_by_text("已开始复审申报")).to_be_visible()
    expect(page.get_by_text(re.compile(f"复审称号证书编号 {title.number}"))).to_be_visible()
    renewal = Application.objects.get()
    assert (renewal.kind, renewal.renews_id) == (ApplicationKind.RENEWAL, title.pk)

    open_menu(page, "创建申报", "我的称号与复审")
    expect(page.get_by_test_id("title-row")).to_contain_text("复审进行中（草稿）")
