"""Department opinions before the notice in Chromium: the city sends the confirmed unit to two departments, one
department objects with its reasons and the other has none, the city sees the objection on the consultation's
page, and the notice starts only once every department has answered and the objection is decided."""

import pytest

from apps.accounts.models import Role
from apps.applications.notices.models import Notice
from apps.applications.opinions.models import Department, DepartmentOpinion, OpinionStatus, Verdict
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import Status
from tests.factories import MembershipFactory, UserFactory
from tests.fixtures.reviews import approved

from .browser import login

pytestmark = pytest.mark.django_db(transaction=True)


def _publish(page, regions, cast) -> None:
    page.goto(f"{page.base_url}/notices/manage/")
    page.get_by_label(f"{regions.county_x.name} · {cast.unit_a.name}").check()
    page.get_by_label("公示期（工作日）").fill("5")
    page.get_by_role("button", name="发布公示").click()
    page.get_by_role("button", name="确认发布").click()


def _answer(page, username: str, *, objection: str = "") -> None:
    page.context.clear_cookies()
    login(page, username)
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="征求意见").click()
    page.get_by_role("link", name="拟公示名单征求部门意见").click()
    if objection:
        page.get_by_label("有异议", exact=True).check()
        page.get_by_label("异议理由（有异议时必填）").fill(objection)
    else:
        page.get_by_label("无异议", exact=True).check()
    page.get_by_role("button", name="提交意见").click()
    page.get_by_role("heading", name="确认提交意见？提交后不能修改。").wait_for()  # an answer is final
    page.keyboard.press("Enter")  # the confirm button has the focus
    page.get_by_text("意见已提交。").wait_for()


def test_the_notice_starts_only_after_the_departments_answered_and_the_objection_is_decided(
        page, cast, regions, campaign, standard, application):
    approved(application, cast, standard)
    application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.city_admin)
    market = Department.objects.create(region=regions.city, name="市场监督管理局")
    market.staff.add(cast.department_staff)
    tax = Department.objects.create(region=regions.city, name="税务局")
    tax.staff.add(MembershipFactory(user=UserFactory(username="tax_staff"), role=Role.DEPARTMENT_STAFF,
                                    region=regions.city).user)

    login(page, "city_admin")
    page.get_by_role("navigation", name="主导航").get_by_role("button", name="评估命名").click()
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="征求部门意见").click()
    page.get_by_role("link", name="发起征求意见").click()
    page.get_by_label(f"{regions.county_x.name} · {cast.unit_a.name}").check()
    page.get_by_label("市场监督管理局").check()
    page.get_by_label("税务局").check()
    page.get_by_role("button", name="发送", exact=True).click()
    page.get_by_role("button", name="确认发送").click()
    page.get_by_text("已向 2 个部门征求意见").wait_for()

    _publish(page, regions, cast)
    page.get_by_text("征求部门意见尚未结束：市场监督管理局、税务局尚未答复").wait_for()

    _answer(page, "department_staff", objection="2025年因虚假宣传受到行政处罚，尚未整改完毕")
    _answer(page, "tax_staff")

    page.context.clear_cookies()
    login(page, "city_admin")
    page.get_by_text("市场监督管理局提出异议，待处理").wait_for()  # on the city's home page
    _publish(page, regions, cast)
    page.get_by_text("部门提出的异议尚有 1 条未处理").wait_for()
    assert not Notice.objects.exists()

    page.get_by_role("navigation", name="主导航").get_by_role("button", name="评估命名").click()
    page.get_by_role("navigation", name="主导航").get_by_role("link", name="征求部门意见").click()
    page.get_by_role("link", name="拟公示名单征求部门意见").click()
    page.get_by_text("2025年因虚假宣传受到行政处罚，尚未整改完毕").wait_for()
    page.get_by_label("异议不成立").check()
    page.get_by_label("处理意见").fill("经核实已整改到位，不影响命名")
    page.get_by_role("button", name="提交处理结果").click()
    page.get_by_role("button", name="确认提交").click()
    page.get_by_text("部门意见已处理。").wait_for()
    assert DepartmentOpinion.objects.get(verdict=Verdict.OBJECTION).status == OpinionStatus.DISMISSED

    _publish(page, regions, cast)
    page.get_by_text("公示已发布").wait_for()
    application.refresh_from_db()
    assert application.status == Status.IN_NOTICE
