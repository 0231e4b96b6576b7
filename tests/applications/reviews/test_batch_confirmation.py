"""Large city confirmations run as a background batch with progress (bench/batch_confirm_bench.py: ~10 s for 500
in one request on the 2-core machine, over the 5 s budget)."""

import pytest
from django.urls import reverse

from apps.applications.assessments.models import Application
from apps.applications.reviews.batches import SYNC_LIMIT, confirmation_batch_run
from apps.applications.reviews.models import ConfirmationBatch, LevelScore, ScoreLevel
from apps.applications.workflow.states import Status
from apps.core.jobs import JobStatus
from tests.factories import UnitFactory
from tests.fixtures.reviews import make_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def approved_many(cast, regions, campaign, standard):
    return [make_application(UnitFactory(region=regions.county_x), campaign, standard, status=Status.COUNTY_APPROVED)
            for _ in range(SYNC_LIMIT + 2)]


def test_a_large_selection_runs_as_a_batch_with_progress(client, cast, approved_many, standard,
                                                         django_capture_on_commit_callbacks):
    vetoed = approved_many[0]
    veto = standard.criteria.get(code="V1")
    LevelScore.objects.create(application=vetoed, level=ScoreLevel.CITY, criterion=veto, value="yes",
                              by=cast.city_admin)
    client.force_login(cast.city_admin)
    asked = client.post(reverse("reviews:city_confirm"), {"all": "1"}).content.decode()
    assert f"确认 {len(approved_many)} 条申报通过市级确认？" in asked and not ConfirmationBatch.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reviews:city_confirm"), {"all": "1", "confirmed": "1"})
    batch = ConfirmationBatch.objects.get()
    assert response["Location"] == reverse("reviews:batch_detail", args=[batch.pk])
    assert (batch.status, batch.total, batch.done, batch.confirmed) == (JobStatus.DONE, len(approved_many),
                                                                        len(approved_many), len(approved_many) - 1)
    assert Application.objects.filter(status=Status.CITY_CONFIRMED).count() == len(approved_many) - 1
    assert len(batch.failures) == 1 and vetoed.unit.name in batch.failures[0]
    body = client.get(response["Location"]).content.decode()
    assert "100%" in body and "一票否决项" in body and "hx-trigger" not in body
    assert confirmation_batch_run(batch_id=batch.pk) is False  # delivered twice: runs once


def test_a_running_batch_page_polls_for_progress(client, cast, regions):
    batch = ConfirmationBatch.objects.create(city=regions.city, application_ids=[1, 2, 3, 4], total=4, done=1,
                                             progress=25, status=JobStatus.RUNNING, requested_by=cast.city_admin)
    client.force_login(cast.city_admin)
    body = client.get(reverse("reviews:batch_detail", args=[batch.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in body and "25%" in body
    fragment = client.get(reverse("reviews:batch_detail", args=[batch.pk]), HTTP_HX_REQUEST="true")
    assert fragment.content.decode().lstrip().startswith('<div id="batch-progress"')


def test_a_small_selection_is_confirmed_in_the_request(client, cast, approved_many):
    client.force_login(cast.city_admin)
    client.post(reverse("reviews:city_confirm"), {"ids": [a.pk for a in approved_many[:3]], "confirmed": "1"})
    assert not ConfirmationBatch.objects.exists()
    assert Application.objects.filter(status=Status.CITY_CONFIRMED).count() == 3


def test_batch_page_is_for_the_own_city_only(client, cast, regions):
    batch = ConfirmationBatch.objects.create(city=regions.city, total=0, requested_by=cast.city_admin)
    url = reverse("reviews:batch_detail", args=[batch.pk])
    assert client.get(url).status_code == 302
    client.force_login(cast.city_admin_other)
    assert client.get(url).status_code == 404
    # A county office may hold a naming office's batches (where its county names), not the city's.
    client.force_login(cast.county_admin_x)
    assert client.get(url).status_code == 404
