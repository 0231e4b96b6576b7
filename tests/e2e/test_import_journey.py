"""The enterprise import in the browser: a header that does not match, then a code taken between preview and confirm."""

import io

import pytest
from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect

from apps.regions.models import Region
from apps.registry.enterprises.models import Enterprise
from apps.registry.imports import template_xlsx_for
from tests.factories import EnterpriseFactory
from tests.registry.helpers import code

from .browser import login

pytestmark = pytest.mark.django_db(transaction=True)
FILE_LABEL = "Excel 文件（.xlsx，不超过 10 MB）"


def _file(book: Workbook, name: str = "企业名录.xlsx") -> dict:
    buffer = io.BytesIO()
    book.save(buffer)
    return {"name": name, "mimeType": "application/octet-stream", "buffer": buffer.getvalue()}


def test_import_preview_turns_back_to_an_error_when_a_code_is_taken_before_confirming(page, cast, regions):
    login(page, "county_admin_x")
    page.goto(f"{page.base_url}/registry/import/")

    wrong = Workbook()
    wrong.active.append(["单位", "代码"])
    wrong.active.append(["甲", "乙"])
    page.get_by_label(FILE_LABEL).set_input_files(_file(wrong))
    page.get_by_role("button", name="上传并检查").click()
    page.get_by_text("表头与模板不一致").wait_for()
    expect(page.get_by_text("文件中为：单位、代码")).to_be_visible()

    book = load_workbook(io.BytesIO(template_xlsx_for(counties=Region.objects.filter(pk=regions.county_x.pk))))
    book.active.append(["浏览器导入一有限公司", code(8101), "尧都区"])
    book.active.append(["浏览器导入二有限公司", code(8102), "尧都区"])
    page.get_by_label(FILE_LABEL).set_input_files(_file(book))
    page.get_by_role("button", name="上传并检查").click()
    page.get_by_text("全部行检查通过").wait_for()

    EnterpriseFactory(unit__region=regions.county_y, uscc=code(8102))  # registered elsewhere meanwhile
    page.get_by_role("button", name="确认导入 2 家企业").click()
    page.get_by_text("未导入任何数据").first.wait_for()
    errors = page.locator("#import-errors")
    assert "第 3 行" in errors.inner_text() and f"统一社会信用代码 {code(8102)} 已在系统中登记" in errors.inner_text()
    assert not page.get_by_text("全部行检查通过").is_visible()
    assert page.get_by_role("button", name="确认导入 2 家企业").count() == 0
    assert not Enterprise.objects.filter(uscc=code(8101)).exists()
