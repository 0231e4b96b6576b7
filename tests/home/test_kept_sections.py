"""The county and city workbench sections kept per region (apps/core/region_cache.py): each shows a change made
through its service at once, on the workbench of the region it concerns and on no other."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from apps.applications.named_units.services import yearly_report_review, yearly_report_save
from apps.applications.workflow.service import application_transition, title_revoke
from apps.applications.workflow.states import Status
from apps.campaigns.services import policy_save
from apps.oversight.supervision.models import VisitKind
from apps.oversight.supervision.services import (
    rectification_accept,
    rectification_item_add,
    rectification_report,
    rectification_return,
    supervision_visit_record,
)
from apps.registry.coordinators.services import coordinator_save
from apps.registry.enterprises.services import EnterpriseData, enterprise_register, enterprise_update
from apps.registry.enterprises.uscc import uscc_with_check_digit
from apps.registry.services import unit_registration_resubmit, unit_reject, unit_verify
from tests.factories import CampaignPolicyFactory, EnterpriseFactory, named
from tests.fixtures.reviews import form_panel, score_all

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def _section(client, user, title: str) -> str:
    """The workbench's card under ``title``, up to the next heading."""
    client.force_login(user)
    page = client.get("/home/").content.decode()
    assert title in page
    return page.split(title, 1)[1].split("<h3", 1)[0]


PANEL, DECIDE, CONFIRM = "待组建评估组的申报", "待作出评估结论的申报", "待市级确认的申报"


def test_the_county_queues_follow_the_panel_the_sheets_and_the_decision(client, cast, application, standard):
    assert "甲公司" in _section(client, cast.county_admin_x, PANEL)
    assert "甲公司" not in _section(client, cast.county_admin_y, PANEL)  # the other county's workbench
    assert "甲公司" not in _section(client, cast.city_admin, CONFIRM)
    form_panel(application, cast)  # the panel moves it to county review (application_transition)
    assert "甲公司" not in _section(client, cast.county_admin_x, PANEL)
    assert "甲公司" not in _section(client, cast.county_admin_x, DECIDE)
    application.refresh_from_db()
    score_all(application, cast, standard)  # the last sheet in (sheet_save): the county can decide
    assert "甲公司" in _section(client, cast.county_admin_x, DECIDE)
    assert "甲公司" not in _section(client, cast.county_admin_y, DECIDE)
    application_transition(application=application, to=Status.COUNTY_APPROVED, by=cast.county_admin_x)
    assert "甲公司" not in _section(client, cast.county_admin_x, DECIDE)
    assert "甲公司" in _section(client, cast.city_admin, CONFIRM)


def test_a_policy_with_the_township_precheck_takes_a_first_submission_out_of_the_panel_queue(
        client, cast, application):
    assert "甲公司" in _section(client, cast.county_admin_x, PANEL)
    policy = CampaignPolicyFactory.build(region=application.campaign_year.city, year=application.campaign_year.year,
                                         township_precheck=True)
    policy_save(policy=policy, by=cast.city_admin)
    assert "甲公司" not in _section(client, cast.county_admin_x, PANEL)


def test_a_renamed_unit_shows_its_new_name_in_the_queue(client, cast, application):
    enterprise_a = EnterpriseFactory(unit=cast.unit_a)
    assert "甲公司" in _section(client, cast.county_admin_x, PANEL)
    enterprise_update(enterprise=enterprise_a, by=cast.county_admin_x,
                      data=EnterpriseData(name="甲公司（更名）", uscc=enterprise_a.uscc, region=cast.unit_a.region))
    assert "甲公司（更名）" in _section(client, cast.county_admin_x, PANEL)


ENDING = "天内到期的称号"


def _page(client, user) -> str:
    client.force_login(user)
    return client.get("/home/").content.decode()


def test_titles_ending_soon_are_counted_as_soon_as_one_is_conferred_or_revoked(client, cast, regions):
    assert ENDING not in _page(client, cast.county_admin_x)
    issued = TODAY.replace(year=TODAY.year - 3) + datetime.timedelta(days=30)
    title = named(cast.unit_a, city=regions.city, by=cast.city_admin, issued_on=issued, years=3)
    assert "天内到期的称号 1 项" in _page(client, cast.county_admin_x)
    assert ENDING not in _page(client, cast.county_admin_y)
    title_revoke(recognition=title, by=cast.city_admin, reason="发生重大劳动违法")
    assert ENDING not in _page(client, cast.county_admin_x)


OVERDUE, TO_ACCEPT = "逾期未整改事项", "待验收的整改事项"


def test_rectification_items_move_between_the_two_offices_workbenches(client, cast, regions):
    visit = supervision_visit_record(supervisor=regions.city, region=regions.county_x,
                                     visited_on=TODAY - datetime.timedelta(days=20), kind=VisitKind.SPOT,
                                     participants="市人社局", findings="台账不全", by=cast.city_admin)
    assert "补齐台账" not in _section(client, cast.county_admin_x, OVERDUE)
    assert "补齐台账" not in _section(client, cast.city_admin, TO_ACCEPT)
    item = rectification_item_add(visit=visit, description="补齐台账", deadline=TODAY - datetime.timedelta(days=5),
                                  responsible=regions.county_x)
    assert "补齐台账" in _section(client, cast.county_admin_x, OVERDUE)
    assert "补齐台账" not in _section(client, cast.county_admin_y, OVERDUE)
    item = rectification_report(item=item, measures="已补齐", rectified_on=TODAY, by=cast.county_admin_x)
    assert "补齐台账" not in _section(client, cast.county_admin_x, OVERDUE)
    assert "补齐台账" in _section(client, cast.city_admin, TO_ACCEPT)
    item = rectification_return(item=item, comment="佐证材料不全", by=cast.city_admin)
    assert "补齐台账" not in _section(client, cast.city_admin, TO_ACCEPT)
    assert "补齐台账" in _section(client, cast.county_admin_x, OVERDUE)  # open again, past its deadline
    item = rectification_report(item=item, measures="已补齐佐证", rectified_on=TODAY, by=cast.county_admin_x)
    assert "补齐台账" in _section(client, cast.city_admin, TO_ACCEPT)
    rectification_accept(item=item, comment="", by=cast.city_admin)
    assert "补齐台账" not in _section(client, cast.city_admin, TO_ACCEPT)


REPORTS = "待审查的年度工作报告"
TEXTS = {"practices": "坚持厂务公开。", "conditions": "按时足额发放工资。", "plans": "开展工资集体协商。"}


def test_a_yearly_report_waits_on_its_countys_workbench_from_filing_to_review(client, cast, titles):
    assert "甲公司" not in _section(client, cast.county_admin_x, REPORTS)
    report = yearly_report_save(recognition=titles[0], by=cast.rep_a, texts=TEXTS, submit=True)
    assert "甲公司" in _section(client, cast.county_admin_x, REPORTS)
    assert "甲公司" not in _section(client, cast.county_admin_y, REPORTS)
    yearly_report_review(report=report, by=cast.county_admin_x, accept=True, comment="")
    assert "甲公司" not in _section(client, cast.county_admin_x, REPORTS)


FIGURES = "本年度培训宣传与荣誉"


def test_a_training_session_recorded_this_year_is_counted_at_once_in_its_county_only(client, cast, regions):
    assert "培训宣传活动 0 场" in _section(client, cast.county_admin_x, FIGURES)
    assert "培训宣传活动 0 场" in _section(client, cast.county_admin_y, FIGURES)
    client.force_login(cast.county_admin_x)
    response = client.post(reverse("training:create"), {
        "held_on": TODAY.isoformat(), "kind": "topic", "method": "classroom", "region": regions.county_x.pk,
        "organiser": "尧都区协调劳动关系三方办公室", "topic": "劳动合同法", "audience": "企业", "hours": "2",
        "people_count": "30", "units_text": "", "summary": ""})
    assert response.status_code == 302
    assert "培训宣传活动 1 场，参加 30 人次" in _section(client, cast.county_admin_x, FIGURES)
    assert "培训宣传活动 0 场" in _section(client, cast.county_admin_y, FIGURES)
    assert "培训宣传活动 1 场" in _section(client, cast.city_admin, FIGURES)


PENDING = "待核验的单位注册"


def _register(regions, name: str, code: str):
    data = EnterpriseData(name=name, uscc=uscc_with_check_digit(code), region=regions.county_x)
    return enterprise_register(data=data, username=code[-6:], password="Zhuce-2026-pass", full_name="填报人")[1]


def test_a_registration_waits_on_its_countys_workbench_until_verified_or_returned(client, cast, regions):
    assert "乙注册公司" not in _section(client, cast.county_admin_x, PENDING)
    returned, verified = _register(regions, "乙注册公司", "91141000MA0K00001"), _register(regions, "丙注册公司",
                                                                                        "91141000MA0K00002")
    page = _section(client, cast.county_admin_x, PENDING)
    assert "乙注册公司" in page and "丙注册公司" in page
    assert "乙注册公司" not in _section(client, cast.county_admin_y, PENDING)
    unit_reject(unit=returned.unit, by=cast.county_admin_x, reason="营业执照不清晰")
    assert "乙注册公司" not in _section(client, cast.county_admin_x, PENDING)
    unit_registration_resubmit(unit=returned.unit, by=cast.county_admin_x, changes={})
    assert "乙注册公司" in _section(client, cast.county_admin_x, PENDING)
    unit_verify(unit=verified.unit, by=cast.county_admin_x)
    assert "丙注册公司" not in _section(client, cast.county_admin_x, PENDING)


GAPS = "缺少持证协调员的命名单位"


def test_the_coordinator_gap_follows_the_policy_the_titles_and_the_ledger(client, cast, regions):
    assert GAPS not in _page(client, cast.county_admin_x)
    policy = CampaignPolicyFactory.build(region=regions.county_x, year=TODAY.year, coordinators_per_named_unit=1)
    policy_save(policy=policy, by=cast.county_admin_x)
    assert "缺少持证协调员的命名单位 0 家" in _page(client, cast.county_admin_x)
    assert GAPS not in _page(client, cast.county_admin_y)
    named(cast.unit_a, city=regions.city, by=cast.city_admin, issued_on=TODAY - datetime.timedelta(days=30))
    assert "缺少持证协调员的命名单位 1 家" in _page(client, cast.county_admin_x)
    coordinator_save(coordinator=None, data={
        "full_name": "王协调", "region": regions.county_x, "certificate_level": "3", "certificate_number": "LR-1",
        "valid_from": TODAY - datetime.timedelta(days=300), "valid_until": TODAY + datetime.timedelta(days=300)},
        units=[cast.unit_a], by=cast.county_admin_x)
    assert "缺少持证协调员的命名单位 0 家" in _page(client, cast.county_admin_x)


def test_an_honour_recommended_this_year_is_counted_at_once_in_its_county_only(client, cast, regions):
    assert "荣誉推荐 0 项" in _section(client, cast.county_admin_x, FIGURES)
    assert "荣誉推荐 0 项" in _section(client, cast.county_admin_y, FIGURES)
    client.force_login(cast.county_admin_x)
    response = client.post(reverse("honours:create"), {
        "year": str(TODAY.year), "category": "collective", "title": "全国和谐劳动关系创建工作先进集体",
        "level": "county", "region": regions.county_x.pk, "recipient": "尧都区劳动人事争议仲裁院", "employer": "",
        "unit": "", "coordinator": "", "status": "recommended", "document_number": "", "decided_on": "",
        "deeds": "多元化解劳动争议成效显著"})
    assert response.status_code == 302
    assert "荣誉推荐 1 项" in _section(client, cast.county_admin_x, FIGURES)
    assert "荣誉推荐 0 项" in _section(client, cast.county_admin_y, FIGURES)


MY_SHEETS, PRECHECK = "待我评分的申报", "待测评的申报"


def test_a_reviewers_open_sheets_are_kept_and_follow_the_panel_the_sheet_and_a_replacement(
        client, cast, application, standard, pool, django_assert_num_queries):
    from apps.accounts.models import Party
    from apps.applications.experts.models import Expert
    from apps.applications.experts.services import expert_decline, panel_draw
    from apps.applications.reviews.models import PanelMember
    from apps.applications.reviews.services import sheet_save
    from tests.fixtures.reviews import GOOD, sheet

    draw = panel_draw(application=application, by=cast.county_admin_x, seed="one")
    seated = {m.party: m.user for m in PanelMember.objects.filter(panel__application=application)}
    sheet_url = f"/reviews/{application.pk}/sheet/"
    assert sheet_url in _section(client, seated[Party.HRSS], MY_SHEETS)
    with django_assert_num_queries(2):  # the session's user and memberships: the section is kept
        client.get("/home/")
    assert sheet_url not in _section(client, cast.reviewer_y, MY_SHEETS)  # another county's reviewer
    # A replacement seats a newcomer and unseats the declined expert, on both workbenches at once.
    declined = Expert.objects.get(pk=draw.chosen[Party.UNION][0])
    assert sheet_url in _section(client, declined.user, MY_SHEETS)
    redraw = expert_decline(application=application, expert=declined, by=cast.county_admin_x, reason="出差")
    newcomer = Expert.objects.get(pk=redraw.chosen[Party.UNION][0]).user
    assert sheet_url not in _section(client, declined.user, MY_SHEETS)
    assert sheet_url in _section(client, newcomer, MY_SHEETS)
    # The member's own sheet submitted: gone from their workbench only.
    member = PanelMember.objects.get(panel__application=application, user=seated[Party.HRSS])
    sheet_save(member=member, values=sheet(standard, GOOD), submit=True, by=member.user)
    assert sheet_url not in _section(client, seated[Party.HRSS], MY_SHEETS)
    assert sheet_url in _section(client, newcomer, MY_SHEETS)


def test_a_panel_formed_after_the_township_precheck_reaches_the_reviewers_at_once(client, cast, campaign, application):
    from tests.factories import precheck_on
    from tests.fixtures.reviews import form_panel

    precheck_on(campaign)
    application_transition(application=application, to=Status.TOWNSHIP_PRECHECK, by=cast.township_staff_x)
    reviewer = next(iter(cast.reviewers_x.values()))
    sheet_url = f"/reviews/{application.pk}/sheet/"
    assert "甲公司" in _section(client, cast.township_staff_x, PRECHECK)
    with CaptureQueriesContext(connection) as again:
        client.get("/home/")
    assert not [q for q in again.captured_queries if "applications_application" in q["sql"]]  # kept
    application_transition(application=application, to=Status.COUNTY_REVIEW, by=cast.township_staff_x)
    assert "甲公司" not in _section(client, cast.township_staff_x, PRECHECK)
    assert sheet_url not in _section(client, reviewer, MY_SHEETS)  # read and kept before the panel
    form_panel(application, cast)  # formed in county review: no move of the application
    assert sheet_url in _section(client, reviewer, MY_SHEETS)
