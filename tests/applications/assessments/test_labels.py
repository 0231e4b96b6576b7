"""The revision comparison shows a veto answer as 否/是, not the stored no/yes."""

import pytest

from apps.applications.assessments.models import Application
from apps.applications.assessments.services import application_submit
from apps.applications.workflow.states import Status
from tests.fixtures.assessments import fill

pytestmark = pytest.mark.django_db


def test_the_revision_comparison_shows_veto_answers_in_chinese(client, cast, ready_application):
    application_submit(application=ready_application, by=cast.rep_a)
    Application.objects.filter(pk=ready_application.pk).update(status=Status.RETURNED)
    ready_application.refresh_from_db()
    fill(ready_application, cast.rep_a, {"F1": "yes"})
    client.force_login(cast.rep_a)
    body = client.get(f"/applications/{ready_application.pk}/compare/").content.decode()
    assert "<del>否</del>" in body and "<ins>是</ins>" in body
    assert ">no<" not in body and ">yes<" not in body
