"""Written feedback to units that did not pass: the office writes it with its decision; the unit reads it on its
workbench, its titles page and the application page; nobody else's unit sees it."""

import pytest
from django.urls import reverse

from apps.applications.reviews.services import review_decide
from apps.applications.workflow.service import TransitionRefused
from tests.fixtures.reviews import form_panel

pytestmark = pytest.mark.django_db

FEEDBACK = "劳动合同签订率低于 90%，请先完善集体协商制度后再申报。"


@pytest.fixture
def rejected(application, cast):
    form_panel(application, cast)
    application.refresh_from_db()
    return review_decide(application=application, by=cast.county_admin_x, decision="reject", reason=FEEDBACK)


def test_the_unit_reads_the_feedback_on_its_workbench_and_pages(client, cast, rejected):
    client.force_login(cast.rep_a)
    assert FEEDBACK in client.get("/home/").content.decode()
    assert FEEDBACK in client.get(reverse("titles:mine")).content.decode()
    body = client.get(reverse("assessments:detail", args=[rejected.pk])).content.decode()
    assert 'data-testid="not-passed-feedback"' in body and FEEDBACK in body


def test_another_unit_does_not_see_it(client, cast, rejected):
    client.force_login(cast.rep_b)
    assert FEEDBACK not in client.get("/home/").content.decode()
    assert FEEDBACK not in client.get(reverse("titles:mine")).content.decode()
    assert client.get(reverse("assessments:detail", args=[rejected.pk])).status_code == 404


def test_the_decision_form_says_the_reason_is_the_units_written_feedback(client, cast, application):
    form_panel(application, cast)
    client.force_login(cast.county_admin_x)
    body = client.get(reverse("reviews:detail", args=[application.pk])).content.decode()
    assert "给单位的书面反馈" in body


def test_a_rejection_without_feedback_is_refused(client, cast, application):
    form_panel(application, cast)
    application.refresh_from_db()
    with pytest.raises(TransitionRefused, match="请填写意见"):
        review_decide(application=application, by=cast.county_admin_x, decision="reject", reason=" ")
