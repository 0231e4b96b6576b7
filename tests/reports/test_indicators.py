"""Jilin's target-responsibility indicators (seed 003, 三(五)): targets and actual values per region and year."""

import io
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from apps.reports.models import Indicator, IndicatorValue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(regions):
    """Two of the document's six indicators, listed by the province above the cast's city."""
    return {
        "contract": Indicator.objects.create(region=regions.province, name="劳动合同签订率", max_value=100,
                                             position=1),
        "wages": Indicator.objects.create(region=regions.province, name="企业职工工资增长率", position=3),
    }


def edit_url(region, year=2026) -> str:
    return f"{reverse('reports:indicator_edit')}?region={region.pk}&year={year}"


def test_the_county_admin_records_targets_and_actuals_and_the_change_is_audited(client, regions, cast, catalogue):
    client.force_login(cast.county_admin_x)
    contract, wages = catalogue["contract"], catalogue["wages"]
    response = client.post(edit_url(regions.county_x), {
        f"target_{contract.pk}": "95", f"actual_{contract.pk}": "96.5", f"target_{wages.pk}": "5",
        f"actual_{wages.pk}": "-1.2"})
    assert response.status_code == 302
    value = IndicatorValue.objects.get(indicator=contract, region=regions.county_x, year=2026)
    assert (value.target, value.actual, value.is_met, value.updated_by) == (
        Decimal("95"), Decimal("96.5"), True, cast.county_admin_x)
    assert IndicatorValue.objects.get(indicator=wages).is_met is False
    assert LogEntry.objects.get_for_object(value).exists()
    html = client.get(f"{reverse('reports:indicators')}?region={regions.county_x.pk}&year=2026").content.decode()
    assert "96.50%" in html and "未达标" in html


def test_a_rate_over_100_is_refused_with_a_message_and_the_input_kept(client, regions, cast, catalogue):
    client.force_login(cast.county_admin_x)
    contract, wages = catalogue["contract"], catalogue["wages"]
    response = client.post(edit_url(regions.county_x), {
        f"target_{contract.pk}": "120", f"actual_{contract.pk}": "abc", f"target_{wages.pk}": "8.5"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "有数值填写有误" in html and "8.5" in html
    assert not IndicatorValue.objects.exists()


def test_the_city_admin_records_for_its_counties_but_not_another_citys(client, regions, cast, catalogue):
    client.force_login(cast.city_admin)
    assert client.get(edit_url(regions.county_y)).status_code == 200
    client.force_login(cast.city_admin_other)
    assert client.get(edit_url(regions.county_y)).status_code == 404
    response = client.post(edit_url(regions.county_y), {f"target_{catalogue['contract'].pk}": "90"})
    assert response.status_code == 404 and not IndicatorValue.objects.exists()
    client.force_login(cast.county_admin_x)
    assert client.get(edit_url(regions.county_y)).status_code == 404
    client.force_login(cast.township_staff_x)
    assert client.get(edit_url(regions.county_x)).status_code == 403


def test_the_page_lists_a_city_and_its_counties_and_marks_example_values(client, regions, cast, catalogue):
    IndicatorValue.objects.create(indicator=catalogue["contract"], region=regions.county_y, year=2026,
                                  target=95, actual=90, is_example=True)
    client.force_login(cast.city_admin)
    response = client.get(f"{reverse('reports:indicators')}?region={regions.city.pk}&year=2026")
    html = response.content.decode()
    assert [place.name for place, _values in response.context["rows"]] == ["临汾市", "尧都区", "曲沃县"]
    assert "示例" in html and "未达标" in html


def test_a_region_outside_a_catalogue_has_no_indicators(client, regions, cast, catalogue):
    client.force_login(cast.city_admin_other)
    response = client.get(reverse("reports:indicators"))
    assert response.status_code == 200 and "未列出目标责任指标" in response.content.decode()


def _xlsx(rows, header=("地区（名称或区划代码）", "指标", "目标值", "完成值")):
    book = Workbook()
    book.active.append(list(header))
    for row in rows:
        book.active.append(list(row))
    data = io.BytesIO()
    book.save(data)
    return SimpleUploadedFile("指标.xlsx", data.getvalue(),
                              content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")


def test_excel_import_saves_every_row_or_none_and_names_each_bad_line(client, regions, cast, catalogue):
    client.force_login(cast.city_admin)
    url = reverse("reports:indicator_upload")
    response = client.post(url, {"year": "2026", "file": _xlsx([
        ("尧都区", "劳动合同签订率", 95, 97), ("141021", "劳动合同签订率", 130, ""),
        ("薛城区", "劳动合同签订率", 90, 90), ("尧都区", "不存在的指标", 1, 1)])})
    assert response.status_code == 400
    html = response.content.decode()
    assert "第 3 行" in html and "超出范围" in html and "第 4 行" in html and "找不到地区“薛城区”" in html
    assert "第 5 行" in html and not IndicatorValue.objects.exists()
    response = client.post(url, {"year": "2026", "file": _xlsx([
        ("尧都区", "劳动合同签订率", 95, 97), ("141021", "企业职工工资增长率", 6, "-2.5")])})
    assert response.status_code == 302
    assert IndicatorValue.objects.get(region=regions.county_y).actual == Decimal("-2.5")
    assert client.get(reverse("reports:indicator_template")).status_code == 200
