from io import BytesIO

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from openpyxl import load_workbook

from apps.offices.honours.models import Honour, HonourCategory, HonourStatus, RecommendingLevel
from apps.offices.honours.selectors import honour_figures

pytestmark = pytest.mark.django_db


def _form(regions, **overrides) -> dict:
    return {"year": "2025", "category": HonourCategory.COLLECTIVE,
            "title": "全国和谐劳动关系创建工作先进集体", "level": RecommendingLevel.COUNTY,
            "region": regions.county_x.pk, "recipient": "尧都区劳动人事争议仲裁院", "employer": "",
            "unit": "", "coordinator": "", "status": HonourStatus.RECOMMENDED, "document_number": "",
            "decided_on": "", "deeds": "多元化解劳动争议成效显著"} | overrides


def _honour(regions, by, **fields) -> Honour:
    defaults = {"year": 2025, "category": HonourCategory.INDIVIDUAL, "title": "先进个人",
                "level": RecommendingLevel.COUNTY, "region": regions.county_x, "recipient": "张某",
                "recorded_by": by}
    return Honour.objects.create(**(defaults | fields))


def test_the_county_recommends_a_collective_then_records_the_award_with_its_document(client, cast, regions):
    client.force_login(cast.county_admin_x)
    assert client.post(reverse("honours:create"), _form(regions, unit="甲公司")).status_code == 302
    honour = Honour.objects.get()
    assert (honour.unit, honour.status, honour.recorded_by) == (cast.unit_a, HonourStatus.RECOMMENDED,
                                                                 cast.county_admin_x)
    page = client.get(reverse("honours:list") + "?year=2025").content.decode()
    assert "尧都区劳动人事争议仲裁院" in page and "推荐" in page and "县级推荐" in page

    response = client.post(reverse("honours:edit", args=[honour.pk]), _form(
        regions, unit="甲公司", status=HonourStatus.AWARDED, level=RecommendingLevel.PROVINCE))
    assert response.status_code == 400
    assert "已授予的荣誉请填写授予文件的文号" in response.content.decode()
    assert "多元化解劳动争议成效显著" in response.content.decode()  # kept
    response = client.post(reverse("honours:edit", args=[honour.pk]), _form(
        regions, unit="甲公司", status=HonourStatus.AWARDED, level=RecommendingLevel.PROVINCE,
        document_number="人社部发〔2025〕12号", decided_on="2025-11-30"))
    assert response.status_code == 302
    honour.refresh_from_db()
    assert (honour.status, honour.document_number) == (HonourStatus.AWARDED, "人社部发〔2025〕12号")
    entry = LogEntry.objects.get_for_object(honour).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == cast.county_admin_x and "status" in entry.changes_dict


def test_a_coordinator_honour_names_the_ledger_entry(client, cast, regions, coordinators):
    client.force_login(cast.county_admin_x)
    response = client.post(reverse("honours:create"), _form(
        regions, category=HonourCategory.COORDINATOR, title="金牌劳动关系协调员", recipient=""))
    assert response.status_code == 400
    assert "协调员荣誉请选择台账中的协调员" in response.content.decode()
    response = client.post(reverse("honours:create"), _form(
        regions, category=HonourCategory.COORDINATOR, title="金牌劳动关系协调员", recipient="",
        coordinator=coordinators["wang"].pk))
    assert response.status_code == 302
    honour = Honour.objects.get()
    assert (honour.recipient, honour.coordinator) == ("王协调", coordinators["wang"])
    response = client.post(reverse("honours:create"), _form(
        regions, category=HonourCategory.COORDINATOR, title="金牌劳动关系协调员", coordinator=coordinators["zhao"].pk))
    assert response.status_code == 400  # county Y's coordinator is not county X's to recommend


def test_another_countys_admin_gets_404_and_other_roles_403(client, cast, regions):
    honour = _honour(regions, cast.county_admin_x)
    client.force_login(cast.county_admin_y)
    assert client.get(reverse("honours:edit", args=[honour.pk])).status_code == 404
    assert list(client.get(reverse("honours:list") + "?year=2025").context["page"]) == []
    client.force_login(cast.city_admin_other)
    assert client.get(reverse("honours:edit", args=[honour.pk])).status_code == 404
    client.force_login(cast.city_admin)
    assert client.get(reverse("honours:edit", args=[honour.pk])).status_code == 200
    for user in (cast.township_staff_x, cast.coordinator_x, cast.rep_a):
        client.force_login(user)
        assert client.get(reverse("honours:list")).status_code == 403


def test_figures_count_recommendations_by_status_category_and_level(cast, regions, coordinators):
    by = cast.county_admin_x
    _honour(regions, by, category=HonourCategory.COLLECTIVE, recipient="甲")
    _honour(regions, by, status=HonourStatus.AWARDED, document_number="X〔2025〕1号", level=RecommendingLevel.CITY)
    _honour(regions, by, category=HonourCategory.COORDINATOR, coordinator=coordinators["wang"],
            status=HonourStatus.NOT_AWARDED, region=regions.township_x)
    _honour(regions, cast.county_admin_y, region=regions.county_y, status=HonourStatus.AWARDED,
            document_number="Y〔2025〕2号")
    _honour(regions, by, year=2024)

    county = honour_figures(regions.county_x, 2025)
    assert (county.recommended, county.awarded, county.not_awarded, county.pending) == (3, 1, 1, 1)
    assert county.by_category == {"先进集体": 1, "先进个人": 1, "协调员荣誉": 1}
    assert county.by_level == {"县级推荐": 2, "市级推荐": 1, "省级推荐": 0}
    city = honour_figures(regions.city, 2025)
    assert (city.recommended, city.awarded, city.awarded_by_category["先进个人"]) == (4, 2, 2)
    assert honour_figures(regions.other_city, 2025).recommended == 0


def test_the_list_is_exported_for_the_year(client, cast, regions):
    _honour(regions, cast.county_admin_x, recipient="李某", employer="甲公司",
            title="天津市和谐劳动关系创建工作先进个人")
    _honour(regions, cast.county_admin_x, recipient="去年的", year=2024)
    client.force_login(cast.city_admin)
    sheet = load_workbook(BytesIO(client.get(reverse("honours:export") + "?year=2025").content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "李某" in values and "天津市和谐劳动关系创建工作先进个人" in values and "推荐" in values
    assert "去年的" not in values
