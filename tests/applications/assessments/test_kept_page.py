"""The self-evaluation page's parts kept per application (apps/applications/assessments/page.py): the evidence
added or withdrawn shows at once to the offices, whose page keeps the evidence list; what differs by the viewer's
rights (the fields, the withdraw forms, the representative's link to every comment) stays theirs; another county's
office gets 404 as before."""

import re

import pytest
from django.urls import reverse

from apps.applications.assessments.models import Application, EvidenceKind
from apps.applications.assessments.services import application_submit, evidence_add, evidence_withdraw
from apps.applications.workflow.states import Status
from tests.fixtures.files import pdf_upload

pytestmark = pytest.mark.django_db


def _page(client, user, application) -> str:
    client.force_login(user)
    response = client.get(reverse("assessments:detail", args=[application.pk]))
    assert response.status_code == 200
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"|"X-CSRFToken": "[^"]+"', "", response.content.decode())


@pytest.fixture
def returned(ready_application, cast):
    application_submit(application=ready_application, by=cast.rep_a)
    # Returned without an item comment: only the status matters here (as test_services.py stands in for the review).
    Application.objects.filter(pk=ready_application.pk).update(status=Status.RETURNED)
    ready_application.refresh_from_db()
    return ready_application


def test_evidence_added_and_withdrawn_by_the_unit_shows_to_the_county_at_once(client, cast, returned):
    assert "补充材料.pdf" not in _page(client, cast.county_admin_x, returned)
    evidence = evidence_add(application=returned, upload=pdf_upload("补充材料.pdf"), kind=EvidenceKind.OTHER,
                            by=cast.rep_a)
    assert "补充材料.pdf" in _page(client, cast.county_admin_x, returned)
    evidence_withdraw(evidence=evidence, by=cast.rep_a)
    assert "补充材料.pdf" not in _page(client, cast.county_admin_x, returned)


def test_the_representative_and_the_county_each_see_their_own_rights_on_the_same_application(client, cast,
                                                                                              returned):
    office = _page(client, cast.county_admin_x, returned)
    rep = _page(client, cast.rep_a, returned)
    assert " disabled>" in office and "/withdraw/" not in office
    withdraw = reverse("assessments:evidence_withdraw", args=[returned.pk, returned.evidence.first().pk])
    assert f'action="{withdraw}"' in rep and 'name="csrfmiddlewaretoken"' in _raw(client, cast.rep_a, returned)
    assert _page(client, cast.county_admin_x, returned) == office  # the office's part was not the representative's


def _raw(client, user, application) -> str:
    client.force_login(user)
    return client.get(reverse("assessments:detail", args=[application.pk])).content.decode()


def test_another_countys_office_gets_404_and_no_part(client, cast, returned):
    _page(client, cast.county_admin_x, returned)
    client.force_login(cast.county_admin_y)
    response = client.get(reverse("assessments:detail", args=[returned.pk]))
    assert response.status_code == 404 and "职代会决议.pdf" not in response.content.decode()
