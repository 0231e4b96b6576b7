"""The loops back to the county: a county return and resubmission, a city send-back, an upheld objection.

Each round of county review is scored afresh; earlier sheets stay visible as history. The unit sees why it
was returned on its application page, beside each item, in the notification and in the e-mail.
"""

import re
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.accounts.models import Party
from apps.applications.assessments.services import answer_save, application_submit
from apps.applications.reviews import services
from apps.applications.reviews.models import ArchivedSheet, CombinationRule
from apps.applications.reviews.results import comparison
from apps.applications.workflow.service import TransitionRefused, application_transition
from apps.applications.workflow.states import Status
from apps.home.workbench import home_for
from apps.notifications.models import Notification
from tests.factories import precheck_on
from tests.fixtures.assessments import attach_required
from tests.fixtures.reviews import GOOD, form_panel, make_application, score_all

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def returned(cast, campaign, standard):
    """Revision 1 submitted, scored by the whole panel and returned with a reason and a comment on B2."""
    application = make_application(cast.unit_a, campaign, standard, status=Status.DRAFT)
    attach_required(application, cast.rep_a)
    application_submit(application=application, by=cast.rep_a)
    form_panel(application, cast)
    application.refresh_from_db()
    score_all(application, cast, standard, overrides={Party.UNION: {"B2": "20"}})
    b2 = standard.criteria.get(code="B2")
    services.review_return(application=application, by=cast.county_admin_x, reason="请补充工资台账",
                           item_comments={b2.pk: "缺少工资支付凭证"})
    application.refresh_from_db()
    return application


@pytest.fixture
def resubmitted(returned, cast, standard):
    """Revision 2: B2 revised from 24 to 23 and resubmitted."""
    b2 = standard.criteria.get(code="B2")
    answer_save(application=returned, criterion=b2, value="23", narrative="已补充工资支付凭证", by=cast.rep_a)
    application_submit(application=returned, by=cast.rep_a)
    returned.refresh_from_db()
    return returned


def _body(client, user, name, pk) -> str:
    client.force_login(user)
    response = client.get(reverse(name, args=[pk]))
    assert response.status_code == 200
    return response.content.decode()


def _county_home_items(user) -> dict[str, list]:
    return {str(section.title): section.items for role_home in home_for(user) for section in role_home.sections}


# --- Return → resubmit → review again ---------------------------------------------------------------------


def test_the_same_panel_scores_revision_2_and_the_county_approves_it(resubmitted, cast, standard):
    assert (resubmitted.status, resubmitted.revision) == (Status.SUBMITTED, 2)
    services.review_round_open(application=resubmitted, by=cast.county_admin_x)
    resubmitted.refresh_from_db()
    assert resubmitted.status == Status.COUNTY_REVIEW
    # Revision 1's sheets do not count for revision 2: every member scores again.
    assert all(member.sheet_submitted_at is None for member in comparison(resubmitted).members)
    with pytest.raises(TransitionRefused, match="尚未提交评分表"):
        application_transition(application=resubmitted, to=Status.COUNTY_APPROVED, by=cast.county_admin_x)
    score_all(resubmitted, cast, standard, values={**GOOD, "B2": "23"})
    application_transition(application=resubmitted, to=Status.COUNTY_APPROVED, by=cast.county_admin_x)
    resubmitted.refresh_from_db()
    assert resubmitted.status == Status.COUNTY_APPROVED
    assert str(resubmitted.review_panel.result_total) == "91.00"


def test_revision_1_sheets_are_kept_as_history_and_shown_on_the_review_page(client, resubmitted, cast):
    services.review_round_open(application=resubmitted, by=cast.county_admin_x)
    history = ArchivedSheet.objects.filter(panel__application=resubmitted)
    assert history.count() == 4
    union = history.get(party=Party.UNION)
    assert (union.round, union.revision, union.values["B2"][0]) == (1, 1, "20")
    body = _body(client, cast.county_admin_x, "reviews:detail", resubmitted.pk)
    assert "历次评分" in body and "第 1 轮评分（第 1 版）" in body


def test_a_return_ends_the_round_so_the_page_never_shows_revision_1_sheets_as_current(resubmitted):
    data = comparison(resubmitted)
    assert data.panel_values == {} and all(m.sheet_submitted_at is None for m in data.members)
    assert ArchivedSheet.objects.filter(panel__application=resubmitted, round=1).count() == 4


def test_the_county_can_re_form_the_panel_for_the_resubmission(resubmitted, cast):
    recorder = cast.reviewers_x[Party.FEDERATION]
    services.panel_form(application=resubmitted, reviewers=list(cast.reviewers_x.values()),
                        rule=CombinationRule.AGREED, recorder=recorder, by=cast.county_admin_x)
    resubmitted.refresh_from_db()
    assert resubmitted.status == Status.COUNTY_REVIEW
    panel = resubmitted.review_panel
    assert panel.rule == CombinationRule.AGREED and panel.members.get(is_recorder=True).user == recorder
    assert not panel.members.filter(sheet_submitted_at__isnull=False).exists()
    assert ArchivedSheet.objects.filter(panel=panel, round=1).count() == 4


def test_a_panel_is_not_re_formed_while_it_scores(cast, application):
    form_panel(application, cast)
    application.refresh_from_db()
    with pytest.raises(ValidationError, match="已组建"):
        form_panel(application, cast)


def test_the_review_page_offers_the_same_panel_or_a_new_one_and_then_the_sheets_and_the_decision(
        client, resubmitted, cast):
    body = _body(client, cast.county_admin_x, "reviews:detail", resubmitted.pk)
    assert "原评估组对第 2 版重新评分" in body and "重新组建评估组" in body
    checked = set(re.findall(r'<input type="checkbox" name="reviewers" value="(\d+)"[^>]* checked>', body))
    assert checked == {str(u.pk) for u in cast.reviewers_x.values()}  # re-forming starts from the current members
    response = client.post(reverse("reviews:reopen", args=[resubmitted.pk]))
    assert response.status_code == 302
    resubmitted.refresh_from_db()
    assert resubmitted.status == Status.COUNTY_REVIEW
    decide = reverse("reviews:decide", args=[resubmitted.pk])
    assert f'action="{decide}"' in _body(client, cast.county_admin_x, "reviews:detail", resubmitted.pk)
    member = cast.reviewers_x[Party.HRSS]
    assert "填写我的评分表" in _body(client, member, "reviews:detail", resubmitted.pk)
    client.force_login(member)
    assert client.get(reverse("reviews:sheet", args=[resubmitted.pk])).status_code == 200


def test_a_member_s_sheet_for_revision_2_starts_from_their_revision_1_scores(client, resubmitted, cast, standard):
    services.review_round_open(application=resubmitted, by=cast.county_admin_x)
    union = cast.reviewers_x[Party.UNION]
    body = _body(client, union, "reviews:sheet", resubmitted.pk)
    b2 = standard.criteria.get(code="B2")
    assert f'id="v_{b2.pk}" value="20"' in body
    assert "上一轮" in body


def test_the_review_page_shows_what_changed_between_revisions(client, resubmitted, cast):
    body = _body(client, cast.county_admin_x, "reviews:detail", resubmitted.pk)
    assert "第 1 版与第 2 版对比" in body
    assert "<del>24</del>" in body and "<ins>23</ins>" in body and "已补充工资支付凭证" in body
    # Beside it, what the county asked for, so the panel can check it was done.
    assert "第 1 版的退回意见" in body and "缺少工资支付凭证" in body


def test_the_resubmission_is_on_the_county_workbench_and_marked_in_the_queue(client, resubmitted, cast):
    items = _county_home_items(cast.county_admin_x)["退回后待重新评估的申报"]
    assert [item.label for item in items] == [cast.unit_a.name]
    assert "第 2 版" in items[0].note
    client.force_login(cast.county_admin_x)
    queue = client.get(reverse("reviews:queue")).content.decode()
    assert cast.unit_a.name in queue and "退回修改后重新提交（第 2 版）" in queue
    assert not _county_home_items(cast.county_admin_y)["退回后待重新评估的申报"]


def test_the_resubmission_goes_to_the_county_not_back_to_the_township(returned, cast, campaign, standard):
    precheck_on(campaign)
    application_submit(application=returned, by=cast.rep_a)
    returned.refresh_from_db()
    services.review_round_open(application=returned, by=cast.county_admin_x)
    returned.refresh_from_db()
    assert returned.status == Status.COUNTY_REVIEW


def test_only_the_county_admin_of_the_unit_s_county_re_opens_review(client, resubmitted, cast):
    client.force_login(cast.county_admin_y)
    assert client.post(reverse("reviews:reopen", args=[resubmitted.pk])).status_code == 404
    reviewers = {"reviewers": [u.pk for u in cast.reviewers_x.values()], "rule": "mean"}
    assert client.post(reverse("reviews:panel_form", args=[resubmitted.pk]), reviewers).status_code == 404
    client.force_login(cast.reviewers_x[Party.HRSS])
    assert client.post(reverse("reviews:reopen", args=[resubmitted.pk])).status_code == 403
    resubmitted.refresh_from_db()
    assert resubmitted.status == Status.SUBMITTED


# --- City send-back and upheld objection -----------------------------------------------------------------


def _county_approved(application, cast, standard):
    form_panel(application, cast)
    application.refresh_from_db()
    score_all(application, cast, standard)
    application_transition(application=application, to=Status.COUNTY_APPROVED, by=cast.county_admin_x)


def test_a_city_send_back_is_on_the_county_workbench_with_its_reason(client, application, cast, standard):
    _county_approved(application, cast, standard)
    application_transition(application=application, to=Status.CITY_RETURNED, by=cast.city_admin,
                           comment="实地核查记录缺少照片")
    items = _county_home_items(cast.county_admin_x)["退回后待重新评估的申报"]
    assert [item.label for item in items] == [cast.unit_a.name]
    assert "实地核查记录缺少照片" in items[0].note
    body = _body(client, cast.county_admin_x, "reviews:detail", application.pk)
    assert "实地核查记录缺少照片" in body and "原评估组重新评分" in body and "重新组建评估组" in body
    # The same panel scores again; the first round's sheets become history.
    client.post(reverse("reviews:reopen", args=[application.pk]))
    application.refresh_from_db()
    assert application.status == Status.COUNTY_REVIEW
    assert ArchivedSheet.objects.filter(panel__application=application).count() == 4
    assert not _county_home_items(cast.county_admin_x)["退回后待重新评估的申报"]


def test_an_upheld_objection_is_on_the_county_workbench_with_its_reason(application, cast, standard, regions):
    from apps.applications.notices.models import Objection
    from apps.applications.notices.services import notice_publish, objection_handle

    _county_approved(application, cast, standard)
    application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.city_admin)
    notice = notice_publish(city=regions.city, applications=[application], starts_on=date.today(), working_days=5,
                            by=cast.city_admin)
    entry = notice.entries.get()
    objection = Objection.objects.create(entry=entry, contact="13800000000", content="拖欠工资")
    objection_handle(objection=objection, upheld=True, resolution="经核实存在拖欠工资", by=cast.city_admin)
    items = _county_home_items(cast.county_admin_x)["退回后待重新评估的申报"]
    assert [item.label for item in items] == [cast.unit_a.name]
    assert "经核实存在拖欠工资" in items[0].note


def test_the_panel_can_be_re_formed_after_a_city_send_back(application, cast, standard):
    _county_approved(application, cast, standard)
    application_transition(application=application, to=Status.CITY_RETURNED, by=cast.city_admin, comment="重评")
    services.panel_form(application=application, reviewers=list(cast.reviewers_x.values()),
                        rule=CombinationRule.MEAN, by=cast.county_admin_x)
    application.refresh_from_db()
    assert application.status == Status.COUNTY_REVIEW
    assert application.review_panel.result_total is None


# --- The unit sees why ------------------------------------------------------------------------------------


def test_the_unit_s_page_shows_the_reason_and_each_comment_beside_its_item(client, returned, cast, standard):
    body = _body(client, cast.rep_a, "assessments:detail", returned.pk)
    assert "请补充工资台账" in body
    b2 = standard.criteria.get(code="B2")
    item = body[body.index(f'id="item-{b2.pk}"'):]
    item = item[:item.index("</form>")]
    assert "缺少工资支付凭证" in item
    assert reverse("reviews:feedback", args=[returned.pk]) in body
    b1 = standard.criteria.get(code="B1.1")
    other = body[body.index(f'id="item-{b1.pk}"'):]
    assert "缺少工资支付凭证" not in other[:other.index("</form>")]


def test_staff_reading_the_returned_application_are_not_offered_the_unit_s_feedback_page(client, returned, cast):
    """reviews:feedback is the representative's page: staff see the reason on the application page itself."""
    body = _body(client, cast.county_admin_x, "assessments:detail", returned.pk)
    assert "请补充工资台账" in body
    assert reverse("reviews:feedback", args=[returned.pk]) not in body


def test_the_unit_s_home_links_the_feedback_with_the_reason(returned, cast):
    items = _county_home_items(cast.rep_a)["本年度创建申报"]
    feedback = next(item for item in items if item.url == reverse("reviews:feedback", args=[returned.pk]))
    assert "请补充工资台账" in feedback.note


def test_the_return_notification_and_e_mail_carry_the_reason_and_every_item_comment(
        cast, campaign, standard, django_capture_on_commit_callbacks):
    cast.rep_a.email = "rep@example.org"
    cast.rep_a.save()
    application = make_application(cast.unit_a, campaign, standard)
    form_panel(application, cast)
    application.refresh_from_db()
    criteria = {c.code: c for c in standard.criteria.all()}
    with django_capture_on_commit_callbacks(execute=True):
        services.review_return(application=application, by=cast.county_admin_x, reason="请补充工资台账",
                               item_comments={criteria["B2"].pk: "缺少工资支付凭证",
                                              criteria["C1"].pk: "协商记录不完整"})
    notification = Notification.objects.get(user=cast.rep_a)
    shown = f"{notification.message}\n{notification.detail}"
    for text in ("请补充工资台账", "B2", "缺少工资支付凭证", "C1", "协商记录不完整"):
        assert text in shown
    [email] = [m for m in mail.outbox if "rep@example.org" in m.to]
    for text in ("请补充工资台账", "缺少工资支付凭证", "协商记录不完整"):
        assert text in email.body


def test_the_notifications_page_shows_the_detail(client, returned, cast):
    client.force_login(cast.rep_a)
    body = client.get(reverse("notifications:list")).content.decode()
    assert "请补充工资台账" in body and "缺少工资支付凭证" in body
