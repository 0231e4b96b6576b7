"""Hostile input answered without a 500 and without being followed: open redirects, wrong statuses, look-alikes."""

import pytest
from django.urls import reverse

from apps.units.models import VerificationStatus

pytestmark = pytest.mark.django_db


# --- next= after verifying a unit stays inside the portal ---------------------------------------------------

@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example/",
                                    "https:evil.example", "javascript:alert(1)"])
def test_verifying_a_unit_never_redirects_off_site(client, cast, target):
    cast.unit_a.verification_status = VerificationStatus.PENDING
    cast.unit_a.save()
    client.force_login(cast.county_admin_x)
    response = client.post(reverse("registry:unit_verify", args=[cast.unit_a.pk]), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:pending")


def test_verifying_a_unit_follows_a_local_next(client, cast):
    cast.unit_a.verification_status = VerificationStatus.PENDING
    cast.unit_a.save()
    client.force_login(cast.county_admin_x)
    back = reverse("registry:unit_detail", args=[cast.unit_a.pk])
    response = client.post(reverse("registry:unit_verify", args=[cast.unit_a.pk]), {"next": back})
    assert response["Location"] == back


# --- township and city score sheets only in their status ----------------------------------------------------

@pytest.fixture
def demo_application(cast, regions):
    from django.conf import settings

    from apps.standards.services import standard_load_file
    from tests.factories import CampaignYearFactory
    from tests.reviews.conftest import make_application

    standard, _ = standard_load_file(path=settings.BASE_DIR / "fixtures" / "standards" / "demo_all_features.yaml")
    return make_application(cast.unit_a, CampaignYearFactory(city=regions.city), standard)


LEVELS = {"township": ("township_staff_x", "township_precheck"), "city": ("city_admin", "county_approved")}


def _post_sheet(client, application, level, value="8"):
    criterion = application.standard.criteria.get(code="B1.1")
    return client.post(reverse("reviews:level_sheet", args=[application.pk, level]),
                       {f"v_{criterion.pk}": value, f"c_{criterion.pk}": "现场核实"})


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("status", ["submitted", "county_review", "named", "returned"])
def test_a_level_sheet_is_refused_outside_its_status_and_keeps_what_was_typed(client, cast, demo_application,
                                                                               level, status):
    from apps.reviews.models import LevelScore

    user, _ = LEVELS[level]
    demo_application.status = status
    demo_application.save(update_fields=["status"])
    client.force_login(getattr(cast, user))
    response = _post_sheet(client, demo_application, level)
    page = response.content.decode()
    assert response.status_code == 200
    assert "不能填写" in page and "现场核实" in page
    assert not LevelScore.objects.exists()


@pytest.mark.parametrize("level", LEVELS)
def test_a_level_sheet_is_saved_in_its_status(client, cast, demo_application, level):
    from apps.reviews.models import LevelScore

    user, right_status = LEVELS[level]
    demo_application.status = right_status
    demo_application.save(update_fields=["status"])
    client.force_login(getattr(cast, user))
    response = _post_sheet(client, demo_application, level)
    assert response.status_code == 302
    assert LevelScore.objects.get(level=level).value == "8"
