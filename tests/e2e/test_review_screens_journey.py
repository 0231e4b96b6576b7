"""The review page as county staff use it: a decision confirmed by keyboard alone with JavaScript off."""

import pytest
from playwright.sync_api import expect

from apps.applications.workflow.states import Status
from tests.fixtures.reviews import form_panel, score_all

from .browser import ARTIFACTS, login

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def scored(application, cast, standard):  # noqa: F811
    form_panel(application, cast)
    application.refresh_from_db()
    score_all(application, cast, standard)
    return application


def test_a_decision_is_confirmed_by_keyboard_with_javascript_off(browser, live_server, scored, cast):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900}, java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    try:
        login(page, "county_admin_x")
        page.goto(f"{live_server.url}/reviews/{scored.pk}/")
        page.get_by_label("意见和理由").fill("台账不全")
        page.get_by_role("button", name="提交结论").focus()
        page.keyboard.press("Enter")  # no outcome chosen: refused, the comment stays
        page.get_by_text("请选择评估结论。").first.wait_for()
        assert page.get_by_label("意见和理由").input_value() == "台账不全"
        page.get_by_label("退回修改").focus()
        page.keyboard.press("Space")
        page.get_by_role("button", name="提交结论").focus()
        page.keyboard.press("Enter")
        page.get_by_role("heading", name="确认提交评估结论“退回修改”？").wait_for()
        scored.refresh_from_db()
        assert scored.status == Status.COUNTY_REVIEW
        page.keyboard.press("Enter")  # the confirm button has the focus
        page.get_by_text("已办理：退回修改。").wait_for()
        scored.refresh_from_db()
        assert scored.status == Status.RETURNED
    finally:
        context.close()


def test_the_score_table_fits_1366_keeps_the_item_column_and_folds_members(page, scored, cast, standard):  # noqa: F811
    from apps.accounts.models import Party
    from apps.applications.reviews import services
    from tests.fixtures.reviews import GOOD

    member = scored.review_panel.members.get(party=Party.UNION)
    criteria = {c.code: c for c in standard.criteria.all()}
    values = {criteria[code].pk: (value, "") for code, value in GOOD.items()}
    values[criteria["C1"].pk] = ("26", "集体协商记录缺少职工方签字，酌减一分")
    services.sheet_save(member=member, values=values, submit=True, by=member.user)

    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, "county_admin_x")
    page.goto(f"{page.base_url}/reviews/{scored.pk}/")
    table = page.locator("#comparison-table")
    expect(table.get_by_text("集体协商记录缺少职工方签字，酌减一分")).to_be_visible()  # the member's comment
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366  # the page itself never scrolls sideways
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "review-table-1366.png"), full_page=True)

    scroller = page.locator(".comparison-scroll")
    item = table.locator("tbody th.item-col").first
    left = scroller.bounding_box()["x"]
    scroller.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    assert abs(item.bounding_box()["x"] - left) < 2  # still in view at the left edge after scrolling

    members = table.locator("thead th.member-col")
    assert members.count() == 4 and members.first.is_visible()
    page.get_by_label("显示评估组各成员的评分和意见").focus()
    page.keyboard.press("Space")
    assert not members.first.is_visible() and not table.locator("td.member-col").first.is_visible()
    assert scroller.evaluate("el => el.scrollWidth <= el.clientWidth")  # folded: the whole table fits
    page.screenshot(path=str(ARTIFACTS / "review-table-1366-folded.png"), full_page=True)
    page.keyboard.press("Space")
    expect(members.first).to_be_visible()


def test_the_printed_review_page_keeps_every_column_of_the_score_table(page, scored, cast):
    """Paper does not scroll: printed, the side-by-side table fits the A4 width instead of losing the members',
    the panel's and the city's columns at the right (found printing the demo's review page from Chromium)."""
    login(page, "county_admin_x")
    page.goto(f"{page.base_url}/reviews/{scored.pk}/")
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 px per inch
    headers = page.locator("#comparison-table thead th")
    expect(headers.last).to_be_visible()
    rights = headers.evaluate_all("ths => ths.map(th => th.getBoundingClientRect().right)")
    assert len(rights) >= 6 and max(rights) <= 794, rights
