import subprocess

import pytest
from django.core.management import CommandError, call_command
from openpyxl import load_workbook

from tests.fixtures.reports import YEAR, count

pytestmark = pytest.mark.django_db


def test_command_writes_the_pdf_and_excel(city_data, regions, tmp_path):
    output = tmp_path / "city.pdf"
    call_command("build_annual_report", year=YEAR, region="141000", kind="city", output=str(output))
    text = subprocess.run(["pdftotext", str(output), "-"], capture_output=True, text=True, check=True).stdout
    assert "市级年度总结" in text and "各县(市、区)对比" in text
    overview = {row[0]: row[1] for row in load_workbook(tmp_path / "city.xlsx")["总体情况"].iter_rows(values_only=True)
                if row and row[0]}
    assert overview["提交申报（家）"] == count(city_data, submitted=True)


def test_command_refuses_an_unknown_region_or_a_wrong_level(regions, tmp_path):
    with pytest.raises(CommandError, match="未找到区划代码"):
        call_command("build_annual_report", year=YEAR, region="999999", kind="city", output=str(tmp_path / "a.pdf"))
    with pytest.raises(CommandError, match="只能按县"):
        call_command("build_annual_report", year=YEAR, region="141000", kind="county", output=str(tmp_path / "a.pdf"))
    assert list(tmp_path.iterdir()) == []
