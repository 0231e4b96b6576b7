"""Evidence in S3-compatible object storage (a real SeaweedFS): stored in the bucket, served only through the view."""

import urllib.error
import urllib.request

import pytest
from django.urls import reverse

from apps.applications.assessments.models import Evidence, EvidenceKind
from tests.fixtures.files import PDF_BYTES, pdf_upload

pytestmark = pytest.mark.django_db


def test_evidence_goes_to_the_bucket_and_comes_back_only_through_the_permission_checked_view(
        client, cast, application, private_files_in_object_store, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "never-used"
    store = private_files_in_object_store
    client.force_login(cast.rep_a)
    response = client.post(reverse("assessments:evidence_upload", args=[application.pk]),
                           {"kind": EvidenceKind.OTHER, "file": pdf_upload("营业执照.pdf")})
    assert response.status_code in (200, 302)

    evidence = Evidence.objects.get()
    keys = [item["Key"] for item in store.client().list_objects_v2(Bucket=store.bucket)["Contents"]]
    assert keys == [f"evidence/{evidence.file.name}"]
    assert not (tmp_path / "never-used").exists()  # nothing on the local disk

    download = client.get(reverse("assessments:evidence_download", args=[application.pk, evidence.pk]))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF_BYTES
    assert download["Content-Disposition"].startswith("attachment")

    with pytest.raises(ValueError):  # no storage hands out a URL, presigned or public
        _ = evidence.file.url
    with pytest.raises(urllib.error.HTTPError) as anonymous:
        urllib.request.urlopen(f"{store.endpoint_url}/{store.bucket}/evidence/{evidence.file.name}", timeout=5)
    assert anonymous.value.code == 403

    client.force_login(cast.rep_b)  # a unit of another county
    assert client.get(reverse("assessments:evidence_download", args=[application.pk, evidence.pk])).status_code == 404
