"""Build the Word templates the portal ships in templates/docx/ (docxtpl: Jinja2 tags inside Word paragraphs).

    .venv/bin/python scripts/build_docx_templates.py            # writes templates/docx/annual_report.docx
    .venv/bin/python scripts/build_docx_templates.py --check    # fails when the committed file is out of date

An office that wants its own letterhead, fonts or wording opens the built file in Word, changes what it likes
(keeping the {{ … }} and {%p … %} tags), and puts it under the same name in a directory of DOCX_TEMPLATE_DIRS
(apps/core/docx.py). The layout follows the usual shape of an official document (GB/T 9704): A4, 仿宋 body,
黑体 first-level and 楷体 second-level headings, 小标宋 title, page number at the foot; fonts that are not
installed fall back to what the reader's Word has.

The context is ``apps/reports/render.py::docx_context``.
"""

import argparse
import hashlib
import sys
import zipfile
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "templates" / "docx"

BODY_FONT = "仿宋_GB2312"
HEI = "黑体"
KAI = "楷体_GB2312"
TITLE_FONT = "方正小标宋简体"
RED = RGBColor(0xB2, 0x22, 0x22)


def _font(run_or_style, name: str, size: float | None = None, *, bold: bool = False) -> None:
    font = run_or_style.font
    font.name = name
    if size:
        font.size = Pt(size)
    font.bold = bold
    element = run_or_style.element if hasattr(run_or_style, "element") else run_or_style._element
    properties = element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        properties.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


def _paragraph(document, text: str = "", *, font: str = BODY_FONT, size: float = 16, bold: bool = False,
               align=None, indent: bool = False, space_after: float = 0, colour: RGBColor | None = None):
    paragraph = document.add_paragraph()
    if text:
        run = paragraph.add_run(text)
        _font(run, font, size, bold=bold)
        if colour is not None:
            run.font.color.rgb = colour
    if align is not None:
        paragraph.alignment = align
    layout = paragraph.paragraph_format
    layout.space_after = Pt(space_after)
    layout.space_before = Pt(0)
    if indent:
        layout.first_line_indent = Pt(size * 2)
    return paragraph


def _tag(document, tag: str):
    """A paragraph holding only a docxtpl {%p … %} tag: removed when the template is rendered."""
    return _paragraph(document, tag, size=10)


def _page_number_footer(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(paragraph.add_run("— "), BODY_FONT, 14)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    _font(paragraph.add_run(" —"), BODY_FONT, 14)


def _table_width_full(table) -> None:
    """The table as wide as the text, its columns sized by their content (the tblW python-docx already wrote)."""
    width = table._tbl.tblPr.find(qn("w:tblW"))
    width.set(qn("w:w"), "5000")
    width.set(qn("w:type"), "pct")
    table.autofit = True


def _cell(cell, text: str, *, bold: bool = False, header: bool = False) -> None:
    paragraph = cell.paragraphs[0]
    _font(paragraph.add_run(text), BODY_FONT, 10.5, bold=bold)
    if header:
        # Repeat the header row on every page the table runs over.
        row_properties = cell._tc.getparent().get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        row_properties.append(repeat)


def annual_report() -> Document:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _font(document.styles["Normal"], BODY_FONT, 16)
    document.styles["Normal"].paragraph_format.line_spacing = Pt(28)

    # Cover: document number, title, subtitle, issuing office and date.
    _paragraph(document, "文号：{{ document_number or '〔　　　〕　　号' }}", size=14, align=WD_ALIGN_PARAGRAPH.RIGHT)
    for _ in range(6):
        _paragraph(document)
    _paragraph(document, "{{ title }}", font=TITLE_FONT, size=26, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
               space_after=12)
    _paragraph(document, "{{ subtitle }}", font=KAI, size=16, align=WD_ALIGN_PARAGRAPH.CENTER)
    for _ in range(9):
        _paragraph(document)
    _tag(document, "{%p for office in issuing_offices %}")
    _paragraph(document, "{{ office }}", font=HEI, size=18, align=WD_ALIGN_PARAGRAPH.CENTER, space_after=6)
    _tag(document, "{%p endfor %}")
    date = _paragraph(document, "{{ issued_on }}", size=16, align=WD_ALIGN_PARAGRAPH.CENTER)
    date.add_run().add_break(WD_BREAK.PAGE)

    # Body: title, recipient, the four chapters with the portal's and the county's paragraphs, typical cases.
    _paragraph(document, "{{ title }}", font=TITLE_FONT, size=22, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
               space_after=16)
    _tag(document, "{%p if recipient %}")
    _paragraph(document, "{{ recipient }}：")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p for chapter in chapters %}")
    _paragraph(document, "{{ chapter.title }}", font=HEI, indent=True)
    _tag(document, "{%p for block in chapter.blocks %}")
    _tag(document, "{%p if block.kind == 'heading' %}")
    _paragraph(document, "{{ block.text }}", font=KAI, indent=True)
    _tag(document, "{%p elif block.kind == 'case' %}")
    _paragraph(document, "{{ block.title }}", font=KAI, indent=True)
    _tag(document, "{%p for line in block.lines %}")
    _paragraph(document, "{{ line }}", indent=True)
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p else %}")
    _tag(document, "{%p for line in block.lines %}")
    _paragraph(document, "{{ line }}", indent=True)
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endif %}")
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endfor %}")

    # 附件 list and the signature with room for the seal.
    _paragraph(document)
    _tag(document, "{%p for annex in attachments %}")
    _paragraph(document, "{% if loop.first %}附件：{% else %}　　　{% endif %}{{ annex.number }}. {{ annex.title }}",
               indent=True)
    _tag(document, "{%p endfor %}")
    for _ in range(3):
        _paragraph(document)
    _tag(document, "{%p for office in issuing_offices %}")
    _paragraph(document, "{{ office }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _tag(document, "{%p endfor %}")
    _paragraph(document, "{{ issued_on }}", align=WD_ALIGN_PARAGRAPH.RIGHT)
    _paragraph(document, "（盖章）", size=12, align=WD_ALIGN_PARAGRAPH.RIGHT, colour=RED)

    # 附件: the tables, flowing, each with its 合计 row; a section of their own with narrower margins.
    annex = document.add_section(WD_SECTION.NEW_PAGE)
    annex.top_margin, annex.bottom_margin = Mm(25), Mm(25)
    annex.left_margin, annex.right_margin = Mm(20), Mm(20)
    _tag(document, "{%p for annex in attachments %}")
    _paragraph(document, "附件{{ annex.number }}", font=HEI, size=14)
    _paragraph(document, "{{ annex.title }}", font=TITLE_FONT, size=18, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER,
               space_after=6)
    _tag(document, "{%p for table in annex.tables %}")
    _tag(document, "{%p if table.heading %}")
    _paragraph(document, "{{ table.heading }}", font=HEI, size=12, space_after=3)
    _tag(document, "{%p endif %}")
    table = document.add_table(rows=4, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    _table_width_full(table)
    cells = [
        ("{%tc for column in table.columns %}", "{{ column }}", "{%tc endfor %}"),
        ("{%tr for row in table.rows %}", "", ""),
        ("{%tc for value in row %}", "{{ value }}", "{%tc endfor %}"),
        ("{%tr endfor %}", "", ""),
    ]
    for row, texts in zip(table.rows, cells, strict=True):
        for index, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
            _cell(cell, text, bold=row is table.rows[0] and index == 1, header=row is table.rows[0] and index == 0)
    for texts, bold in ((("{%tr if table.total %}", "", ""), False),
                        (("{%tc for value in table.total %}", "{{ value }}", "{%tc endfor %}"), True),
                        (("{%tr endif %}", "", ""), False)):
        row = table.add_row()
        for index, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
            _cell(cell, text, bold=bold and index == 1)
    _tag(document, "{%p if table.note %}")
    _paragraph(document, "{{ table.note }}", size=10.5)
    _tag(document, "{%p endif %}")
    _paragraph(document, size=10)
    _tag(document, "{%p endfor %}")
    _tag(document, "{%p endfor %}")
    for part in document.sections:
        _page_number_footer(part)
    return document


TEMPLATES = {"annual_report": annual_report}


def built(name: str) -> bytes:
    out = BytesIO()
    TEMPLATES[name]().save(out)
    return out.getvalue()


def _text_digest(content: bytes) -> str:
    """A digest of the document's XML without the zip's timestamps, so --check compares content."""
    with zipfile.ZipFile(BytesIO(content)) as archive:
        return hashlib.sha256(b"".join(archive.read(name) for name in sorted(archive.namelist())
                                       if name.startswith("word/"))).hexdigest()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="fail when a committed template is out of date")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    stale = []
    for name in TEMPLATES:
        path = OUT / f"{name}.docx"
        content = built(name)
        if args.check:
            if not path.exists() or _text_digest(path.read_bytes()) != _text_digest(content):
                stale.append(path)
            continue
        path.write_bytes(content)
        print(f"wrote {path}")
    if stale:
        print("out of date, run scripts/build_docx_templates.py: " + ", ".join(map(str, stale)), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
