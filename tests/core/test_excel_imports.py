"""The messages every Excel import shares (one framework: apps/core/excel_import.py), and the templates' lists."""

import io
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from apps.oversight.risks.models import RiskEvent
from apps.registry.models import ImportBatch
from apps.registry.parks.models import Park
from tests.factories import EnterpriseFactory, UnitFactory
from tests.registry.helpers import code

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Import:
    upload: str
    template: str


IMPORTS = {
    "enterprises": Import("registry:import_upload", "registry:import_template"),
    "parks": Import("registry:import_upload_parks", "registry:import_template_parks"),
    "industries": Import("registry:import_upload_industries", "registry:import_template_industries"),
    "risks": Import("risks:import", "risks:import_template"),
}
# A credit code typed into a General cell: Excel keeps 15 digits and shows 9.11410E+17.
CODE_AS_NUMBER = 9.11410020000001e17


def _template(client, name: str) -> Workbook:
    response = client.get(reverse(name))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def _post(client, url_name: str, book: Workbook):
    buffer = io.BytesIO()
    book.save(buffer)
    return client.post(reverse(url_name), {"file": SimpleUploadedFile("data.xlsx", buffer.getvalue())})


@pytest.mark.parametrize("kind", sorted(IMPORTS))
def test_a_header_mismatch_lists_the_expected_and_the_found_columns(client, cast, kind):
    client.force_login(cast.county_admin_x)
    expected = [str(cell.value).rstrip("*") for cell in _template(client, IMPORTS[kind].template).active[1]]
    book = Workbook()
    book.active.append(["名称", "代码", "备注"])
    book.active.append(["甲", "乙", "丙"])
    response = _post(client, IMPORTS[kind].upload, book)
    page = response.content.decode()
    assert response.status_code == 400
    assert "表头与模板不一致" in page
    assert f"应为：{'、'.join(expected)}" in page and "文件中为：名称、代码、备注" in page


@pytest.mark.parametrize("kind", sorted(IMPORTS))
def test_a_file_without_data_rows_is_an_error(client, cast, kind):
    client.force_login(cast.county_admin_x)
    book = _template(client, IMPORTS[kind].template)
    book.active.delete_rows(2, book.active.max_row)  # the risk template carries an example row
    response = _post(client, IMPORTS[kind].upload, book)
    assert response.status_code == 400
    assert "文件中没有数据行" in response.content.decode()
    assert not ImportBatch.objects.exists() and not RiskEvent.objects.exists()


def _enterprise_row(**overrides) -> list:
    values = {"name": "数字代码有限公司", "uscc": code(7001), "county": "尧都区"}
    values.update(overrides)
    return list(values.values())


def test_a_credit_code_typed_as_a_number_is_refused_with_text_advice(client, cast):
    client.force_login(cast.county_admin_x)
    book = _template(client, "registry:import_template")
    book.active.append(_enterprise_row(uscc=CODE_AS_NUMBER))
    _post(client, "registry:import_upload", book)
    batch = ImportBatch.objects.get()
    [message] = batch.errors[0]["messages"]
    assert "“统一社会信用代码”是数字格式（9.11410E+17）" in message and "设置为文本" in message
    page = client.get(reverse("registry:import_preview", args=[batch.pk])).content.decode()
    assert "设置为文本" in page and "全部行检查通过" not in page


def test_a_region_code_as_a_whole_number_is_exact_and_accepted(client, cast):
    client.force_login(cast.county_admin_x)
    book = _template(client, "registry:import_template")
    book.active.append(_enterprise_row(county=141002))
    _post(client, "registry:import_upload", book)
    assert ImportBatch.objects.get().errors == []


def test_a_region_code_in_a_float_cell_is_refused(client, cast):
    client.force_login(cast.county_admin_x)
    book = _template(client, "registry:import_template")
    book.active.append(_enterprise_row(county=141002.5))
    _post(client, "registry:import_upload", book)
    [message] = ImportBatch.objects.get().errors[0]["messages"]
    assert "“所属县(市、区)”是数字格式" in message and "设置为文本" in message


def test_member_codes_typed_as_a_number_are_refused_in_the_industry_import(client, cast):
    client.force_login(cast.county_admin_x)
    book = _template(client, "registry:import_template_industries")
    book.active.append(["数字行业", "行业", "尧都区", "行业协会", "协会", 2025, CODE_AS_NUMBER])
    _post(client, "registry:import_upload_industries", book)
    assert any("设置为文本" in message for message in ImportBatch.objects.get().errors[0]["messages"])


def test_a_unit_code_typed_as_a_number_is_refused_in_the_risk_import(client, cast):
    EnterpriseFactory(unit=cast.unit_a)
    client.force_login(cast.county_admin_x)
    book = _template(client, "risks:import_template")
    book.active.delete_rows(2)
    book.active.append([CODE_AS_NUMBER, "劳动争议仲裁案件", "2025-03-01", "一般", "仲裁院", "追索报酬"])
    response = _post(client, "risks:import", book)
    assert response.status_code == 400 and "设置为文本" in response.content.decode()
    assert not RiskEvent.objects.exists()


def _lists(book: Workbook) -> dict[str, list[str]]:
    """Header → the choices of the drop-down list on that column."""
    sheet = book.worksheets[0]
    headers = {cell.column_letter: str(cell.value).rstrip("*") for cell in sheet[1]}
    lists = {}
    for validation in sheet.data_validations.dataValidation:
        assert validation.type == "list" and validation.showErrorMessage
        column = str(validation.sqref).split(":")[0].rstrip("0123456789")
        sheet_name, cells = validation.formula1.split("!")
        source = book[sheet_name.strip("'")]
        first, last = (part.replace("$", "") for part in cells.split(":"))
        values = [row[0].value for row in source[first:last]]
        lists[headers[column]] = [str(value) for value in values]
    return lists


def test_the_enterprise_template_has_a_list_on_every_coded_column(client, cast, regions):
    Park.objects.create(unit=UnitFactory(kind="park", name="尧都工业园", region=regions.county_x),
                        area_kind="industrial_park")
    Park.objects.create(unit=UnitFactory(kind="park", name="曲沃工业园", region=regions.county_y),
                        area_kind="industrial_park")
    client.force_login(cast.county_admin_x)
    book = _template(client, "registry:import_template")
    lists = _lists(book)
    assert set(lists) == {"所属县(市、区)", "所属乡镇(街道)", "所在工业园区", "行业大类代码", "经济类型", "企业规模",
                          "已建立工会", "已建立党组织", "劳动保障诚信等级"}
    assert lists["所属县(市、区)"] == ["尧都区"]  # only the admin's own counties
    assert lists["所属乡镇(街道)"] == ["解放路街道"] and lists["所在工业园区"] == ["尧都工业园"]
    assert lists["企业规模"] == ["大型", "中型", "小型", "微型"]
    assert lists["已建立工会"] == ["是", "否"] and lists["劳动保障诚信等级"] == ["A", "B", "C"]
    assert "13 农副食品加工业" in lists["行业大类代码"]
    assert book[book.sheetnames[1]].sheet_state == "hidden"
    # Code columns are formatted as text, so Excel keeps all 18 characters.
    assert book.active.column_dimensions["B"].number_format == "@"


def test_a_value_chosen_from_each_list_is_accepted(client, cast):
    """The lists offer what the import reads: a row made only of list values passes."""
    client.force_login(cast.county_admin_x)
    book = _template(client, "registry:import_template")
    lists = _lists(book)
    book.active.append(["列表值有限公司", code(7002), lists["所属县(市、区)"][0], lists["所属乡镇(街道)"][0], "",
                        "地址", lists["行业大类代码"][0], lists["经济类型"][0], lists["企业规模"][0], 10,
                        lists["已建立工会"][0], lists["已建立党组织"][1], lists["劳动保障诚信等级"][0]])
    _post(client, "registry:import_upload", book)
    assert ImportBatch.objects.get().errors == []


@pytest.mark.parametrize(("template", "columns"), [
    ("registry:import_template_parks", {"类别": "工业园区", "所属县(市、区)": "尧都区",
                                        "对应乡镇(街道)区划": "解放路街道"}),
    ("registry:import_template_industries", {"创建类型": "产业链·供应链", "所属县(市、区)": "尧都区",
                                             "牵头主体类型": "行业协会"}),
    ("risks:import_template", {"事件类型": "劳动争议仲裁案件", "严重程度": "特别重大"}),
])
def test_the_other_templates_have_lists_on_their_coded_columns(client, cast, template, columns):
    client.force_login(cast.county_admin_x)
    lists = _lists(_template(client, template))
    assert set(lists) == set(columns)
    for header, choice in columns.items():
        assert choice in lists[header], (header, lists[header])


@pytest.mark.parametrize("count", ["²", "-3", "1e9"])
def test_an_employee_count_that_is_not_a_plain_number_is_a_row_error_not_a_500(client, cast, count):
    client.force_login(cast.county_admin_x)
    book = _template(client, "registry:import_template")
    book.active.append([*_enterprise_row(), "", "", "", "", "", "", count])
    assert _post(client, "registry:import_upload", book).status_code < 500
    messages = ImportBatch.objects.get().errors[0]["messages"]
    assert any(f"职工人数“{count}”应为非负整数" in message for message in messages)


def test_an_employee_count_in_full_width_digits_is_read(client, cast):
    client.force_login(cast.county_admin_x)
    book = _template(client, "registry:import_template")
    book.active.append([*_enterprise_row(), "", "", "", "", "", "", "１２"])
    _post(client, "registry:import_upload", book)
    assert ImportBatch.objects.get().errors == []


def test_a_pilot_year_that_is_not_a_plain_number_is_a_row_error_not_a_500(client, cast):
    client.force_login(cast.county_admin_x)
    book = _template(client, "registry:import_template_industries")
    book.active.append(["上标行业", "行业", "尧都区", "行业协会", "协会", "²⁰²⁵", ""])
    assert _post(client, "registry:import_upload_industries", book).status_code < 500
    assert any("试点年度“²⁰²⁵”应为四位年份" in message for message in ImportBatch.objects.get().errors[0]["messages"])
