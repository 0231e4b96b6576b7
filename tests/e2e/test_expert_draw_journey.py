"""In Chromium: the county draws the panel from the expert pool, one drawn expert declines and a replacement is
drawn for that party, the members score on their own sheets, and the county sees the disagreement flagged."""

import pytest

from apps.accounts.models import Party, Role
from apps.applications.experts.models import Expert, ExpertDraw
from apps.applications.reviews.models import PanelMember
from apps.applications.workflow.states import Status
from tests.factories import MembershipFactory, UserFactory
from tests.fixtures.reviews import GOOD, make_application

from .browser import login, open_menu
from .test_review_journey import open_review

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_county_draws_a_panel_replaces_a_decliner_and_sees_disagreements(page, cast, regions, campaign, settings):
    from apps.standards.services import standard_load_file

    standard, _ = standard_load_file(path=settings.BASE_DIR / "fixtures" / "standards" / "demo_all_features.yaml")
    application = make_application(cast.unit_a, campaign, standard, status=Status.SUBMITTED)
    for party, user in cast.reviewers_x.items():
        second = MembershipFactory(user=UserFactory(username=f"second_{party}"), role=Role.COUNTY_REVIEWER,
                                   region=regions.county_x, party=party).user
        Expert.objects.create(region=regions.county_x, name=f"专家{party}甲", party=party, employer="县人社局",
                              user=user)
        Expert.objects.create(region=regions.city, name=f"专家{party}乙", party=party, employer="市总工会",
                              user=second)

    login(page, "county_admin_x")
    open_menu(page, "评估命名", "评估专家库")
    page.get_by_role("heading", name="评估专家库").wait_for()
    assert page.get_by_role("link", name=f"专家{Party.UNION}甲").count() == 1
    open_review(page, cast.unit_a.name)
    page.get_by_role("button", name="随机抽取并组建评估组").click()
    page.get_by_text("已随机抽取专家组建评估组").wait_for()
    draw = ExpertDraw.objects.get()
    declined = Expert.objects.get(pk=draw.chosen[Party.UNION][0])
    row = page.locator("#drawn-experts li", has_text=declined.name)
    row.get_by_label("不能参加的原因").fill("外出学习")
    row.get_by_role("button", name="不能参加，重新抽取").click()
    page.get_by_text("已为工会重新抽取专家").wait_for()
    replacement = Expert.objects.get(pk=ExpertDraw.objects.first().chosen[Party.UNION][0])
    assert replacement != declined
    page.get_by_role("link", name="查看抽取记录（随机种子和候选名单）").click()
    page.get_by_text("外出学习").wait_for()
    page.get_by_text("结果一致").wait_for()
    page.context.clear_cookies()

    criteria = {c.code: c for c in standard.criteria.all()}
    members = PanelMember.objects.filter(panel__application=application).select_related("user")
    assert {m.user for m in members} >= {replacement.user} and declined.user not in {m.user for m in members}
    for member in members:
        login(page, member.user.username)
        open_review(page, cast.unit_a.name)
        page.get_by_role("link", name="填写我的评分表").click()
        for code, value in GOOD.items():
            field = page.locator(f"#v_{criteria[code].pk}")
            if code in ("D1", "V1", "V2"):
                field.select_option(value)
            else:
                field.fill("17" if (code == "C1" and member.party == Party.UNION) else value)
        page.get_by_role("button", name="提交评分表").click()
        page.get_by_text("评分已保存").wait_for()
        page.context.clear_cookies()

    login(page, "county_admin_x")
    open_review(page, cast.unit_a.name)
    flag = page.locator("#disagreements")
    flag.wait_for()
    assert "C1" in flag.inner_text() and "最低 17 分，最高 27 分" in flag.inner_text()
