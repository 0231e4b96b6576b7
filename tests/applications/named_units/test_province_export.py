import io
import zipfile
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from apps.applications.named_units.models import ProvinceExport
from apps.applications.named_units.province import province_export_build
from apps.applications.recognitions.models import Recognition
from apps.applications.recognitions.services import recognition_create
from apps.core.jobs import JobStatus
from tests.factories import EnterpriseFactory, UnitFactory
from tests.fixtures.reviews import approved, make_application
from tests.registry.helpers import code

pytestmark = pytest.mark.django_db
YEAR = date.today().year


def _name_application(application, cast, the_standard, regions):
    approved(application, cast, the_standard)
    application.refresh_from_db()
    panel = application.review_panel
    return recognition_create(unit=application.unit, city=regions.city, year=YEAR, issued_on=date(YEAR, 1, 5),
                              by=cast.city_admin, level="市级", score=panel.result_total, application=application)


@pytest.fixture
def two_named(cast, regions, campaign, standard):  # noqa: F811
    """Two named units of this year (one with its evaluated application) and a revoked title that is left out."""
    first = _name_application(make_application(cast.unit_a, campaign, standard), cast, standard, regions)
    second_unit = UnitFactory(name="丙公司", region=regions.county_x)
    EnterpriseFactory(unit=second_unit, uscc=code(4242))
    second = recognition_create(unit=second_unit, city=regions.city, year=YEAR, issued_on=date(YEAR, 1, 5),
                                by=cast.city_admin, level="市级", grade="AA", score="88.50")
    revoked = recognition_create(unit=cast.unit_b, city=regions.city, year=YEAR, issued_on=date(YEAR, 1, 5),
                                 by=cast.city_admin, score="80")
    Recognition.objects.filter(pk=revoked.pk).update(status="revoked")
    return first, second


def _rows(content: bytes) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [tuple(cell.value for cell in row) for row in sheet.iter_rows()]


def test_city_downloads_the_named_list_with_scores(client, cast, two_named):
    first, second = two_named
    client.force_login(cast.city_admin)
    response = client.get(reverse("named_units:province_excel") + f"?year={YEAR}")
    assert response.status_code == 200
    rows = _rows(response.content)
    assert rows[0][0] == f"临汾市{YEAR}年度和谐劳动关系创建命名单位名单"
    assert rows[1][:4] == ("序号", "证书编号", "单位名称", "统一社会信用代码")
    by_name = {row[2]: row for row in rows[2:]}
    assert set(by_name) == {"甲公司", "丙公司"}  # the revoked title is not reported
    assert by_name["甲公司"][9] == float(first.score)
    assert (by_name["丙公司"][8], by_name["丙公司"][9]) == ("AA", 88.5)
    assert by_name["丙公司"][3] == code(4242)  # the province matches units by their credit code


def test_the_zip_holds_the_list_and_one_evaluation_form_per_named_unit(client, cast, two_named,
                                                                       django_capture_on_commit_callbacks):
    first, _ = two_named
    client.force_login(cast.city_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("named_units:province"), {"year": YEAR})
    export = ProvinceExport.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("named_units:export_detail",
                                                                            args=[export.pk])
    assert (export.status, export.done, export.total) == (JobStatus.DONE, 1, 1)
    page = client.get(response["Location"]).content.decode()
    assert "下载压缩包" in page and "100%" in page
    download = client.get(reverse("named_units:export_download", args=[export.pk]))
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    names = archive.namelist()
    workbook = next(n for n in names if n.endswith(".xlsx"))
    assert {row[2] for row in _rows(archive.read(workbook))[2:]} == {"甲公司", "丙公司"}
    pdfs = [n for n in names if n.endswith(".pdf")]
    assert pdfs == [f"评估表/0001-{first.number}-甲公司.pdf"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(archive.read(pdfs[0]))).pages)
    assert "甲公司" in text


def test_a_task_delivered_twice_builds_once(cast, regions, two_named):
    export = ProvinceExport.objects.create(city=regions.city, year=YEAR, requested_by=cast.city_admin)
    assert province_export_build(export_id=export.pk) is True
    assert province_export_build(export_id=export.pk) is False


def test_progress_page_polls_while_running(client, cast, regions):
    export = ProvinceExport.objects.create(city=regions.city, year=YEAR, requested_by=cast.city_admin,
                                           status=JobStatus.RUNNING, total=200, done=50, progress=25)
    client.force_login(cast.city_admin)
    body = client.get(reverse("named_units:export_detail", args=[export.pk])).content.decode()
    assert 'hx-trigger="every 2s"' in body and "50 / 200" in body and "25%" in body
    fragment = client.get(reverse("named_units:export_detail", args=[export.pk]), HTTP_HX_REQUEST="true")
    assert fragment.content.decode().lstrip().startswith('<div id="export-progress"')
    assert client.get(reverse("named_units:export_download", args=[export.pk])).status_code == 404


def test_a_year_without_named_units_is_refused_with_a_message(client, cast, two_named):
    client.force_login(cast.city_admin)
    response = client.post(reverse("named_units:province"), {"year": YEAR - 5})
    assert response.status_code == 400
    assert not ProvinceExport.objects.exists()


def test_other_city_wrong_role_and_anonymous_are_turned_away(client, cast, regions, two_named):
    export = ProvinceExport.objects.create(city=regions.city, year=YEAR, requested_by=cast.city_admin)
    province_export_build(export_id=export.pk)
    detail = reverse("named_units:export_detail", args=[export.pk])
    download = reverse("named_units:export_download", args=[export.pk])
    assert client.get(detail).status_code == 302
    client.force_login(cast.city_admin_other)
    assert client.get(detail).status_code == 404
    assert client.get(download).status_code == 404
    rows = _rows(client.get(reverse("named_units:province_excel") + f"?year={YEAR}").content)
    assert rows[2:] == []
    client.force_login(cast.county_admin_x)
    assert client.get(reverse("named_units:province")).status_code == 403
    assert client.get(download).status_code == 403


def test_the_years_offered_are_those_with_a_title_of_the_citys_own_newest_first(client, cast, regions):
    def title(county, city, year: int) -> Recognition:
        return Recognition.objects.create(
            unit=UnitFactory(region=county), city=city, year=year, sequence=1, number=f"{city.pk}-{year}-0001",
            title="劳动关系和谐企业", issued_on=date(year, 1, 5), valid_until=date(year + 3, 11, 30),
            issued_by=cast.city_admin, score=90)

    title(regions.county_x, regions.city, YEAR - 3)
    title(regions.county_y, regions.city, YEAR - 1)
    title(regions.other_county, regions.other_city, YEAR - 2)  # another city's year is not offered
    client.force_login(cast.city_admin)
    assert client.get(reverse("named_units:province")).context["years"] == [YEAR - 1, YEAR - 3]
    client.force_login(cast.city_admin_other)
    assert client.get(reverse("named_units:province")).context["years"] == [YEAR - 2]


def test_the_years_are_read_once_and_a_title_conferred_in_a_new_year_shows_at_once(client, cast, regions,
                                                                                   monkeypatch):
    from apps.applications.named_units import selectors

    reads = []
    read = selectors._named_years_read
    monkeypatch.setattr(selectors, "_named_years_read", lambda user: reads.append(user) or read(user))
    recognition_create(unit=cast.unit_a, city=regions.city, year=YEAR - 1, issued_on=date(YEAR - 1, 1, 5),
                       by=cast.city_admin, level="市级", score="90")
    client.force_login(cast.city_admin)
    assert client.get(reverse("named_units:province")).context["years"] == [YEAR - 1]
    assert client.get(reverse("named_units:province")).context["years"] == [YEAR - 1]
    assert len(reads) == 1

    recognition_create(unit=cast.unit_b, city=regions.city, year=YEAR, issued_on=date(YEAR, 1, 5),
                       by=cast.city_admin, level="市级", score="85")
    assert client.get(reverse("named_units:province")).context["years"] == [YEAR, YEAR - 1]
    client.force_login(cast.city_admin_other)
    assert client.get(reverse("named_units:province")).context["years"] == []
