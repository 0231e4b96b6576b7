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
from apps.surveys.models import StandardInForce
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


def test_evidence_added_and_withdrawn_shows_at_once_to_the_representative_who_may_edit(client, cast, returned):
    """While the unit may edit, the evidence list is rendered per request (its withdraw forms carry the token) around
    the application's kept evidence rows (``page.evidence_rows``), dropped by the same services."""
    assert "补充材料.pdf" not in _page(client, cast.rep_a, returned)
    evidence = evidence_add(application=returned, upload=pdf_upload("补充材料.pdf"), kind=EvidenceKind.OTHER,
                            by=cast.rep_a)
    withdraw = reverse("assessments:evidence_withdraw", args=[returned.pk, evidence.pk])
    assert "补充材料.pdf" in _page(client, cast.rep_a, returned) and withdraw in _page(client, cast.rep_a, returned)
    evidence_withdraw(evidence=evidence, by=cast.rep_a)
    assert "补充材料.pdf" not in _page(client, cast.rep_a, returned)


def test_the_standard_in_force_shows_its_changed_basis_and_another_unit_gets_404(client, cast, draft_application):
    """The standard in force the page names is kept (``surveys.in_force.standard_in_force_kept``; its invalidations:
    tests/surveys/test_in_force_kept.py): changed, it shows at once; another unit's representative gets 404 with
    the value kept."""
    url = reverse("assessments:detail", args=[draft_application.pk])
    client.force_login(cast.rep_a)
    assert "（测试）" in client.get(url).content.decode()
    row = StandardInForce.objects.get(standard=draft_application.standard)
    row.basis = "新的选定依据"
    row.save()
    assert "（新的选定依据）" in client.get(url).content.decode()
    client.force_login(cast.rep_b)
    assert client.get(url).status_code == 404
