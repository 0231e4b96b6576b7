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
