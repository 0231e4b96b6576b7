"""The named list for the province as an official document (Word and PDF), and in the province package."""

import io
import zipfile

import pytest
from django.urls import reverse
from pypdf import PdfReader

from apps.applications.named_units.models import ProvinceExport
from apps.applications.named_units.province import province_export_build
from apps.core.docx import docx_text
from tests.applications.named_units.test_province_export import YEAR, two_named  # noqa: F401

pytestmark = pytest.mark.django_db


def test_the_city_downloads_the_named_list_as_word_and_pdf(client, cast, two_named):  # noqa: F811
    first, second = two_named
    client.force_login(cast.city_admin)
    page = client.get(reverse("named_units:province")).content.decode()
    assert reverse("named_units:province_docx") + f"?year={YEAR}" in page
    response = client.get(reverse("named_units:province_docx") + f"?year={YEAR}")
    assert response.status_code == 200
    lines = docx_text(response.content).splitlines()
    assert lines[0] == f"临汾市{YEAR}年度和谐劳动关系创建命名单位名单"
    assert "共2家单位。" in lines
    rows = [line.split("\t") for line in lines if line[:1].isdigit() and "\t" in line]
    assert {row[2] for row in rows} == {"甲公司", "丙公司"}  # the revoked title is not reported
    assert next(row for row in rows if row[2] == "丙公司")[1] == second.number
    pdf = "".join(p.extract_text() for p in PdfReader(io.BytesIO(
        client.get(reverse("named_units:province_pdf") + f"?year={YEAR}").content)).pages)
    assert first.number in pdf and "丙公司" in pdf
    page = PdfReader(io.BytesIO(client.get(reverse("named_units:province_pdf") + f"?year={YEAR}").content)).pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape for the wide table


def test_the_package_holds_the_list_as_word_too(cast, regions, two_named):  # noqa: F811
    export = ProvinceExport.objects.create(city=regions.city, year=YEAR, requested_by=cast.city_admin)
    province_export_build(export_id=export.pk)
    export.refresh_from_db()
    with zipfile.ZipFile(export.file.open("rb")) as archive:
        name = f"临汾市{YEAR}年度和谐劳动关系创建命名单位名单.docx"
        assert "甲公司" in docx_text(archive.read(name))


def test_another_city_sees_only_its_own_list_and_county_staff_are_refused(client, cast, two_named):  # noqa: F811
    client.force_login(cast.city_admin_other)
    text = docx_text(client.get(reverse("named_units:province_docx") + f"?year={YEAR}").content)
    assert "甲公司" not in text and "共0家单位。" in text
    client.force_login(cast.county_admin_x)
    assert client.get(reverse("named_units:province_pdf") + f"?year={YEAR}").status_code == 403
    client.logout()
    assert client.get(reverse("named_units:province_pdf") + f"?year={YEAR}").status_code == 302
