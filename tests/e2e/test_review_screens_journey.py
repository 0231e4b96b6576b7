"""The review page as county staff use it: a decision confirmed by keyboard alone with JavaScript off."""

import pytest

from apps.assessments.workflow import Status
from tests.reviews.conftest import application, campaign, form_panel, score_all, standard  # noqa: F401 fixtures

from .conftest import ARTIFACTS, CHROMIUM, login  # noqa: F401

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
