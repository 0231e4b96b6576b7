"""Irreversible review actions ask first (a server-rendered step); the decision has no outcome chosen beforehand."""

import pytest
from django.urls import reverse

from apps.accounts.models import Party
from apps.applications.assessments.models import ApplicationEvent
from apps.applications.reviews.models import ItemComment
from apps.applications.workflow.states import Status
from tests.confirm import assert_asks_first, confirmed
from tests.fixtures.reviews import GOOD, approved, form_panel, score_all

pytestmark = pytest.mark.django_db


def test_the_county_decision_asks_first_and_only_the_confirmed_post_decides(client, scored, cast):
    client.force_login(cast.county_admin_x)
    url = reverse("reviews:decide", args=[scored.pk])
    data = {"decision": "reject", "reason": "材料与实际不符"}
    body = assert_asks_first(client, url, data, "确认提交评估结论“未通过”？")
    assert "材料与实际不符" in body
    scored.refresh_from_db()
    assert scored.status == Status.COUNTY_REVIEW and not ApplicationEvent.objects.filter(
        to_status=Status.NOT_PASSED).exists()
    assert client.post(url, confirmed(data)).status_code == 302
    scored.refresh_from_db()
    assert scored.status == Status.NOT_PASSED


def test_a_return_carries_its_item_comments_through_the_confirmation(client, scored, cast, standard):
    client.force_login(cast.county_admin_x)
    b2 = standard.criteria.get(code="B2")
    data = {"decision": "return", "reason": "请补充", f"ic_{b2.pk}": "补充集体合同文本"}
    body = assert_asks_first(client, reverse("reviews:decide", args=[scored.pk]), data, "确认提交评估结论“退回修改”？")
    assert '<dt class="col-sm-3">逐项修改意见</dt><dd class="col-sm-9 text-break">1 条</dd>' in body
    assert not ItemComment.objects.exists()
    client.post(reverse("reviews:decide", args=[scored.pk]), confirmed(data))
    scored.refresh_from_db()
    assert scored.status == Status.RETURNED
    assert ItemComment.objects.get().text == "补充集体合同文本"


def test_the_decision_form_has_no_outcome_chosen_beforehand(client, scored, cast):
    client.force_login(cast.county_admin_x)
    body = client.get(reverse("reviews:detail", args=[scored.pk])).content.decode()
    radios = [line for line in body.split("<input") if 'name="decision"' in line]
    assert len(radios) == 3 and all('type="radio"' in r for r in radios)
    assert not any("checked" in r.split(">")[0] for r in radios)


def test_a_decision_without_an_outcome_says_so_and_keeps_what_was_typed(client, scored, cast, standard):
    client.force_login(cast.county_admin_x)
    client.get(reverse("reviews:detail", args=[scored.pk]))  # the blank form kept (reviews/page_forms.py)
    b2 = standard.criteria.get(code="B2")
    response = client.post(reverse("reviews:decide", args=[scored.pk]),
                           {"reason": "集体合同未续签", f"ic_{b2.pk}": "请上传续签的合同", "confirmed": "1"})
    body = response.content.decode()
    assert response.status_code == 400
    assert 'id="decision-error" role="alert">请选择评估结论。<' in body and 'aria-invalid="true"' in body
    assert ">集体合同未续签</textarea>" in body and 'value="请上传续签的合同"' in body
    assert '<details class="mb-2" open>' in body
    scored.refresh_from_db()
    assert scored.status == Status.COUNTY_REVIEW
    page = client.get(reverse("reviews:detail", args=[scored.pk])).content.decode()  # blank again
    assert "集体合同未续签" not in page and "请上传续签的合同" not in page and "decision-error" not in page


def test_city_confirmation_lists_the_units_and_asks_first(client, application, cast, standard):
    approved(application, cast, standard)
    client.force_login(cast.city_admin)
    data = {"ids": [str(application.pk)]}
    body = assert_asks_first(client, reverse("reviews:city_confirm"), data, "确认 1 条申报通过市级确认？")
    assert f"<li>{application.unit.name}</li>" in body
    application.refresh_from_db()
    assert application.status == Status.COUNTY_APPROVED
    client.post(reverse("reviews:city_confirm"), confirmed(data))
    application.refresh_from_db()
    assert application.status == Status.CITY_CONFIRMED


def test_the_city_send_back_asks_first(client, application, cast, standard):
    approved(application, cast, standard)
    client.force_login(cast.city_admin)
    data = {"reason": "评分依据不足"}
    assert_asks_first(client, reverse("reviews:send_back", args=[application.pk]), data, "确认退回县级重新评估？")
    application.refresh_from_db()
    assert application.status == Status.COUNTY_APPROVED
    client.post(reverse("reviews:send_back", args=[application.pk]), confirmed(data))
    application.refresh_from_db()
    assert application.status == Status.CITY_RETURNED


def test_a_member_who_may_not_decide_is_not_offered_the_confirmation(client, scored, cast):
    client.force_login(cast.reviewers_x[Party.HRSS])
    response = client.post(reverse("reviews:decide", args=[scored.pk]), {"decision": "approve"})
    assert response.status_code == 302
    assert "您无权办理此项操作。" in client.get(response["Location"]).content.decode()


def test_another_countys_admin_gets_404_before_any_confirmation(client, scored, cast):
    client.force_login(cast.county_admin_y)
    assert client.post(reverse("reviews:decide", args=[scored.pk]), {"decision": "approve"}).status_code == 404


def test_city_confirmation_of_one_application_is_singular_in_english(client, application, cast, standard):
    approved(application, cast, standard)
    client.force_login(cast.city_admin)
    client.cookies["django_language"] = "en"
    body = client.post(reverse("reviews:city_confirm"), {"ids": [str(application.pk)]}).content.decode()
    assert "Pass 1 application through City confirmation?" in body


@pytest.mark.parametrize(("language", "typed", "shown"), [
    ("zh-hans", 1, '<dt class="col-sm-3">逐项修改意见</dt><dd class="col-sm-9 text-break">1 条</dd>'),
    ("zh-hans", 3, '<dt class="col-sm-3">逐项修改意见</dt><dd class="col-sm-9 text-break">3 条</dd>'),
    ("en", 1, '<dt class="col-sm-3">Item comments</dt><dd class="col-sm-9 text-break">1 item comment</dd>'),
    ("en", 3, '<dt class="col-sm-3">Item comments</dt><dd class="col-sm-9 text-break">3 item comments</dd>'),
])
def test_the_return_confirmation_counts_the_item_comments_in_words(client, scored, cast, standard, language, typed,
                                                                    shown):
    client.force_login(cast.county_admin_x)
    client.cookies["django_language"] = language
    criteria = list(standard.criteria.all()[:typed + 1])
    data = {"decision": "return", "reason": "请补充", f"ic_{criteria[-1].pk}": "  "}  # a blank one is not counted
    data.update({f"ic_{criterion.pk}": "请补充材料" for criterion in criteria[:typed]})
    body = client.post(reverse("reviews:decide", args=[scored.pk]), data).content.decode()
    assert shown in body


def test_a_return_without_item_comments_shows_no_count(client, scored, cast):
    client.force_login(cast.county_admin_x)
    body = client.post(reverse("reviews:decide", args=[scored.pk]),
                       {"decision": "return", "reason": "请补充"}).content.decode()
    assert "确认提交评估结论“退回修改”？" in body and "逐项修改意见</dt>" not in body


def test_a_refused_decision_comes_back_with_the_reason_and_item_comments_typed(client, application, cast, standard):
    """A panel score below the pass line is refused only after the confirmation; what was typed used to be lost."""
    form_panel(application, cast)
    application.refresh_from_db()
    score_all(application, cast, standard, values={**GOOD, "C1": "5", "C2": "5"})
    client.force_login(cast.county_admin_x)
    b2 = standard.criteria.get(code="B2")
    data = {"decision": "approve", "reason": "综合得分达到要求", f"ic_{b2.pk}": "合同已续签"}
    response = client.post(reverse("reviews:decide", args=[application.pk]), confirmed(data))
    body = response.content.decode()
    assert response.status_code == 400
    assert "未达到达标线" in body
    assert ">综合得分达到要求</textarea>" in body and 'value="合同已续签"' in body
    application.refresh_from_db()
    assert application.status == Status.COUNTY_REVIEW


def test_a_decision_that_would_be_refused_is_refused_before_the_confirmation_step(client, application, cast,
                                                                                  standard):
    form_panel(application, cast)
    application.refresh_from_db()
    score_all(application, cast, standard, values={**GOOD, "C1": "5", "C2": "5"})
    client.force_login(cast.county_admin_x)
    response = client.post(reverse("reviews:decide", args=[application.pk]),
                           {"decision": "approve", "reason": "综合得分达到要求"})  # not confirmed
    body = response.content.decode()
    assert response.status_code == 400 and "未达到达标线" in body and "确认提交评估结论" not in body
    assert ">综合得分达到要求</textarea>" in body
    # A decision that may be taken still asks first.
    response = client.post(reverse("reviews:decide", args=[application.pk]),
                           {"decision": "return", "reason": "请补充集体合同"})
    assert "确认提交评估结论“退回修改”？" in response.content.decode()
