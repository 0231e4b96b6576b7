"""The return loop in Chromium: the county returns an application with per-item comments, the unit sees them
beside the items, revises and resubmits, the same panel scores revision 2 and the county approves it.

Revision 1's submission and the panel's first scoring are set up through the services (the first pass is
test_review_journey.py); everything from the county's return on is done in the browser.
"""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from apps.applications.assessments.services import application_submit
from apps.applications.reviews.models import ArchivedSheet
from apps.applications.workflow.states import Status
from apps.campaigns.selectors import NATIONAL_PANEL_PARTIES
from tests.fixtures.assessments import attach_required
from tests.fixtures.reviews import GOOD, form_panel, make_application, score_all

from .browser import login
from .test_review_journey import open_review
from .test_self_evaluation_journey import answer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scored(cast, regions, settings, tmp_path):
    """Revision 1 submitted and scored by the whole four-party panel."""
    from apps.campaigns.models import CampaignYear
    from apps.standards.services import standard_load_file

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    standard, _ = standard_load_file(path=settings.BASE_DIR / "fixtures" / "standards" / "demo_all_features.yaml")
    year = date.today().year
    campaign = CampaignYear.objects.create(
        city=regions.city, year=year, self_evaluation_opens=date(year, 1, 1), self_evaluation_closes=date(year, 12, 31),
        county_review_deadline=date(year, 12, 31), city_confirmation_deadline=date(year, 12, 31),
    )
    application = make_application(cast.unit_a, campaign, standard, status=Status.DRAFT)
    attach_required(application, cast.rep_a)
    application_submit(application=application, by=cast.rep_a)
    form_panel(application, cast)
    application.refresh_from_db()
    score_all(application, cast, standard)
    return application


def _logout(page):
    page.context.clear_cookies()


def test_returned_with_item_comments_revised_resubmitted_rescored_and_approved(page, cast, scored):
    application = scored
    b2 = application.standard.criteria.get(code="B2")

    # The county returns revision 1 with a reason and a comment on item B2.
    login(page, "county_admin_x")
    open_review(page, cast.unit_a.name)
    page.get_by_label("退回修改", exact=True).check()
    page.get_by_label("意见和理由").fill("请补充工资支付台账")
    page.get_by_text("逐项修改意见（退回修改时单位可见）").click()
    page.get_by_label(re.compile(r"^B2 ")).fill("缺少近三个月工资支付凭证，请核实得分")
    page.get_by_role("button", name="提交结论").click()
    page.get_by_role("heading", name="确认提交评估结论“退回修改”？").wait_for()
    page.get_by_role("button", name="确认提交结论").click()
    page.get_by_text("已办理").wait_for()
    expect(page.locator("#application-status")).to_have_text("退回修改")
    _logout(page)

    # The unit is led from its home to the feedback, and sees the comment beside item B2 while revising.
    login(page, "rep_a")
    expect(page.get_by_text("请补充工资支付台账")).to_be_visible()
    page.get_by_role("link", name="查看退回修改意见").click()
    expect(page.get_by_text("缺少近三个月工资支付凭证")).to_be_visible()
    page.get_by_role("link", name="修改申报").click()
    expect(page.get_by_role("alert").filter(has_text="退回理由")).to_contain_text("请补充工资支付台账")
    item = page.locator(f"#item-{b2.pk}")
    expect(item.get_by_role("note")).to_contain_text("缺少近三个月工资支付凭证，请核实得分")
    expect(page.locator('form[data-code="C1"]').get_by_role("note")).to_have_count(0)
    answer(page, "B2", "23")
    page.get_by_role("button", name="提交申报").click()
    page.get_by_role("heading", name="确认提交申报？").wait_for()
    page.get_by_role("button", name="确认提交").click()
    page.get_by_text("已提交第 2 版申报").wait_for()
    _logout(page)

    # The county finds it on its workbench, sees what changed and has the same panel score revision 2.
    login(page, "county_admin_x")
    section = page.locator(".card").filter(has=page.get_by_role("heading", name="退回后待重新评估的申报"))
    expect(section).to_contain_text("退回修改后重新提交（第 2 版）")
    section.get_by_role("link", name=cast.unit_a.name).click()
    expect(page.get_by_role("heading", name="第 1 版与第 2 版对比")).to_be_visible()
    expect(page.locator("ins").filter(has_text="23")).to_be_visible()
    page.get_by_role("button", name="原评估组对第 2 版重新评分").click()
    page.get_by_text("已重新开始评估").wait_for()
    expect(page.locator("#application-status")).to_have_text("县级评估验收中")
    _logout(page)

    # Each member opens their sheet (started from their revision-1 scores), corrects B2 and submits.
    for party in NATIONAL_PANEL_PARTIES:
        login(page, f"reviewer_{party}_x")
        open_review(page, cast.unit_a.name)
        page.get_by_role("link", name="填写我的评分表").click()
        expect(page.get_by_role("status")).to_contain_text("已预填您上一轮（第 1 版）的评分")
        page.locator(f"#v_{b2.pk}").fill("23")
        page.get_by_role("button", name="提交评分表").click()
        page.get_by_text("评分已保存").wait_for()
        _logout(page)

    # The county sees revision 1's sheets as history and approves revision 2.
    login(page, "county_admin_x")
    open_review(page, cast.unit_a.name)
    expect(page.get_by_role("heading", name="历次评分（历史记录）")).to_be_visible()
    expect(page.get_by_text("第 1 轮评分（第 1 版）")).to_be_visible()
    page.get_by_label("验收通过，报送市级").check()
    page.get_by_label("意见和理由").fill("已补充材料，重新评分通过")
    page.get_by_role("button", name="提交结论").click()
    page.get_by_role("heading", name="确认提交评估结论“验收通过，报送市级”？").wait_for()
    page.get_by_role("button", name="确认提交结论").click()
    page.get_by_text("已办理").wait_for()
    expect(page.locator("#application-status")).to_have_text("县级验收通过")
    application.refresh_from_db()
    assert (application.status, application.revision) == (Status.COUNTY_APPROVED, 2)
    assert str(application.review_panel.result_total) == "91.00"
    assert ArchivedSheet.objects.filter(panel__application=application, revision=1).count() == 4
    assert GOOD["B2"] == "24"
