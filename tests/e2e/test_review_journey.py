"""The whole path in Chromium: submit → four-party scoring → county approval → city confirmation →
public notice → objection dismissed → naming → certificate QR URL opens the verification page."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from apps.accounts.models import Party
from apps.applications.notices.models import Notice
from apps.applications.recognitions.certificates import verification_url
from apps.applications.recognitions.models import Recognition
from apps.applications.workflow.states import Status
from apps.campaigns.selectors import NATIONAL_PANEL_PARTIES
from tests.fixtures.reviews import GOOD, make_application

from .browser import login, open_menu
from .test_self_evaluation_journey import upload

pytestmark = pytest.mark.django_db(transaction=True)


def _logout(page):
    page.context.clear_cookies()


def open_review(page, unit_name: str) -> None:
    open_menu(page, "评估命名", "评估验收")
    page.get_by_role("link", name=unit_name).click()


def test_whole_review_path(page, cast, regions, settings, tmp_path):
    from apps.campaigns.models import CampaignYear
    from apps.standards.services import standard_load_file

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    standard, _ = standard_load_file(path=settings.BASE_DIR / "fixtures" / "standards" / "demo_all_features.yaml")
    year = date.today().year
    campaign = CampaignYear.objects.create(
        city=regions.city, year=year, self_evaluation_opens=date(year, 1, 1), self_evaluation_closes=date(year, 12, 31),
        county_review_deadline=date(year, 12, 31), city_confirmation_deadline=date(year, 12, 31),
    )
    # The answers are the demo standard's valid scores (the item-by-item filling is its own journey,
    # test_self_evaluation_journey.py); the required evidence is uploaded through the page, as a unit would.
    application = make_application(cast.unit_a, campaign, standard, status=Status.DRAFT)
    base = page.base_url

    # The enterprise uploads its evidence and submits.
    login(page, "rep_a")
    open_menu(page, "创建申报", "创建申报")
    page.get_by_role("link", name=cast.unit_a.name).click()
    upload(page, "职工(代表)大会审议通过的自我评价报告", "职代会决议.pdf")
    upload(page, "申报承诺书", "承诺书.pdf")
    page.get_by_role("button", name="提交申报").click()
    page.get_by_role("heading", name="确认提交申报？").wait_for()
    page.get_by_role("button", name="确认提交").click()
    page.get_by_text("已提交第 1 版申报").wait_for()
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    _logout(page)

    # The county forms the four-party panel.
    login(page, "county_admin_x")
    open_review(page, cast.unit_a.name)
    for reviewer in cast.reviewers_x.values():
        page.get_by_label(re.compile(str(reviewer))).check()
    page.get_by_role("button", name="组建评估组", exact=True).click()
    page.get_by_text("评估组已组建").wait_for()
    _logout(page)

    # Each party's reviewer scores every item.
    criteria = {c.code: c for c in standard.criteria.all()}
    for party in NATIONAL_PANEL_PARTIES:
        login(page, f"reviewer_{party}_x")
        open_review(page, cast.unit_a.name)
        page.get_by_role("link", name="填写我的评分表").click()
        for code, value in GOOD.items():
            field = page.locator(f"#v_{criteria[code].pk}")
            if code in ("D1", "V1", "V2"):
                field.select_option(value)
            else:
                field.fill("26" if (code == "C1" and party == Party.UNION) else value)
        page.get_by_role("button", name="提交评分表").click()
        page.get_by_text("评分已保存").wait_for()
        _logout(page)

    # The county sees the side-by-side table with the union's different score marked, and approves.
    login(page, "county_admin_x")
    open_review(page, cast.unit_a.name)
    assert page.locator("td.table-warning").count() >= 1
    assert not page.get_by_label("验收通过，报送市级").is_checked()  # no outcome chosen beforehand
    page.get_by_label("验收通过，报送市级").check()
    page.get_by_label("意见和理由").fill("材料齐全，实地核查属实")
    page.get_by_role("button", name="提交结论").click()
    page.get_by_role("heading", name="确认提交评估结论“验收通过，报送市级”？").wait_for()
    assert page.locator("#application-status").count() == 0  # nothing decided yet
    page.get_by_role("button", name="确认提交结论").click()
    page.get_by_text("已办理").wait_for()
    assert page.locator("#application-status").inner_text() == "县级验收通过"
    _logout(page)

    # The city confirms, then opens a notice that started earlier so it has ended by naming time.
    login(page, "city_admin")
    open_menu(page, "评估命名", "市级确认")
    page.get_by_label(f"选择 {cast.unit_a.name}").check()
    page.get_by_role("button", name="确认所选").click()
    page.get_by_role("heading", name="确认 1 条申报通过市级确认？").wait_for()
    page.get_by_role("button", name="确认通过").click()
    page.get_by_text("已确认 1 条申报").wait_for()
    open_menu(page, "评估命名", "公示管理")
    page.get_by_label("公示开始日期").fill(date.today().isoformat())
    page.get_by_label("公示期（工作日）").fill("5")
    page.get_by_role("button", name="发布公示").click()
    page.get_by_role("heading", name="确认发布公示？").wait_for()
    page.get_by_role("button", name="确认发布").click()
    page.get_by_text("公示已发布").wait_for()
    _logout(page)

    # Anyone sees the notice and files an objection; the city dismisses it.
    notice = Notice.objects.get()
    page.goto(f"{base}/")
    page.get_by_role("link", name=notice.title).click()
    expect(page.get_by_role("cell", name=cast.unit_a.name)).to_be_visible()
    page.get_by_label("异议内容").fill("听说该企业加班过多")
    page.get_by_role("button", name="提交异议").click()
    expect(page.get_by_text("请填写联系方式")).to_be_visible()
    assert page.get_by_label("异议内容").input_value() == "听说该企业加班过多"
    page.get_by_label("联系方式（电话或邮箱，必填）").fill("13800000000")
    page.get_by_role("button", name="提交异议").click()
    page.get_by_text("您的异议已提交").wait_for()

    login(page, "city_admin")
    open_menu(page, "评估命名", "公示管理")
    page.get_by_role("link", name=notice.title).click()
    expect(page.get_by_label("异议不成立")).not_to_be_checked()  # no outcome chosen beforehand
    page.get_by_role("button", name="提交处理结果").click()  # nothing chosen: refused, on the same page
    expect(page.get_by_text("请选择处理结果。")).to_be_visible()
    page.get_by_label("异议不成立").check()
    page.get_by_label("处理意见").fill("经核实，加班符合规定")
    page.get_by_role("button", name="提交处理结果").click()
    page.get_by_role("heading", name="确认异议处理结果“异议不成立”？").wait_for()
    page.get_by_role("button", name="确认提交").click()
    page.get_by_text("异议已处理").wait_for()

    # The notice period runs out (moved into the past here), and the city names the unit.
    Notice.objects.filter(pk=notice.pk).update(starts_on=date.today() - timedelta(days=20),
                                               ends_on=date.today() - timedelta(days=1))
    page.reload()
    page.get_by_role("button", name="公示期满，予以命名").click()
    page.get_by_role("heading", name="确认公示期满，予以命名？").wait_for()
    page.keyboard.press("Enter")  # the confirm button has the focus: the keyboard alone confirms
    page.get_by_text("已命名 1 家单位").wait_for()
    recognition = Recognition.objects.get(application=application)
    _logout(page)

    # The certificate's QR code URL opens the public verification page.
    url = verification_url(recognition)
    assert url.endswith(f"/verify/{recognition.number}/")
    page.goto(base + url[url.index("/verify/"):])
    expect(page.get_by_text("该证书真实有效")).to_be_visible()
    expect(page.get_by_role("cell", name=cast.unit_a.name)).to_be_visible()
