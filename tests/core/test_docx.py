"""The Word writer fills an office's template before the shipped one, and reads documents back."""

import pytest
from docx import Document

from apps.core.docx import docx_template_path, docx_text, render_docx


def _template(path, title_line):
    document = Document()
    document.add_paragraph(title_line)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "单位"
    table.cell(0, 1).text = "地区"
    table.cell(1, 0).text = "{%tr for row in rows %}"
    table.add_row()
    table.cell(2, 0).text = "{{ row.name }}"
    table.cell(2, 1).text = "{{ row.region }}"
    table.add_row()
    table.cell(3, 0).text = "{%tr endfor %}"
    document.save(path)


def test_an_office_template_wins_and_the_text_reads_back(tmp_path, settings):
    shipped, office = tmp_path / "shipped", tmp_path / "office"
    shipped.mkdir(), office.mkdir()
    _template(office / "sample.docx", "{{ office }}关于命名的决定")
    settings.DOCX_TEMPLATE_DIRS = [office]
    assert docx_template_path("sample") == office / "sample.docx"
    rows = [{"name": "甲公司 <&>", "region": "尧都区"}, {"name": "乙公司", "region": "侯马市"}]
    content = render_docx("sample", {"office": "临汾市协调劳动关系三方委员会", "rows": rows})
    text = docx_text(content)
    assert "临汾市协调劳动关系三方委员会关于命名的决定" in text
    assert "甲公司 <&>\t尧都区" in text and "乙公司\t侯马市" in text
    assert "{%" not in text


def test_a_missing_template_is_named(settings):
    settings.DOCX_TEMPLATE_DIRS = []
    with pytest.raises(FileNotFoundError, match="nothing"):
        docx_template_path("nothing")
