"""The issue's scenario: 200 rows from the template, three bad → exactly those three; fix, confirm, export."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from apps.accounts.models import Party
from apps.registry.enterprises.models import Enterprise
from apps.registry.models import ImportBatch, UnitEvent
from apps.registry.units.models import Unit
from tests.factories import EnterpriseFactory

from .helpers import code

pytestmark = pytest.mark.django_db
UPLOAD = reverse("registry:import_upload")


def _template(client) -> Workbook:
    response = client.get(reverse("registry:import_template"))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _row(n: int, county: str = "尧都区", **overrides) -> list:
    values = {
        "name": f"导入测试{n:03d}有限公司", "uscc": code(2000 + n), "county": county, "township": "", "park": "",
        "address": f"测试路 {n} 号", "industry": "13", "ownership": "民营企业", "size": "小型",
        "employee_count": 20 + n, "has_union": "是", "has_party_org": "否", "credit_grade": "A",
        "contact_name": "联系人", "contact_phone": "0357-0000000",
    }
    values.update(overrides)
    return list(values.values())


def _upload(client, workbook: Workbook, name: str = "enterprises.xlsx"):
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = SimpleUploadedFile(name, buffer.getvalue(), content_type="application/octet-stream")
    return client.post(UPLOAD, {"file": file})


def test_template_scenario_three_bad_rows_then_fix_confirm_and_export(client, cast):
    EnterpriseFactory(unit=cast.unit_a, uscc=code(9999))
    client.force_login(cast.county_admin_x)
    workbook = _template(client)
    assert "填写说明" in workbook.sheetnames
    sheet = workbook.active
    rows = [_row(n) for n in range(200)]
    rows[10][1] = "9114100212345"  # bad code: too short
    rows[50][2] = "不存在县"  # unknown region
    rows[120][1] = code(9999)  # already registered
    for row in rows:
        sheet.append(row)
    response = _upload(client, workbook)
    assert response.status_code == 302
    batch = ImportBatch.objects.get()
    assert [e["row"] for e in batch.errors] == [12, 52, 122]
    preview = client.get(response["Location"]).content.decode()
    assert "共 200 行，其中 3 行有错误" in preview
    assert "应为 18 位" in preview and "不存在县" in preview and "已在系统中登记" in preview
    assert "确认导入" not in preview
    assert client.post(reverse("registry:import_confirm", args=[batch.pk])).status_code == 302
    assert Enterprise.objects.count() == 1  # nothing written

    rows[10][1] = code(2010)
    rows[50][2] = "141002"  # a county may be named by its code
    rows[120][1] = code(2120)
    workbook = _template(client)
    for row in rows:
        workbook.active.append(row)
    response = _upload(client, workbook)
    batch = ImportBatch.objects.latest("created_at")
    assert batch.errors == []
    assert "确认导入 200 家企业" in client.get(response["Location"]).content.decode()
    response = client.post(reverse("registry:import_confirm", args=[batch.pk]))
    assert response.status_code == 302 and response["Location"] == reverse("registry:unit_list")
    assert Enterprise.objects.count() == 201
    assert UnitEvent.objects.filter(action="imported", actor=cast.county_admin_x).count() == 200
    imported = Enterprise.objects.select_related("unit", "industry").get(uscc=code(2007))
    assert imported.unit.region == cast.unit_a.region and imported.industry.code == "13"
    assert imported.has_union and not imported.has_party_org and imported.credit_grade == "A"

    again = client.post(reverse("registry:import_confirm", args=[batch.pk]), follow=True)
    assert "已经导入" in again.content.decode() and Enterprise.objects.count() == 201

    export = client.get(reverse("registry:unit_export"), {"q": "导入测试"})
    exported = list(load_workbook(io.BytesIO(export.content)).active.iter_rows(values_only=True))
    assert len(exported) == 201


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name": ""}, "“企业名称”未填写"),
        ({"uscc": "=HYPERLINK(\"x\")"}, "含有公式"),
        ({"county": "曲沃县"}, "不在您的管辖范围内"),
        ({"township": "不存在街道"}, "不属于尧都区"),
        ({"industry": "99"}, "不是 GB/T 4754-2017 的大类代码"),
        ({"size": "巨型"}, "企业规模“巨型”无效"),
        ({"employee_count": "很多"}, "应为非负整数"),
        ({"has_union": "也许"}, "应填“是”或“否”"),
        ({"credit_grade": "D"}, "诚信等级“D”无效"),
    ],
)
def test_each_bad_cell_gets_a_chinese_message(client, cast, overrides, message):
    client.force_login(cast.county_admin_x)
    workbook = _template(client)
    workbook.active.append(_row(1, **overrides))
    _upload(client, workbook)
    errors = ImportBatch.objects.get().errors
    assert errors[0]["row"] == 2 and any(message in m for m in errors[0]["messages"]), errors


def test_duplicates_within_the_file_name_the_first_row(client, cast):
    client.force_login(cast.county_admin_x)
    workbook = _template(client)
    workbook.active.append(_row(1))
    workbook.active.append(_row(2, uscc=" " + code(2001).lower()))
    _upload(client, workbook)
    assert ImportBatch.objects.get().errors == [
        {"row": 3, "name": "导入测试002有限公司", "messages": [f"统一社会信用代码 {code(2001)} 与第 2 行重复"]}
    ]


def test_township_and_full_width_codes_are_accepted(client, cast):
    client.force_login(cast.county_admin_x)
    workbook = _template(client)
    full_width = code(2001).translate(str.maketrans("0123456789MA", "０１２３４５６７８９ＭＡ"))
    workbook.active.append(_row(1, uscc=full_width, township="解放路街道", industry="C13 农副食品加工业"))
    _upload(client, workbook)
    batch = ImportBatch.objects.get()
    assert batch.errors == [] and batch.rows[0]["uscc"] == code(2001)
    assert batch.rows[0]["township_id"] == cast.unit_a.township_id


def test_wrong_file_type_is_refused_by_content(client, cast):
    client.force_login(cast.county_admin_x)
    fake = SimpleUploadedFile("enterprises.xlsx", "企业名称,统一社会信用代码\n甲,1\n".encode(), content_type=XLSX)
    response = client.post(UPLOAD, {"file": fake})
    assert response.status_code == 400 and "文件类型不正确" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_a_zip_that_is_not_a_workbook_is_refused(client, cast):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a workbook")
    client.force_login(cast.county_admin_x)
    response = client.post(UPLOAD, {"file": SimpleUploadedFile("x.xlsx", buffer.getvalue())})
    assert response.status_code == 400 and "无法读取该文件" in response.content.decode()


def test_a_file_over_ten_megabytes_is_refused_before_reading(client, cast, settings):
    client.force_login(cast.county_admin_x)
    big = SimpleUploadedFile("big.xlsx", b"PK\x03\x04" + b"0" * (10 * 1024 * 1024 + 1))
    response = client.post(UPLOAD, {"file": big})
    assert response.status_code == 400 and "不能超过 10 MB" in response.content.decode()


def test_headers_that_do_not_match_the_template_are_refused(client, cast):
    client.force_login(cast.county_admin_x)
    workbook = Workbook()
    workbook.active.append(["名称", "代码"])
    response = _upload(client, workbook)
    assert response.status_code == 400 and "表头与模板不一致" in response.content.decode()


def test_batches_belong_to_their_owner(client, cast):
    client.force_login(cast.county_admin_x)
    workbook = _template(client)
    workbook.active.append(_row(1))
    _upload(client, workbook)
    batch = ImportBatch.objects.get()
    client.force_login(cast.city_admin)
    assert client.get(reverse("registry:import_preview", args=[batch.pk])).status_code == 404
    assert client.post(reverse("registry:import_confirm", args=[batch.pk])).status_code == 404
    client.force_login(cast.county_admin_y)
    assert client.post(reverse("registry:import_confirm", args=[batch.pk])).status_code == 404
    assert not Enterprise.objects.exists()


def test_a_code_registered_after_preview_stops_the_whole_batch(client, cast):
    client.force_login(cast.county_admin_x)
    workbook = _template(client)
    workbook.active.append(_row(1))
    workbook.active.append(_row(2))
    _upload(client, workbook)
    batch = ImportBatch.objects.get()
    EnterpriseFactory(unit=cast.unit_b, uscc=code(2002))
    response = client.post(reverse("registry:import_confirm", args=[batch.pk]), follow=True)
    page = response.content.decode()
    assert "未导入任何数据" in page
    assert Unit.objects.filter(name__startswith="导入测试").count() == 0
    batch.refresh_from_db()
    assert batch.status == "previewed"
    # The preview now shows the row as an error, not "全部行检查通过" with a confirm button.
    assert batch.errors == [{"row": 3, "name": "导入测试002有限公司",
                             "messages": [f"统一社会信用代码 {code(2002)} 已在系统中登记"]}]
    assert f"统一社会信用代码 {code(2002)} 已在系统中登记" in page
    assert "全部行检查通过" not in page and "确认导入" not in page
    assert client.post(reverse("registry:import_confirm", args=[batch.pk])).status_code == 302
    assert Unit.objects.filter(name__startswith="导入测试").count() == 0


@pytest.mark.parametrize("who", ["reviewers_x", "township_staff_x", "rep_a", "coordinator_x"])
def test_only_admins_may_import(client, cast, who):
    user = getattr(cast, who)
    client.force_login(user[Party.HRSS] if isinstance(user, dict) else user)
    assert client.get(UPLOAD).status_code == 403
    assert client.get(reverse("registry:import_template")).status_code == 403


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def test_a_bad_file_read_in_english_gets_english_row_errors(client, cast):
    """The preview's row errors are written in the uploader's language; the file's own words stay as typed."""
    EnterpriseFactory(unit=cast.unit_a, uscc=code(9999))
    client.force_login(cast.county_admin_x)
    client.cookies["django_language"] = "en"
    workbook = _template(client)
    workbook.active.append(_row(1, uscc="9114100212345"))
    workbook.active.append(_row(2, county="不存在县", size="巨型"))
    workbook.active.append(_row(3, uscc=code(9999), has_union="也许"))
    preview = client.get(_upload(client, workbook)["Location"]).content.decode()
    assert "A unified social credit code has 18 characters; this one has 13." in preview
    assert "County “不存在县” does not exist or is not in your jurisdiction" in preview
    assert "Enterprise size “巨型” is invalid" in preview
    assert f"Unified social credit code {code(9999)} is already registered" in preview
    assert "must be 是 (yes) or 否 (no), not “也许”" in preview
    assert not any(chinese in preview for chinese in ("应为 18 位", "不存在或不在您的管辖范围内", "已在系统中登记"))
