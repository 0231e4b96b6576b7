"""The catalogue page by locality; the admin of that level edits its own locality's measures (audited)."""

import datetime
from io import BytesIO

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from openpyxl import load_workbook

from apps.applications.recognitions.services import recognition_create
from apps.oversight.incentives.models import IncentiveGrant, IncentiveMeasure
from tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogues(linfen_catalogue, zaozhuang_catalogue):
    return linfen_catalogue, zaozhuang_catalogue


def _measure(region, code):
    return IncentiveMeasure.objects.get(region=region, code=code)


def test_each_city_sees_its_own_catalogue_with_eligibility_basis_and_department(client, cast, regions, catalogues):
    client.force_login(cast.city_admin_other)
    page = client.get(reverse("incentives:catalogue")).content.decode()
    assert "枣庄市激励目录" in page and "鲁人社函〔2021〕38号" in page and "省级及以上称号" in page
    assert "山东省人力资源和社会保障厅等16部门" in page and "临汾市激励目录" not in page
    client.force_login(cast.county_admin_x)
    page = client.get(reverse("incentives:catalogue")).content.decode()
    assert "临汾市激励目录" in page and "劳动保障诚信等级A级及以上" in page and "枣庄市" not in page


def test_the_catalogue_is_exported_to_excel(client, cast, regions, catalogues):
    client.force_login(cast.city_admin_other)
    sheet = load_workbook(BytesIO(client.get(reverse("incentives:catalogue_export")).content)).active
    rows = [row for row in sheet.iter_rows(min_row=3, values_only=True) if row[0]]
    assert {row[0] for row in rows} == {"枣庄市"} and len(rows) == 3


def test_the_city_admin_edits_its_measure_and_the_change_is_audited(client, cast, regions, catalogues):
    measure = _measure(regions.city, "salary-data")
    client.force_login(cast.city_admin)
    url = reverse("incentives:measure_edit", args=[measure.pk])
    data = {"name": measure.name, "code": measure.code, "description": measure.description,
            "department": measure.department, "basis": measure.basis, "enterprises_only": "on",
            "min_title_level": "", "min_credit_grade": "B", "sort_order": "0", "is_active": "on"}
    assert client.post(url, data).status_code == 302
    measure.refresh_from_db()
    assert measure.min_credit_grade == "B"
    entry = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(IncentiveMeasure),
                                 object_id=measure.pk, action=LogEntry.Action.UPDATE)
    assert entry.actor == cast.city_admin and "min_credit_grade" in entry.changes_dict


def test_another_city_and_a_lower_level_cannot_edit_the_citys_measure(client, cast, regions, catalogues):
    url = reverse("incentives:measure_edit", args=[_measure(regions.city, "salary-data").pk])
    client.force_login(cast.city_admin_other)
    assert client.get(url).status_code == 404
    client.force_login(cast.county_admin_x)
    assert client.get(url).status_code == 404
    client.force_login(cast.rep_a)
    assert client.get(url).status_code == 403


def test_a_county_admin_adds_a_measure_to_its_own_catalogue(client, cast, regions, catalogues):
    client.force_login(cast.county_admin_x)
    response = client.post(reverse("incentives:measure_create"), {
        "name": "区级物质奖励", "code": "county-reward", "department": "尧都区协调劳动关系三方",
        "basis": "临人社发〔2023〕8号 五(三)", "min_title_level": "", "min_credit_grade": "", "sort_order": "0",
        "is_active": "on"})
    assert response.status_code == 302
    assert IncentiveMeasure.objects.get(code="county-reward").region == regions.county_x
    assert "尧都区激励目录" in client.get(reverse("incentives:catalogue")).content.decode()
    client.force_login(cast.county_admin_y)
    assert "区级物质奖励" not in client.get(reverse("incentives:catalogue")).content.decode()


def test_a_grant_the_locality_limits_is_refused_naming_the_condition(client, cast, regions, catalogues):
    unit = EnterpriseFactory(unit__name="枣庄甲公司", unit__region=regions.other_county).unit
    title = recognition_create(unit=unit, city=regions.other_city, year=2024, issued_on=datetime.date(2024, 12, 1),
                               by=cast.city_admin_other, level="市级")
    client.force_login(cast.city_admin_other)
    response = client.post(reverse("incentives:grant_create"), {
        "number": title.number, "measure": _measure(regions.other_city, "zz-provincial-joint").pk,
        "granted_on": "2025-01-01", "note": "省劳模推荐"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "该措施只适用于获得省级及以上称号" in body and "省劳模推荐" in body
    assert not IncentiveGrant.objects.exists()
