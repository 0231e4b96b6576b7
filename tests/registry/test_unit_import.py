"""Excel import of parks and townships/streets, and of industries, groups and chains."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from apps.registry.industries.models import IndustryBody
from apps.registry.models import ImportBatch, UnitEvent
from apps.registry.parks.models import Park
from apps.registry.units.models import Unit
from tests.factories import EnterpriseFactory, UnitFactory

from .helpers import code

pytestmark = pytest.mark.django_db
PARKS = reverse("registry:import_upload_parks")
INDUSTRIES = reverse("registry:import_upload_industries")


def _template(client, name: str) -> Workbook:
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return load_workbook(io.BytesIO(response.content))


def _upload(client, url: str, rows: list[list], template: str):
    workbook = _template(client, template)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return client.post(url, {"file": SimpleUploadedFile("units.xlsx", buffer.getvalue())})


def _park(n: int, **overrides) -> list:
    values = {"name": f"导入园区{n:02d}", "kind": "工业园区", "county": "尧都区", "township": "",
              "address": f"园区路 {n} 号", "contact": "联系人", "phone": "0357-1234567"}
    values.update(overrides)
    return list(values.values())


def _industry(n: int, **overrides) -> list:
    values = {"name": f"导入行业{n:02d}", "kind": "产业链·供应链", "county": "尧都区",
              "lead_type": "龙头企业（链长）", "lead_name": "链长企业", "pilot_year": 2025, "members": ""}
    values.update(overrides)
    return list(values.values())


# --- parks and townships/streets -----------------------------------------------------------------

def test_parks_template_preview_with_errors_then_fixed_and_confirmed(client, cast, regions):
    UnitFactory(kind="park", name="已有园区", region=regions.county_x)
    client.force_login(cast.county_admin_x)
    workbook = _template(client, "registry:import_template_parks")
    assert workbook.active.title == "工业园区与乡镇(街道)" and "填写说明" in workbook.sheetnames
    rows = [_park(n) for n in range(20)]
    rows[3][1] = "开发区"                       # unknown kind
    rows[5][2] = "曲沃县"                       # other county: outside a county admin's jurisdiction
    rows[7][0] = "已有园区"                     # taken
    rows[9][1], rows[9][3] = "乡镇", ""          # a township needs its region
    rows[11][0] = rows[12][0] = "重名园区"       # duplicate in the file
    response = _upload(client, PARKS, rows, "registry:import_template_parks")
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert batch.kind == "park"
    assert [e["row"] for e in batch.errors] == [5, 7, 9, 11, 14]
    preview = client.get(response["Location"]).content.decode()
    assert "共 20 行，其中 5 行有错误" in preview
    for message in ("类别“开发区”无效", "“曲沃县”不存在或不在您的管辖范围内", "已登记名为“已有园区”的同类单位",
                    "须填写“对应乡镇(街道)区划”", "与第 13 行重复"):
        assert message in preview
    assert "确认导入" not in preview
    client.post(reverse("registry:import_confirm", args=[batch.pk]))
    assert Park.objects.count() == 0

    rows[3][1], rows[5][2], rows[7][0] = "工业园区", "尧都区", "新园区"
    rows[9][3] = "解放路街道"
    rows[12][0] = "另一园区"
    response = _upload(client, PARKS, rows, "registry:import_template_parks")
    batch = ImportBatch.objects.latest("created_at")
    assert batch.errors == []
    assert "确认导入 20 个单位（工业园区与乡镇(街道)）" in client.get(response["Location"]).content.decode()
    response = client.post(reverse("registry:import_confirm", args=[batch.pk]), follow=True)
    assert "已导入 20 个单位" in response.content.decode()
    assert Park.objects.count() == 20
    township = Park.objects.select_related("unit").get(unit__name=rows[9][0])
    assert township.area_kind == "township" and township.area_region == regions.township_x
    assert township.unit.kind == "township" and township.unit.township == regions.township_x
    assert Park.objects.get(unit__name="导入园区00").unit.kind == "park"
    assert UnitEvent.objects.filter(action="imported", actor=cast.county_admin_x).count() == 20


def test_a_park_name_taken_after_preview_stops_the_whole_batch(client, cast, regions):
    client.force_login(cast.county_admin_x)
    _upload(client, PARKS, [_park(1), _park(2)], "registry:import_template_parks")
    batch = ImportBatch.objects.get()
    UnitFactory(kind="park", name="导入园区02", region=regions.county_x)
    response = client.post(reverse("registry:import_confirm", args=[batch.pk]), follow=True)
    page = response.content.decode()
    assert "预览后有 1 行已被他人登记，未导入任何数据" in page
    # The preview turns back into an error naming the row, instead of "全部行检查通过" and a confirm button.
    assert "名称“导入园区02”已在该县(市、区)登记" in page and "第 3 行" in page
    assert "全部行检查通过" not in page and "确认导入" not in page
    assert Park.objects.count() == 0 and Unit.objects.filter(name="导入园区01").count() == 0


def test_formulas_in_park_cells_are_refused(client, cast):
    client.force_login(cast.county_admin_x)
    _upload(client, PARKS, [_park(1, address="=A1&B1")], "registry:import_template_parks")
    assert ImportBatch.objects.get().errors[0]["messages"] == ["“地址”含有公式，请粘贴为数值后再导入"]


def test_an_enterprise_template_uploaded_as_parks_is_refused(client, cast):
    client.force_login(cast.county_admin_x)
    workbook = _template(client, "registry:import_template")
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = client.post(PARKS, {"file": SimpleUploadedFile("e.xlsx", buffer.getvalue())})
    assert response.status_code == 400 and "表头与模板不一致" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_city_admin_imports_parks_in_any_county_of_the_city(client, cast):
    client.force_login(cast.city_admin)
    _upload(client, PARKS, [_park(1, county="曲沃县"), _park(2, county="141002")], "registry:import_template_parks")
    batch = ImportBatch.objects.get()
    assert batch.errors == []
    client.post(reverse("registry:import_confirm", args=[batch.pk]))
    assert set(Park.objects.values_list("unit__region__name", flat=True)) == {"曲沃县", "尧都区"}


# --- industries, groups and chains ---------------------------------------------------------------

def test_industries_with_members_and_per_row_errors(client, cast, regions):
    member_x = EnterpriseFactory(unit__region=regions.county_x, uscc=code(1))
    EnterpriseFactory(unit__region=regions.county_y, uscc=code(2, "141021"))
    client.force_login(cast.county_admin_x)
    rows = [
        _industry(1, members=f"{code(1)}"),
        _industry(2, kind="联盟"),
        _industry(3, lead_type="政府"),
        _industry(4, pilot_year="二〇二五"),
        _industry(5, members=f"{code(1)}、{code(2, '141021')}"),  # a member in another county
        _industry(6, lead_name=""),
        _industry(7, kind="集团", lead_type="商会", pilot_year="", members=""),
    ]
    _upload(client, INDUSTRIES, rows, "registry:import_template_industries")
    batch = ImportBatch.objects.get()
    errors = {e["row"]: "；".join(e["messages"]) for e in batch.errors}
    assert sorted(errors) == [3, 4, 5, 6, 7]
    assert "创建类型“联盟”无效" in errors[3]
    assert "牵头主体类型“政府”无效" in errors[4]
    assert "试点年度“二〇二五”应为四位年份" in errors[5]
    assert f"成员企业代码未在您管辖范围内登记：{code(2, '141021')}" in errors[6]
    assert errors[7] == "“牵头主体名称”未填写"

    _upload(client, INDUSTRIES, [rows[0], rows[6]], "registry:import_template_industries")
    batch = ImportBatch.objects.latest("created_at")
    assert batch.errors == []
    client.post(reverse("registry:import_confirm", args=[batch.pk]))
    chain = IndustryBody.objects.get(unit__name="导入行业01")
    assert (chain.industry_kind, chain.lead_body_type, chain.pilot_year) == ("chain", "chain_leader", 2025)
    assert list(chain.members.all()) == [member_x]
    group = IndustryBody.objects.get(unit__name="导入行业07")
    assert (group.industry_kind, group.lead_body_type, group.pilot_year) == ("group", "chamber", None)
    assert group.unit.kind == "industry" and group.unit.region == regions.county_x


# --- access --------------------------------------------------------------------------------------

@pytest.mark.parametrize("url", [PARKS, INDUSTRIES, reverse("registry:import_template_parks"),
                                 reverse("registry:import_template_industries")])
@pytest.mark.parametrize("who", ["reviewer_y", "township_staff_x", "rep_a", "coordinator_x"])
def test_only_admins_may_import_parks_and_industries(client, cast, url, who):
    client.force_login(getattr(cast, who))
    assert client.get(url).status_code == 403


def test_anonymous_goes_to_login(client):
    response = client.get(PARKS)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_another_admins_park_batch_is_404(client, cast):
    client.force_login(cast.county_admin_x)
    _upload(client, PARKS, [_park(1)], "registry:import_template_parks")
    batch = ImportBatch.objects.get()
    client.force_login(cast.county_admin_y)
    assert client.get(reverse("registry:import_preview", args=[batch.pk])).status_code == 404
    assert client.post(reverse("registry:import_confirm", args=[batch.pk])).status_code == 404
    assert Park.objects.count() == 0
