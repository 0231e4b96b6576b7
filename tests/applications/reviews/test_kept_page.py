"""The review page's parts kept per application (apps/applications/reviews/page.py): each service that changes what
they show drops them at once, a blind member still sees only their own sheet, the language is the viewer's, and a
viewer of another county gets 404 as before, never a part of the application."""

import re
from datetime import date

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Party
from apps.applications.assessments.services import answer_save
from apps.applications.experts import services as experts
from apps.applications.notices.services import province_decision_record, province_forward
from apps.applications.reviews import services
from apps.applications.reviews.models import PanelMember, ScoreLevel
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import Status
from apps.campaigns.models import CampaignPolicy
from apps.campaigns.services import policy_save
from apps.surveys.services import survey_open
from tests.fixtures.reviews import approved, form_panel, make_application, score_all, sheet

pytestmark = pytest.mark.django_db


def _page(client, user, application, **headers) -> str:
    client.force_login(user)
    response = client.get(reverse("reviews:detail", args=[application.pk]), **headers)
    assert response.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def _timeline(html: str) -> str:
    return html.split('<h2 class="h4">流转记录</h2>')[1]


def test_a_decision_shows_in_the_kept_timeline(client, cast, application, standard):
    form_panel(application, cast)
    application.refresh_from_db()
    score_all(application, cast, standard)
    assert "同意通过的理由" not in _page(client, cast.county_admin_x, application)
    application_transition(application=application, to=Status.COUNTY_APPROVED, by=cast.county_admin_x,
                           comment="同意通过的理由")
    assert "同意通过的理由" in _timeline(_page(client, cast.county_admin_x, application))


def test_a_panel_formed_after_the_township_precheck_shows_at_once(client, cast, campaign, standard):
    application = make_application(cast.unit_a, campaign, standard, status=Status.COUNTY_REVIEW)
    assert 'data-testid="panel"' not in _page(client, cast.county_admin_x, application)
    form_panel(application, cast)  # no move: the review is open already
    html = _page(client, cast.county_admin_x, application)
    assert 'data-testid="panel"' in html and str(cast.reviewers_x[Party.UNION]) in html


def test_a_members_submitted_sheet_shows_at_once(client, cast, application, standard):
    form_panel(application, cast)
    application.refresh_from_db()
    assert "已提交评分" not in _page(client, cast.county_admin_x, application)
    member = PanelMember.objects.get(panel__application=application, user=cast.reviewers_x[Party.UNION])
    services.sheet_save(member=member, values=sheet(standard, {"B1.1": "3"}), submit=False, by=member.user)
    assert 'fw-bold member-col">3<' in _page(client, cast.county_admin_x, application)


def test_the_citys_scores_show_at_once(client, cast, application, standard):
    approved(application, cast, standard)
    assert 'fw-bold">4<' not in _page(client, cast.city_admin, application)
    services.level_sheet_save(application=application, level=ScoreLevel.CITY, values=sheet(standard, {"B1.1": "4"}),
                              by=cast.city_admin)
    assert 'fw-bold">4<' in _page(client, cast.city_admin, application)


def test_an_inspection_and_a_spot_check_show_at_once(client, cast, application):
    assert "暂无实地核查记录" in _page(client, cast.county_admin_x, application)
    services.inspection_add(application=application, visited_on=date(2026, 3, 2), people="核查人甲",
                            findings="现场核查情况", by=cast.county_admin_x)
    html = _page(client, cast.county_admin_x, application)
    assert "现场核查情况" in html and "暂无实地核查记录" not in html
    services.spot_check_add(application=application, findings="市级抽查情况", by=cast.city_admin)
    assert "市级抽查情况" in _page(client, cast.county_admin_x, application)


def test_the_provinces_forwarding_and_decision_show_at_once(client, cast, regions, campaign, standard, application):
    CampaignPolicy.objects.create(region=regions.city, year=campaign.year, province_decides=True)
    approved(application, cast, standard)
    application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.city_admin)
    assert "待登记省级决定" not in _page(client, cast.city_admin, application)
    [decision] = province_forward(applications=[application], by=cast.city_admin)
    assert "待登记省级决定" in _page(client, cast.city_admin, application)
    province_decision_record(decision=decision, passed=True, document_number="晋人社函〔2026〕9号",
                             decided_on=timezone.localdate(), by=cast.city_admin)
    assert "晋人社函〔2026〕9号" in _page(client, cast.city_admin, application)


def test_a_replaced_expert_shows_in_the_panel_at_once(client, cast, application, pool):
    draw = experts.panel_draw(application=application, by=cast.county_admin_x, seed="one")
    application.refresh_from_db()
    declined = next(expert for expert in pool[Party.UNION] if expert.pk == draw.chosen[Party.UNION][0])
    newcomer = next(expert for expert in pool[Party.UNION] if expert.pk != declined.pk)
    panel = _page(client, cast.county_admin_x, application).split('data-testid="panel"')[1].split("</ul>")[0]
    assert str(newcomer.user) not in panel
    experts.expert_decline(application=application, expert=declined, by=cast.county_admin_x, reason="出差")
    panel = _page(client, cast.county_admin_x, application).split('data-testid="panel"')[1].split("</ul>")[0]
    assert str(newcomer.user) in panel and str(declined.user) not in panel


def test_the_units_changed_answer_shows_at_once(client, cast, campaign, standard):
    application = make_application(cast.unit_a, campaign, standard, status=Status.RETURNED)
    criterion = standard.criteria.get(code="B1.1")
    assert '<td class="text-end">3</td>' not in _page(client, cast.county_admin_x, application)
    answer_save(application=application, criterion=criterion, value="3", narrative="", by=cast.rep_a)
    assert '<td class="text-end">3</td>' in _page(client, cast.county_admin_x, application)


def test_the_units_survey_shows_at_once(client, cast, application, questionnaire):
    assert "尚未发起职工满意度调查" in _page(client, cast.county_admin_x, application)
    survey_open(unit=cast.unit_a, year=application.campaign_year.year, by=cast.rep_a)
    assert "尚未发起职工满意度调查" not in _page(client, cast.county_admin_x, application)


def test_a_policy_naming_the_district_renames_the_steps_in_the_timeline(client, cast, regions, campaign, standard,
                                                                       application):
    approved(application, cast, standard)
    application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.city_admin)
    assert "市级已确认" in _timeline(_page(client, cast.city_admin, application))
    policy_save(policy=CampaignPolicy(region=regions.city, year=campaign.year, title_level="区级"), by=cast.city_admin)
    timeline = _timeline(_page(client, cast.city_admin, application))
    assert "区级已确认" in timeline and "市级已确认" not in timeline


def test_the_parts_are_kept_per_language(client, cast, application):
    _page(client, cast.county_admin_x, application)  # kept in Chinese
    english = _page(client, cast.county_admin_x, application, HTTP_ACCEPT_LANGUAGE="en")
    cache.clear()
    assert english == _page(client, cast.county_admin_x, application, HTTP_ACCEPT_LANGUAGE="en")
    assert "暂无实地核查记录" not in english


def test_a_member_who_has_not_submitted_sees_only_their_own_sheet_once_the_offices_part_is_kept(
        client, cast, application, standard):
    form_panel(application, cast)
    application.refresh_from_db()
    union = PanelMember.objects.get(panel__application=application, user=cast.reviewers_x[Party.UNION])
    services.sheet_save(member=union, values=sheet(standard, {"B1.1": "3"}), submit=False, by=union.user)
    assert 'member-col">3<' in _page(client, cast.county_admin_x, application)
    blind = _page(client, cast.reviewers_x[Party.HRSS], application)
    assert 'member-col">3<' not in blind and "（提交本人评分后可见）" in blind


def test_another_countys_viewers_get_404_and_no_part(client, cast, application):
    services.inspection_add(application=application, visited_on=date(2026, 3, 2), people="核查人甲",
                            findings="现场核查情况", by=cast.county_admin_x)
    _page(client, cast.county_admin_x, application)
    for user in (cast.county_admin_y, cast.reviewer_y):
        client.force_login(user)
        response = client.get(reverse("reviews:detail", args=[application.pk]))
        assert response.status_code == 404 and "现场核查情况" not in response.content.decode()


def test_a_blind_members_own_saved_sheet_shows_on_their_page_at_once(client, cast, application, standard):
    form_panel(application, cast)
    application.refresh_from_db()
    member = PanelMember.objects.get(panel__application=application, user=cast.reviewers_x[Party.HRSS])
    assert 'member-col">3<' not in _page(client, member.user, application)
    services.sheet_save(member=member, values=sheet(standard, {"B1.1": "3"}), submit=False, by=member.user)
    assert 'member-col">3<' in _page(client, member.user, application)
