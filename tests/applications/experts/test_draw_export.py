"""The expert draw log as Excel: the office's own draws with seed and the experts drawn, recorded."""

import io

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from openpyxl import load_workbook

from apps.applications.experts import services
from apps.applications.experts.models import Expert

pytestmark = pytest.mark.django_db


def _rows(client, user) -> list[tuple]:
    client.force_login(user)
    response = client.get(reverse("experts:draws_export"))
    assert response.status_code == 200
    return list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))


def test_the_county_exports_its_draws_with_seed_and_drawn_experts(client, application, cast, pool):  # noqa: F811
    draw = services.panel_draw(application=application, by=cast.county_admin_x)
    rows = _rows(client, cast.county_admin_x)
    assert rows[0][:4] == ("抽取时间", "申报单位", "所属县(市、区)", "类型") and rows[0][-2:] == ("抽取结果", "抽取人")
    (row,) = rows[1:]
    assert row[1:4] == ("甲公司", "尧都区", "组建评估组") and row[6] == draw.seed
    drawn = Expert.objects.filter(pk__in=[pk for ids in draw.chosen.values() for pk in ids])
    assert all(expert.name in row[11] for expert in drawn)
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=cast.county_admin_x).latest("timestamp")
    assert entry.changes["导出"][1] == "专家抽取记录" and entry.changes["行数"][1] == "1"


def test_another_countys_export_is_empty_and_a_reviewer_gets_403(client, application, cast, pool):  # noqa: F811
    services.panel_draw(application=application, by=cast.county_admin_x)
    assert _rows(client, cast.county_admin_y)[1:] == []
    client.force_login(cast.reviewers_x["hrss"])
    assert client.get(reverse("experts:draws_export")).status_code == 403
