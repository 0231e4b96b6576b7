"""Build the Word templates of the official documents (templates/docx/*.docx) in the GB/T 9704—2012 layout.

Run from the repository root after changing the layout: ``.venv/bin/python scripts/build_docx_templates.py``.
Every document (public notice, naming decision, revocation notice, province list, evaluation form) gets its
own file so an office can replace one of them (``HLR_DOCX_TEMPLATE_DIRS``) without touching the others; all are
the same layout today, filled by ``apps/core/official.py::official_docx`` with the context it documents.

The page: A4, margins 37/35/28/26 mm, document grid of 22 lines × 28 characters, body 3号 (16 pt) in
仿宋_GB2312, title 2号 (22 pt) in 方正小标宋简体, 附件 label in 黑体, page numbers "— 1 —" in 4号 宋体
(odd pages right, even pages left). Word has no font fallback list: the licensed faces are named, and a
computer without them shows Word's substitute until they are installed (see docs/architecture.md).
"""

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
LINE_PITCH = Pt(28.95)  # 225 mm of 版心 / 22 lines
# 版心 156 mm = 442.2 pt across 28 characters: 15.79 pt each, 0.21 pt less than 3号.
CHAR_SPACE = int(-0.21 * 4096)
# Wide tables (the province list, the evaluation form with a column per panel member) print landscape.
LANDSCAPE = {"province_list", "evaluation_form"}
DOCUMENTS = {
    "public_notice": "公示",
    "naming_decision": "命名决定",
    "revocation_notice": "取消命名公告",
    "province_list": "报送省级命名单位名单",
    "evaluation_form": "评估表",
}


def _fonts(element, east_asia: str, size: Pt | None = None, bold: bool = False) -> None:
    """Set a run's or style's fonts: Latin text in Times New Roman, Chinese in ``east_asia``."""
    fonts = element.font
    fonts.name = LATIN_FONT
    if size is not None:
        fonts.size = size
    fonts.bold = bold
    rpr = element.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attribute), LATIN_FONT)
    rfonts.set(qn("w:eastAsia"), east_asia)


def _paragraph(document, text: str, *, style: str = "Normal", align=None, indent: bool = False,
               right_chars: int = 0):
    paragraph = document.add_paragraph(text, style=style)
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(32)
    if right_chars:
        paragraph.paragraph_format.right_indent = Pt(16 * right_chars)
    return paragraph


def _page_number_footer(footer, align) -> None:
    paragraph = footer.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.left_indent = Pt(14) if align == WD_ALIGN_PARAGRAPH.LEFT else None
    paragraph.paragraph_format.right_indent = Pt(14) if align == WD_ALIGN_PARAGRAPH.RIGHT else None
    parts = [("text", "— "), ("begin", None), ("instr", " PAGE "), ("end", None), ("text", " —")]
    for kind, value in parts:
        run = paragraph.add_run()
        _fonts(run, PAGE_NUMBER_FONT, Pt(14))
        if kind == "text":
            run.text = value
        elif kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = value
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)


def _grid(section) -> None:
    """The 22 × 28 document grid (Word: 文档网格 指定行和字符网格)."""
    sect = section._sectPr
    grid = sect.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        sect.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(int(LINE_PITCH.pt * 20)))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))


def _table(document, expression: str) -> None:
    """A table whose columns and rows come from ``expression`` (a DocumentTable): the header repeats on every
    page; columns are repeated with docxtpl's {%tc %} and rows with {%tr %}."""
    table = document.add_table(rows=2, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    header, body = table.rows
    header_flag = OxmlElement("w:tblHeader")
    header._tr.get_or_add_trPr().append(header_flag)
    header.cells[0].text = f"{{%tc for column in {expression}.columns %}}"
    header.cells[1].text = "{{ column }}"
    header.cells[2].text = "{%tc endfor %}"
    body.cells[0].text = f"{{%tr for row in {expression}.rows %}}"
    # docxtpl: a {%tr %} tag replaces its whole row, so the row loop needs rows of its own.
    loop_open = table.add_row()
    loop_open.cells[0].text = "{%tc for cell in row %}"
    loop_open.cells[1].text = "{{ cell }}"
    loop_open.cells[2].text = "{%tc endfor %}"
    loop_close = table.add_row()
    loop_close.cells[0].text = "{%tr endfor %}"
    for row in table.rows:
        for cell in row.cells:
            for paragraph in cell.paragraphs:
                paragraph.style = "Table Text"
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for cell in header.cells:
        for paragraph in cell.paragraphs:
            paragraph.style = "Table Heading"
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _styles(document) -> None:
    normal = document.styles["Normal"]
    _fonts(normal, BODY_FONT, Pt(16))
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False
    styles = document.styles
    title = styles.add_style("Document Title", 1)
    title.base_style = normal
    _fonts(title, TITLE_FONT, Pt(22))
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    title.paragraph_format.line_spacing = Pt(35)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = LINE_PITCH
    sub = styles.add_style("Attachment Title", 1)
    sub.base_style = title
    _fonts(sub, TITLE_FONT, Pt(18))
    label = styles.add_style("Attachment Label", 1)
    label.base_style = normal
    _fonts(label, HEADING_FONT, Pt(16))
    text = styles.add_style("Table Text", 1)
    text.base_style = normal
    _fonts(text, BODY_FONT, Pt(12))
    text.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    text.paragraph_format.snap_to_grid = False
    heading = styles.add_style("Table Heading", 1)
    heading.base_style = text
    _fonts(heading, HEADING_FONT, Pt(12))


def build(kind: str) -> Document:
    document = Document()
    _styles(document)
    if kind in LANDSCAPE:  # 五号 cells, as the PDF's wide tables
        for name in ("Table Text", "Table Heading"):
            document.styles[name].font.size = Pt(10.5)
    section = document.sections[0]
    if kind in LANDSCAPE:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(297), Mm(210)
        section.top_margin, section.bottom_margin = Mm(28), Mm(26)
        section.left_margin, section.right_margin = Mm(37), Mm(35)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = section.bottom_margin - Mm(7) - Pt(14)
    _grid(section)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number_footer(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number_footer(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)
    body = document.paragraphs[0] if document.paragraphs else None
    if body is not None:
        body._element.getparent().remove(body._element)

    _paragraph(document, "{%p if number %}")
    _paragraph(document, "{{ number }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    _paragraph(document, "{%p endif %}")
    _paragraph(document, "{{ title }}", style="Document Title")
    _paragraph(document, "{%p if addressee %}")
    _paragraph(document, "{{ addressee }}：")
    _paragraph(document, "{%p endif %}")
    _paragraph(document, "{%p for paragraph in body %}")
    _paragraph(document, "{{ paragraph }}", indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p for table in tables %}")
    _table(document, "table")
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p for line in closing %}")
    _paragraph(document, "{{ line }}")
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p if attachment_lines %}")
    _paragraph(document, "")
    _paragraph(document, "{%p endif %}")
    _paragraph(document, "{%p for line in attachment_lines %}")
    _paragraph(document, "{{ line }}", indent=True)
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p if office %}")
    _paragraph(document, "")
    _paragraph(document, "")
    _paragraph(document, "{%p for line in office_lines %}")
    _paragraph(document, "{{ line }}", align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=4)
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{{ date }}", align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=4)
    _paragraph(document, "{%p endif %}")
    _paragraph(document, "{%p for attachment in attachments %}")
    label = _paragraph(document, "{{ attachment.label }}", style="Attachment Label")
    label.paragraph_format.page_break_before = True
    _paragraph(document, "{{ attachment.title }}", style="Attachment Title")
    _table(document, "attachment.table")
    _paragraph(document, "{%p endfor %}")
    document.core_properties.title = DOCUMENTS[kind]
    document.core_properties.author = "HLR Portal"
    return document


def main(target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for kind in DOCUMENTS:
        build(kind).save(target / f"{kind}.docx")
        print(target / f"{kind}.docx")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent.parent / "templates" / "docx")
