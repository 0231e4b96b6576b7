"""The office's titles ending soon as Excel: its own jurisdiction's rows, under a Chinese header, recorded."""

import io
from datetime import timedelta

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from apps.applications.recognitions.services import recognition_create

pytestmark = pytest.mark.django_db

HEADER = ("单位名称", "所属县(市、区)", "称号", "证书编号", "命名日期", "有效期至", "剩余天数", "复审")


def _title_ending_in(cast, regions, unit, days: int):
    end = timezone.localdate() + timedelta(days=days)
    issued = end.replace(year=end.year - 3) + timedelta(days=1)
    return recognition_create(unit=unit, city=regions.city, year=issued.year, issued_on=issued, by=cast.city_admin,
                              validity_years=3)


def _rows(client, user) -> list[tuple]:
    client.force_login(user)
    response = client.get(reverse("titles:ending_export"))
    assert response.status_code == 200
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_county_exports_its_titles_ending_soon_and_the_export_is_recorded(client, cast, regions):
    soon = _title_ending_in(cast, regions, cast.unit_a, 20)
    _title_ending_in(cast, regions, cast.unit_b, 20)
    rows = _rows(client, cast.county_admin_x)
    assert rows[0] == HEADER
    assert [(row[0], row[1], row[3], row[5].date(), row[6], row[7]) for row in rows[1:]] == [
        ("甲公司", "尧都区", soon.number, soon.valid_until, 20, "未申请")]
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=cast.county_admin_x).latest("timestamp")
    assert entry.changes["导出"][1] == "即将到期的称号" and entry.changes["行数"][1] == "1"


def test_another_countys_export_holds_none_of_its_titles_and_a_unit_gets_403(client, cast, regions):
    _title_ending_in(cast, regions, cast.unit_a, 20)
    assert _rows(client, cast.county_admin_y)[1:] == []
    client.force_login(cast.rep_a)
    assert client.get(reverse("titles:ending_export")).status_code == 403


def test_the_list_links_to_its_export(client, cast):
    client.force_login(cast.county_admin_x)
    assert reverse("titles:ending_export") in client.get(reverse("titles:ending")).content.decode()
