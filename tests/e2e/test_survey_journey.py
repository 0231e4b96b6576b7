"""A unit opens its satisfaction survey with answer codes, prints the slips; 30 employees answer on their phones,
each with their own code (a used code is refused); the rep sees only aggregates, takes the survey's score into the
self-evaluation, fills the rest, uploads the evidence and submits."""

import re

import pytest
from playwright.sync_api import expect

from apps.applications.assessments.models import Answer, Application
from apps.standards.services import standard_load_file
from apps.surveys.loading import survey_template_load
from apps.surveys.models import Survey
from tests.factories import CampaignYearFactory
from tests.fixtures.standards import put_in_force

from .browser import login, open_menu
from .test_self_evaluation_journey import answer, upload

pytestmark = pytest.mark.django_db(transaction=True)

DIMENSIONS = [
    "工资收入", "社会保险", "休息休假", "工作环境", "技能培训", "劳动条件", "民主协商", "人文关怀", "总体评价",
]
PHONE = {"locale": "zh-CN", "viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}


def choices_for(respondent: int) -> list[str]:
    """Respondents 0–23 are satisfied (满意), 24–29 not (不满意): 80 % on every question."""
    return ["满意" if respondent < 24 else "不满意"] * len(DIMENSIONS)


def answer_on_phone(page, slip_url: str, labels: list[str]) -> None:
    page.goto(slip_url)
    for group, label in zip(page.locator("fieldset").all(), labels, strict=True):
        group.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="提交").click()
    page.get_by_text("您的答卷已提交").wait_for()


def test_thirty_phones_answer_and_the_rep_sees_aggregates(page, phone_page, browser, cast, regions, tmp_path,
                                                        settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    CampaignYearFactory(city=regions.city)
    standard, _ = standard_load_file(path=settings.BASE_DIR / "fixtures" / "standards" / "linfen_enterprise_2023.yaml")
    put_in_force(standard, regions.city)  # 临汾市 has chosen it (the 适用标准 page)
    survey_template_load(path=settings.BASE_DIR / "fixtures" / "surveys" / "linfen_enterprise_satisfaction.yaml")
    login(page, "rep_a")
    open_menu(page, "创建申报", "满意度调查")
    page.get_by_label("职工人数").fill("40")
    expect(page.get_by_label("答题码（每个答题码只能提交一次，可计入自评得分）")).to_be_checked()
    page.get_by_role("button", name="发起本年度调查").click()
    page.get_by_text("已发起本年度职工满意度调查").wait_for()
    page.get_by_role("button", name="生成并打印答题码").click()
    expect(page.get_by_text("已生成 40 个答题码")).to_be_visible()
    slips = page.get_by_test_id("code-slip")
    expect(slips).to_have_count(40)
    expect(slips.first.locator("svg.survey-qr")).to_be_visible()
    page.screenshot(path=str(tmp_path / "code-sheet.png"), full_page=False)
    codes = [code.replace("-", "") for code in page.get_by_test_id("code").all_inner_texts()]
    survey = Survey.objects.get(unit=cast.unit_a)
    slip_urls = [f"{page.base_url}/s/{survey.token}/#code={code}" for code in codes]
    assert slips.first.locator("svg.survey-qr title").text_content() == slip_urls[0]
    page.get_by_role("link", name="返回调查").click()
    expect(page.get_by_text("答题码：共生成 40 个，已使用 0 个，已作废 0 个。")).to_be_visible()

    # The first employee scans their slip and forgets a question: a Chinese message, the chosen answers stay.
    phone_page.goto(slip_urls[0])
    expect(phone_page.get_by_label("答题码")).to_have_value(f"{codes[0][:5]}-{codes[0][5:]}")
    assert "#" not in phone_page.url, "the code leaves the address bar once it is in the field"
    groups = phone_page.locator("fieldset")
    assert groups.count() == len(DIMENSIONS)
    for group in groups.all()[1:]:
        group.get_by_label("满意", exact=True).check()
    phone_page.get_by_role("button", name="提交").click()
    expect(phone_page.get_by_text("请选择您对“工资收入”的满意程度。").first).to_be_visible()
    assert phone_page.locator("fieldset").nth(8).get_by_label("满意", exact=True).is_checked()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the survey scrolls sideways on a phone ({width}px)"
    phone_page.locator("fieldset").first.get_by_label("满意", exact=True).check()
    phone_page.get_by_role("button", name="提交").click()
    phone_page.get_by_text("您的答卷已提交").wait_for()
    # The same code cannot answer twice, from this phone or any other: a Chinese message at the code field.
    for context in (None, browser.new_context(**PHONE)):
        again = phone_page if context is None else context.new_page()
        again.goto(slip_urls[0])
        for group in again.locator("fieldset").all():
            group.get_by_label("非常满意", exact=True).check()
        again.get_by_role("button", name="提交").click()
        expect(again.get_by_text("这个答题码已经使用过，每个答题码只能提交一次。")).to_be_visible()
        expect(again.get_by_label("答题码")).to_have_attribute("aria-invalid", "true")
        if context is not None:
            context.close()
    assert Survey.objects.get(unit=cast.unit_a).response_count == 1

    for respondent in range(1, 30):
        context = browser.new_context(**PHONE)
        try:
            answer_on_phone(context.new_page(), slip_urls[respondent], choices_for(respondent))
        finally:
            context.close()

    assert Survey.objects.get(unit=cast.unit_a).response_count == 30
    page.reload()
    expect(page.get_by_text("答题码：共生成 40 个，已使用 30 个，已作废 0 个。")).to_be_visible()
    expect(page.get_by_text("共 30 份答卷")).to_be_visible()
    expect(page.get_by_text("综合满意率：80.0%")).to_be_visible()
    expect(page.get_by_text("达到 80% 要求")).to_be_visible()
    for dimension in DIMENSIONS:
        row = page.get_by_role("row", name=re.compile(dimension))
        assert row.get_by_role("cell", name="80.0%").is_visible(), dimension

    # The aggregate shows on the self-evaluation page, and item 9 takes the survey's score with its source.
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="工作台").click()
    page.get_by_role("link", name="开始本年度创建申报").click()
    page.get_by_role("button", name="开始填报").click()
    summary = page.locator("#survey-summary")
    expect(summary.get_by_test_id("survey-overall")).to_contain_text("30 份答卷")
    expect(summary.get_by_test_id("survey-overall")).to_contain_text("80.0%")
    item = page.locator('form[data-code="9"]')
    expect(item.get_by_test_id("survey-source-9")).to_contain_text("折算本项 12 分（本项满分 15 分）")
    item.get_by_role("button", name="采用调查折算分（12 分）").click()
    expect(page.locator('form[data-code="9"]').get_by_label("自评分")).to_have_value("12")
    expect(page.locator('form[data-code="9"]').get_by_text("当前自评分即调查折算分")).to_be_visible()
    expect(page.get_by_test_id("total")).to_have_text("12")
    saved = Answer.objects.get(criterion__code="9")
    assert saved.value == "12" and "综合满意率 80.0%" in saved.narrative

    # The rest of the self-evaluation, the evidence, and the submission with the survey's score in the snapshot.
    full_marks = {"1": "10", "2": "15", "3": "12", "4": "10", "5": "10", "6": "8", "7": "10", "8": "10"}
    for code, value in full_marks.items():
        answer(page, code, value)
    for code in ("F1", "F2", "F3"):
        answer(page, code, "no")
    expect(page.get_by_test_id("total")).to_have_text("97")
    upload(page, "职工(代表)大会审议通过的自我评价报告", "职代会决议.pdf")
    upload(page, "申报承诺书", "承诺书.pdf")
    page.get_by_role("button", name="提交申报").click()
    page.get_by_role("button", name="确认提交").click()
    expect(page.get_by_text("已提交第 1 版申报，等待审核。")).to_be_visible()
    snapshot = Application.objects.get(unit=cast.unit_a).revisions.get().snapshot
    assert snapshot["score"]["total"] == "97"
