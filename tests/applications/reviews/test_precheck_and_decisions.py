"""Township pre-check (测评) when the campaign year uses it, and who records the county's decision."""

import pytest
from django.urls import reverse

from apps.accounts.models import Party, Role
from apps.applications.assessments.models import ApplicationEvent
from apps.applications.reviews.models import CombinationRule
from apps.applications.workflow.service import TransitionRefused, application_transition
from apps.applications.workflow.states import Status
from apps.regions.models import RegionLevel
from tests.factories import MembershipFactory, RegionFactory, UserFactory, precheck_on
from tests.fixtures.reviews import form_panel, score_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def precheck_year(campaign):
    precheck_on(campaign)
    return campaign


def _detail(client, user, application):
    client.force_login(user)
    return client.get(reverse("reviews:detail", args=[application.pk])).content.decode()


def test_township_staff_start_and_forward_the_precheck(client, precheck_year, application, cast):
    body = _detail(client, cast.township_staff_x, application)
    assert "开始测评" in body
    response = client.post(reverse("reviews:precheck", args=[application.pk]), {"action": "start"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.TOWNSHIP_PRECHECK
    assert "测评完成，报送县级" in _detail(client, cast.township_staff_x, application)
    client.post(reverse("reviews:precheck", args=[application.pk]), {"action": "forward", "comment": "材料属实"})
    application.refresh_from_db()
    assert application.status == Status.COUNTY_REVIEW
    event = ApplicationEvent.objects.filter(application=application).latest("pk")
    assert (event.actor, event.comment) == (cast.township_staff_x, "材料属实")
    # The county admins hear that it is theirs now.
    assert cast.county_admin_x.notifications.filter(message__contains="县级评估验收中").exists()


def test_county_cannot_skip_the_precheck_when_the_year_uses_it(client, precheck_year, application, cast):
    body = _detail(client, cast.county_admin_x, application)
    assert "组建三方评估组" not in body
    assert "乡镇(街道)测评完成并报送后" in body
    with pytest.raises(TransitionRefused, match="请待乡镇"):
        form_panel(application, cast)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert not hasattr(application, "review_panel")


def test_precheck_is_refused_when_the_year_does_not_use_it(client, application, cast):
    assert "开始测评" not in _detail(client, cast.township_staff_x, application)
    client.post(reverse("reviews:precheck", args=[application.pk]), {"action": "start"})
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    messages = [str(m) for m in client.get(reverse("reviews:detail", args=[application.pk])).context["messages"]]
    assert any("未启用乡镇(街道)测评" in m for m in messages)


def test_a_unit_outside_any_township_goes_straight_to_the_county(precheck_year, cast, standard):
    from tests.fixtures.reviews import make_application

    application = make_application(cast.unit_b, precheck_year, standard)
    application_transition(application=application, to=Status.COUNTY_REVIEW, by=cast.county_admin_y)
    application.refresh_from_db()
    assert application.status == Status.COUNTY_REVIEW


def test_precheck_wrong_role_anonymous_and_other_township(client, precheck_year, application, cast, regions):
    url = reverse("reviews:precheck", args=[application.pk])
    assert client.post(url, {"action": "start"}).status_code == 302  # anonymous → login
    client.force_login(cast.county_admin_x)
    assert client.post(url, {"action": "start"}).status_code == 403
    other_township = RegionFactory(name="乐昌镇", level=RegionLevel.TOWNSHIP, parent=regions.county_y)
    other = MembershipFactory(user=UserFactory(username="township_y"), role=Role.TOWNSHIP_STAFF,
                              region=other_township).user
    client.force_login(other)
    assert client.post(url, {"action": "start"}).status_code == 404
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED


def test_the_panel_recorder_may_record_the_decision(client, application, cast, standard):
    recorder = cast.reviewers_x[Party.UNION]
    form_panel(application, cast, rule=CombinationRule.AGREED, recorder=recorder)
    application.refresh_from_db()
    score_all(application, cast, standard)
    assert "提交结论" in _detail(client, recorder, application)
    response = client.post(reverse("reviews:decide", args=[application.pk]),
                           {"decision": "approve", "reason": "合议通过", "confirmed": "1"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.COUNTY_APPROVED
    assert application.events.latest("pk").actor == recorder


def test_a_reviewer_who_is_not_the_recorder_may_not_decide(client, application, cast, standard):
    form_panel(application, cast, rule=CombinationRule.AGREED, recorder=cast.reviewers_x[Party.UNION])
    application.refresh_from_db()
    score_all(application, cast, standard)
    member = cast.reviewers_x[Party.HRSS]
    assert "提交结论" not in _detail(client, member, application)
    client.post(reverse("reviews:decide", args=[application.pk]), {"decision": "approve", "confirmed": "1"})
    application.refresh_from_db()
    assert application.status == Status.COUNTY_REVIEW
    with pytest.raises(TransitionRefused, match="无权"):
        application_transition(application=application, to=Status.NOT_PASSED, by=member, comment="不同意")


def test_a_recorder_of_another_county_gets_404(client, application, cast, standard):
    form_panel(application, cast)
    client.force_login(cast.reviewer_y)
    response = client.post(reverse("reviews:decide", args=[application.pk]), {"decision": "approve"})
    assert response.status_code == 404


def test_the_review_pages_messages_follow_the_readers_language(client, precheck_year, application, cast):
    """The precheck's and the panel's messages were Chinese literals, shown untranslated to an English reader."""
    client.force_login(cast.township_staff_x)
    client.cookies["django_language"] = "en"
    url = reverse("reviews:precheck", args=[application.pk])
    assert "Choose the action to take." in client.post(url, {"action": ""}, follow=True).content.decode()
    body = client.post(url, {"action": "start"}, follow=True).content.decode()
    assert "The township / street pre-check has started." in body
    client.force_login(cast.county_admin_x)
    client.cookies["django_language"] = "en"
    body = client.post(reverse("reviews:panel_form", args=[application.pk]), {}, follow=True).content.decode()
    assert "Choose the panel members and the combination rule." in body
