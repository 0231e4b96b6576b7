"""No raw codes in the trail viewer: an answer or a score is named by its item code and reads 是/否."""

import pytest
from django.urls import reverse

from apps.applications.reviews import services
from tests.fixtures.reviews import form_panel, sheet

pytestmark = pytest.mark.django_db


def test_answers_and_scores_read_as_item_code_and_chinese_label(client, cast, application, standard):
    answer = application.answers.get(criterion__code="V1")
    answer.value = "yes"
    answer.save()
    form_panel(application, cast)
    member = application.review_panel.members.select_related("user").first()
    services.sheet_save(member=member, values=sheet(standard, {"V2": "no"}), submit=False, by=member.user)

    client.force_login(cast.city_admin)
    body = client.get(reverse("assessments:history", args=[application.pk])).content.decode()
    assert "V1：是" in body and "V2：否" in body
    assert ": yes" not in body and ": no" not in body and f"{answer.criterion_id}: " not in body
