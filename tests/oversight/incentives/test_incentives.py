import datetime
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from openpyxl import load_workbook

from apps.applications.workflow.effects import recognition_expired_mark
from apps.oversight.incentives.models import GrantEndReason, IncentiveMeasure
from apps.oversight.incentives.services import incentive_grant_create, incentive_grants_end_for
from tests.factories import EnterpriseFactory, named

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def catalogue(linfen_catalogue):
    return linfen_catalogue


def _measure(code: str) -> IncentiveMeasure:
    return IncentiveMeasure.objects.get(code=code)


@pytest.fixture
def title_a(cast, regions):
    return named(cast.unit_a, city=regions.city, by=cast.city_admin, issued_on=datetime.date(2024, 12, 1))


def test_linfens_catalogue_is_loaded_as_its_plan_lists_it(regions):
    fewer = IncentiveMeasure.objects.get(region=regions.city, code="fewer-inspections")
    assert fewer.min_credit_grade == "A" and "监察" in fewer.department and "临人社发〔2023〕8号" in fewer.basis
    assert IncentiveMeasure.objects.filter(region=regions.city).count() == 10


def test_fewer_inspections_needs_credit_grade_a(cast, title_a):
    EnterpriseFactory(unit=cast.unit_a, credit_grade="B")
    with pytest.raises(ValidationError, match="诚信等级达到A级"):
        incentive_grant_create(measure=_measure("fewer-inspections"), recognition=title_a,
                               granted_on=datetime.date(2025, 1, 1), by=cast.city_admin)


def test_a_grant_is_listed_for_the_department_and_exported(client, cast, title_a):
    EnterpriseFactory(unit=cast.unit_a, credit_grade="A")
    client.force_login(cast.county_admin_x)
    response = client.post("/incentives/grants/new/", {
        "number": title_a.number, "measure": _measure("fewer-inspections").pk,
        "granted_on": "2025-01-01"})
    assert response.status_code == 302
    url = f"/incentives/measures/{_measure('fewer-inspections').pk}/"
    page = client.get(f"{url}?year=2025").content.decode()
    assert "甲公司" in page
    export = client.get(f"{url}export.xlsx?year=2025")
    sheet = load_workbook(BytesIO(export.content)).active
    assert [row[0] for row in sheet.iter_rows(min_row=3, values_only=True)] == ["甲公司"]
    client.force_login(cast.county_admin_y)
    assert "甲公司" not in client.get(f"{url}?year=2025").content.decode()


def test_an_unknown_or_foreign_certificate_number_is_refused_and_input_kept(client, cast, title_a):
    client.force_login(cast.county_admin_y)
    response = client.post("/incentives/grants/new/", {
        "number": title_a.number, "measure": _measure("salary-data").pk,
        "granted_on": "2025-01-01", "note": "按季度提供"})
    assert response.status_code == 400
    assert "找不到该证书编号" in response.content.decode() and "按季度提供" in response.content.decode()


def test_roles_without_incentives_are_turned_away(client, cast):
    assert client.get("/incentives/").status_code == 302
    client.force_login(cast.rep_a)
    assert client.get("/incentives/").status_code == 403


def test_a_certificate_number_with_full_width_dashes_is_accepted(client, cast, title_a):
    client.force_login(cast.county_admin_x)
    response = client.post("/incentives/grants/new/", {
        "number": title_a.number.replace("-", "－", 1).replace("-", "—").replace("1", "１"),
        "measure": _measure("salary-data").pk, "granted_on": "2025-01-01"})
    assert response.status_code == 302, response.context["form"].errors
    assert title_a.incentive_grants.count() == 1


def _in_force(client, measure: IncentiveMeasure) -> str:
    """The catalogue's "当前享受单位数" cell of ``measure`` (the row's last cell)."""
    page = client.get("/incentives/").content.decode()
    row = page[page.index(f'href="/incentives/measures/{measure.pk}/"'):]
    return row[:row.index("</tr>")].rsplit("<td>", 1)[1].removesuffix("</td>")


def test_the_catalogue_counts_a_grant_as_soon_as_it_is_made_and_ended(client, cast, title_a):
    """The counts are kept per jurisdiction and day; making and ending a grant drops them."""
    EnterpriseFactory(unit=cast.unit_a, credit_grade="A")
    fewer = _measure("fewer-inspections")
    client.force_login(cast.county_admin_x)
    assert _in_force(client, fewer) == "0"
    incentive_grant_create(measure=fewer, recognition=title_a, granted_on=datetime.date(2025, 1, 1),
                           by=cast.county_admin_x)
    assert _in_force(client, fewer) == "1"
    incentive_grants_end_for(recognition=title_a, reason=GrantEndReason.REVOKED, on=datetime.date(2025, 6, 1))
    assert _in_force(client, fewer) == "0"


def test_the_catalogue_stops_counting_a_grant_whose_title_has_expired(client, cast, title_a):
    """A title marked expired (the grant itself still running) leaves the kept counts at once."""
    EnterpriseFactory(unit=cast.unit_a, credit_grade="A")
    fewer = _measure("fewer-inspections")
    incentive_grant_create(measure=fewer, recognition=title_a, granted_on=datetime.date(2025, 1, 1),
                           by=cast.county_admin_x)
    client.force_login(cast.county_admin_x)
    assert _in_force(client, fewer) == "1"
    recognition_expired_mark(title_a)
    assert _in_force(client, fewer) == "0"
    client.force_login(cast.county_admin_y)  # another jurisdiction's count is its own
    assert _in_force(client, fewer) == "0"
