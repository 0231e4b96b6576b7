"""A yearly report built into S3-compatible object storage (a real SeaweedFS) and downloaded through the portal."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from apps.core.docx import docx_text
from apps.core.jobs import JobStatus
from apps.reports.models import ReportKind
from apps.reports.services import report_build, report_request
from tests.fixtures.reports import YEAR

pytestmark = pytest.mark.django_db


def test_a_report_is_written_to_the_bucket_whole_and_served_by_the_download_view(
        city_data, cast, regions, private_files_in_object_store, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "never-used"
    store = private_files_in_object_store
    report = report_request(kind=ReportKind.CITY, region=regions.city, year=YEAR, by=cast.city_admin)
    assert report_build(report_id=report.pk)
    report.refresh_from_db()
    assert report.status == JobStatus.DONE

    keys = sorted(item["Key"] for item in store.client().list_objects_v2(Bucket=store.bucket)["Contents"])
    assert keys == sorted([f"reports/{report.pdf.name}", f"reports/{report.xlsx.name}", f"reports/{report.docx.name}"])
    assert not (tmp_path / "never-used").exists()

    client = Client()
    client.force_login(cast.city_admin)
    pdf = client.get(reverse("reports:download", args=[report.pk, "pdf"]))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    xlsx = client.get(reverse("reports:download", args=[report.pk, "xlsx"]))
    book = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content)))
    assert "总体情况" in book.sheetnames
    word = client.get(reverse("reports:download", args=[report.pk, "docx"]))
    assert "一、基本情况" in docx_text(b"".join(word.streaming_content))

    client.force_login(cast.county_admin_x)  # a county admin may not open the city's summary
    assert client.get(reverse("reports:download", args=[report.pk, "pdf"])).status_code == 404
