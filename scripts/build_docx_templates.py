"""Build the Word templates the portal ships in templates/docx/ (docxtpl: Jinja2 tags inside Word paragraphs).

    .venv/bin/python scripts/build_docx_templates.py            # rewrites templates/docx/*.docx
    .venv/bin/python scripts/build_docx_templates.py --check    # fails when a committed file is out of date
    .venv/bin/python scripts/build_docx_templates.py DIR        # writes them to DIR instead

Six templates, one layout: the official documents (public_notice, naming_decision, revocation_notice,
province_list, evaluation_form), filled by ``apps/core/official.py::official_docx`` with the context it documents,
and the yearly report (annual_report), filled with ``apps/reports/render.py::docx_context``. Each is its own file
so an office can replace one of them (a file of the same name in ``HLR_DOCX_TEMPLATE_DIRS``) without touching the
others: it opens the built file in Word, changes letterhead, fonts or wording, and keeps the {{ … }} and {%p … %}
tags.

The page is GB/T 9704—2012's: A4, margins 37/35/28/26 mm (top, bottom, left, right; wide tables print landscape
with the margins turned), document grid of 22 lines × 28 characters, body 3号 (16 pt) in 仿宋_GB2312, title 2号
(22 pt) in 方正小标宋简体, first-level headings and the 附件 label in 黑体, second-level headings in 楷体_GB2312,
page numbers "— 1 —" in 4号 宋体 (odd pages right, even pages left). Word has no font fallback list: the licensed
faces are named, and a computer without them shows Word's substitute until they are installed (see
docs/architecture.md "Official documents").

The files are deterministic (fixed zip timestamps and document dates): a rebuild without a change in this script
gives the same bytes, so ``git status`` shows only real changes. ``--check`` compares the files' content (every
part of the package, uncompressed), not their bytes, so another zlib does not make it fail.
"""

import argparse
import sys
import zipfile
from collections.abc import Callable
from datetime import datetime
from functools import cache
from io import BytesIO
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

OUT = Path(__file__).resolve().parent.parent / "templates" / "docx"

# Faces (GB/T 9704 §7.3: title 小标宋, body 仿宋, headings 黑体 then 楷体; page numbers 宋体).
TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
SUBHEADING_FONT = "楷体_GB2312"
PAGE_NUMBER_FONT = "宋体"
LATIN_FONT = "Times New Roman"
# Sizes by their Chinese names.
YI_HAO, ER_HAO, XIAO_ER, SAN_HAO, SI_HAO, XIAO_SI, WU_HAO = (Pt(size) for size in (26, 22, 18, 16, 14, 12, 10.5))
RED = RGBColor(0xB2, 0x22, 0x22)

# A4 and the standard's margins (top, bottom, left, right) for a portrait page.
PAGE = (Mm(210), Mm(297))
MARGINS = (Mm(37), Mm(35), Mm(28), Mm(26))
LINE_PITCH = Pt(28.95)  # 225 mm of 版心 / 22 lines
TITLE_LINE = Pt(35)
# 版心 156 mm = 442.2 pt across 28 characters: 15.79 pt each, 0.21 pt less than 3号.
CHAR_SPACE = int(-0.21 * 4096)
# The page number sits 7 mm below the 版心 (§7.5.1), a quarter character in from the edge of the text.
PAGE_NUMBER_DROP = Mm(7)
PAGE_NUMBER_INSET = Pt(14)
# A fixed date for the package's properties and its zip entries: the same script builds the same bytes.
BUILT = datetime(2026, 1, 1)
ZIP_TIME = (2026, 1, 1, 0, 0, 0)
# What follows w:pgNumType in a section's properties (the schema's order, which Word enforces).
SECTION_AFTER_PAGE_NUMBERS = ("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
                              "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")


# ---------------------------------------------------------------------------------------------- helpers


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


def _style(document, name: str, base: str, east_asia: str, size: Pt, *, line: Pt | None = None,
           align=None, on_grid: bool = True):
    """A paragraph style on ``base`` with its own face and size (and an exact line height when given)."""
    style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles[base]
    style.quick_style = True
    _fonts(style, east_asia, size)
    layout = style.paragraph_format
    if line is not None:
        layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        layout.line_spacing = line
    if align is not None:
        layout.alignment = align
    if not on_grid:
        layout.line_spacing_rule = WD_LINE_SPACING.SINGLE
        layout.snap_to_grid = False
    return style


def _styles(document, table_size: Pt) -> None:
    """Every style the templates use; an office restyles the whole document by editing these in Word."""
    normal = document.styles["Normal"]
    _fonts(normal, BODY_FONT, SAN_HAO)
    layout = normal.paragraph_format
    layout.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    layout.line_spacing = LINE_PITCH
    layout.space_before = layout.space_after = Pt(0)
    layout.widow_control = False
    title = _style(document, "Document Title", "Normal", TITLE_FONT, ER_HAO, line=TITLE_LINE,
                   align=WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.space_after = LINE_PITCH
    cover = _style(document, "Cover Title", "Document Title", TITLE_FONT, YI_HAO, line=Pt(42))
    cover.paragraph_format.space_after = Pt(12)
    _style(document, "Cover Subtitle", "Normal", SUBHEADING_FONT, SAN_HAO, align=WD_ALIGN_PARAGRAPH.CENTER)
    _style(document, "Cover Office", "Normal", HEADING_FONT, XIAO_ER, align=WD_ALIGN_PARAGRAPH.CENTER)
    for name, face in (("Heading One", HEADING_FONT), ("Heading Two", SUBHEADING_FONT)):
        heading = _style(document, name, "Normal", face, SAN_HAO)
        heading.paragraph_format.first_line_indent = SAN_HAO * 2
        heading.paragraph_format.keep_with_next = True
    _style(document, "Attachment Label", "Normal", HEADING_FONT, SAN_HAO)
    _style(document, "Attachment Title", "Document Title", TITLE_FONT, XIAO_ER)
    caption = _style(document, "Table Caption", "Normal", HEADING_FONT, XIAO_SI, on_grid=False)
    caption.paragraph_format.space_before = Pt(6)
    caption.paragraph_format.space_after = Pt(3)
    caption.paragraph_format.keep_with_next = True
    text = _style(document, "Table Text", "Normal", BODY_FONT, table_size, on_grid=False)
    _style(document, "Table Heading", "Table Text", HEADING_FONT, table_size)
    _style(document, "Table Note", "Table Text", BODY_FONT, WU_HAO).paragraph_format.space_before = Pt(3)
    text.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER


def _paragraph(document, text: str = "", *, style: str = "Normal", align=None, indent: bool = False,
               right_chars: int = 0):
    """A paragraph in ``style``; ``indent``: two characters in (a body paragraph); ``right_chars``: that many
    characters from the right edge (the office and date, §7.3.5)."""
    paragraph = document.add_paragraph(text, style=style)
    if align is not None:
        paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.first_line_indent = SAN_HAO * 2
    if right_chars:
        paragraph.paragraph_format.right_indent = SAN_HAO * right_chars
    return paragraph


def _page(section, *, landscape: bool = False) -> None:
    """A4 with the standard's margins and document grid; landscape turns the page and its margins."""
    width, height = PAGE
    top, bottom, left, right = MARGINS
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = height, width
        section.top_margin, section.bottom_margin = left, right
        section.left_margin, section.right_margin = top, bottom
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = width, height
        section.top_margin, section.bottom_margin = top, bottom
        section.left_margin, section.right_margin = left, right
    section.footer_distance = section.bottom_margin - PAGE_NUMBER_DROP - SI_HAO
    # The 22 × 28 document grid (Word: 文档网格 指定行和字符网格).
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:type"), "linesAndChars")
    grid.set(qn("w:linePitch"), str(int(LINE_PITCH.pt * 20)))
    grid.set(qn("w:charSpace"), str(CHAR_SPACE))


def _page_number_footer(footer, align) -> None:
    """"— 1 —" in 4号 宋体, a quarter character in from the side it sits on."""
    paragraph = footer.paragraphs[0]
    paragraph.alignment = align
    paragraph.paragraph_format.left_indent = PAGE_NUMBER_INSET if align == WD_ALIGN_PARAGRAPH.LEFT else None
    paragraph.paragraph_format.right_indent = PAGE_NUMBER_INSET if align == WD_ALIGN_PARAGRAPH.RIGHT else None
    for kind, value in (("text", "— "), ("begin", None), ("instr", " PAGE "), ("end", None), ("text", " —")):
        run = paragraph.add_run()
        _fonts(run, PAGE_NUMBER_FONT, SI_HAO)
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


def _document(title: str, *, landscape: bool = False, table_size: Pt = XIAO_SI):
    """A new document: styles, the first section's page, page numbers on odd and even pages."""
    document = Document()
    _styles(document, table_size)
    section = document.sections[0]
    _page(section, landscape=landscape)
    document.settings.odd_and_even_pages_header_footer = True
    _page_number_footer(section.footer, WD_ALIGN_PARAGRAPH.RIGHT)
    _page_number_footer(section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT)
    for empty in list(document.paragraphs):
        empty._element.getparent().remove(empty._element)
    properties = document.core_properties
    properties.title, properties.author, properties.last_modified_by = title, "HLR Portal", "HLR Portal"
    properties.comments = "scripts/build_docx_templates.py"
    properties.created = properties.modified = BUILT
    properties.revision = 1
    return document


def _cells(row, texts: tuple[str, str, str], style: str = "Table Text") -> None:
    for cell, text in zip(row.cells, texts, strict=True):
        cell.text = text
        for paragraph in cell.paragraphs:
            paragraph.style = style


def _table(document, expression: str, *, total: bool = False) -> None:
    """A table whose columns and rows come from ``expression`` (``columns``: the header, repeated on every page;
    ``rows``: lists of cell texts; with ``total``, an optional ``total`` row in 黑体). Columns are repeated with
    docxtpl's {%tc %}, rows with {%tr %}; the table is as wide as the text, its columns sized by their content."""
    table = document.add_table(rows=0, cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    width = table._tbl.tblPr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        table._tbl.tblPr.append(width)
    width.set(qn("w:w"), "5000")
    width.set(qn("w:type"), "pct")
    table.autofit = True
    header = table.add_row()
    header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))
    _cells(header, (f"{{%tc for column in {expression}.columns %}}", "{{ column }}", "{%tc endfor %}"),
           "Table Heading")
    # docxtpl: a {%tr %} tag replaces its whole row, so each loop tag needs a row of its own.
    _cells(table.add_row(), (f"{{%tr for row in {expression}.rows %}}", "", ""))
    _cells(table.add_row(), ("{%tc for cell in row %}", "{{ cell }}", "{%tc endfor %}"))
    _cells(table.add_row(), ("{%tr endfor %}", "", ""))
    if total:
        _cells(table.add_row(), (f"{{%tr if {expression}.total %}}", "", ""))
        _cells(table.add_row(), (f"{{%tc for cell in {expression}.total %}}", "{{ cell }}", "{%tc endfor %}"),
               "Table Heading")
        _cells(table.add_row(), ("{%tr endif %}", "", ""))


def _signature(document, offices: str, date: str) -> None:
    """The issuing office(s), one a line, and the date, four characters from the right edge."""
    _paragraph(document, f"{{%p for line in {offices} %}}")
    _paragraph(document, "{{ line }}", align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=4)
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, date, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=4)


# ---------------------------------------------------------------------------------------------- documents

# Official documents (apps/core/official.py): the name, its title in the file's properties, landscape or not.
# Wide tables (the province list, the evaluation form with a column per panel member) print landscape.
OFFICIAL = {
    "public_notice": ("公示", False),
    "naming_decision": ("命名决定", False),
    "revocation_notice": ("取消命名公告", False),
    "province_list": ("报送省级命名单位名单", True),
    "evaluation_form": ("评估表", True),
}


def official(kind: str) -> Document:
    """An official document: number, title, addressee, body, inline tables, closing, 附件 list, office and date,
    then each attachment on its own page (context: ``apps/core/official.py::official_docx``)."""
    title, landscape = OFFICIAL[kind]
    # 五号 cells in the landscape tables, as the PDF's wide tables; 小四 otherwise.
    document = _document(title, landscape=landscape, table_size=WU_HAO if landscape else XIAO_SI)
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
    _paragraph(document)
    _paragraph(document, "{%p endif %}")
    _paragraph(document, "{%p for line in attachment_lines %}")
    _paragraph(document, "{{ line }}", indent=True)
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p if office %}")
    _paragraph(document)
    _paragraph(document)
    _signature(document, "office_lines", "{{ date }}")
    _paragraph(document, "{%p endif %}")
    _paragraph(document, "{%p for attachment in attachments %}")
    _paragraph(document, "{{ attachment.label }}", style="Attachment Label").paragraph_format.page_break_before = True
    _paragraph(document, "{{ attachment.title }}", style="Attachment Title")
    _table(document, "attachment.table")
    _paragraph(document, "{%p endfor %}")
    return document


def annual_report() -> Document:
    """The yearly (and mid-term, final) report: a cover, the text in four chapters with 黑体 chapter and 楷体
    section headings, the 附件 list, office, date and seal, then the tables as 附件 on landscape pages (context:
    ``apps/reports/render.py::docx_context``). The cover has no page number; the text starts at "— 1 —"."""
    document = _document("工作报告", table_size=WU_HAO)
    cover = document.sections[0]
    cover.different_first_page_header_footer = True
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "0")
    cover._sectPr.insert_element_before(numbering, *SECTION_AFTER_PAGE_NUMBERS)

    # Cover: document number, title, subtitle, issuing office(s) and date.
    _paragraph(document, "{{ document_number or '〔　　　〕　　号' }}", align=WD_ALIGN_PARAGRAPH.CENTER)
    for _ in range(5):
        _paragraph(document)
    _paragraph(document, "{{ title }}", style="Cover Title")
    _paragraph(document, "{{ subtitle }}", style="Cover Subtitle")
    for _ in range(8):
        _paragraph(document)
    _paragraph(document, "{%p for office in issuing_offices %}")
    _paragraph(document, "{{ office }}", style="Cover Office")
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{{ issued_on }}", align=WD_ALIGN_PARAGRAPH.CENTER).add_run().add_break(WD_BREAK.PAGE)

    # The text: title, recipient, the four chapters with the portal's and the county's paragraphs, typical cases.
    _paragraph(document, "{{ title }}", style="Document Title")
    _paragraph(document, "{%p if recipient %}")
    _paragraph(document, "{{ recipient }}：")
    _paragraph(document, "{%p endif %}")
    _paragraph(document, "{%p for chapter in chapters %}")
    _paragraph(document, "{{ chapter.title }}", style="Heading One")
    _paragraph(document, "{%p for block in chapter.blocks %}")
    _paragraph(document, "{%p if block.kind == 'heading' %}")
    _paragraph(document, "{{ block.text }}", style="Heading Two")
    _paragraph(document, "{%p elif block.kind == 'case' %}")
    _paragraph(document, "{{ block.title }}", style="Heading Two")
    _paragraph(document, "{%p for line in block.lines %}")
    _paragraph(document, "{{ line }}", indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p else %}")
    _paragraph(document, "{%p for line in block.lines %}")
    _paragraph(document, "{{ line }}", indent=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p endif %}")
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p endfor %}")

    # The 附件 list (a blank line under the text, two characters in), then office, date and room for the seal.
    _paragraph(document, "{%p if attachments %}")
    _paragraph(document)
    _paragraph(document, "{%p endif %}")
    _paragraph(document, "{%p for annex in attachments %}")
    _paragraph(document, "{% if loop.first %}附件：{% else %}　　　{% endif %}{{ annex.number }}. {{ annex.title }}",
               indent=True)
    _paragraph(document, "{%p endfor %}")
    _paragraph(document)
    _paragraph(document)
    _signature(document, "issuing_offices", "{{ issued_on }}")
    seal = _paragraph(document, align=WD_ALIGN_PARAGRAPH.RIGHT, right_chars=4)
    run = seal.add_run("（盖章）")
    run.font.size, run.font.color.rgb = XIAO_SI, RED

    # 附件: the tables, each with its 合计 row, on landscape pages (the county table has eight columns).
    annex = document.add_section(WD_SECTION.NEW_PAGE)
    # The new section copies the cover's settings: numbering runs on, and its first page has a number too.
    annex.different_first_page_header_footer = False
    annex._sectPr.remove(annex._sectPr.find(qn("w:pgNumType")))
    _page(annex, landscape=True)
    _paragraph(document, "{%p for annex in attachments %}")
    _paragraph(document, "附件{{ annex.number }}", style="Attachment Label")
    _paragraph(document, "{{ annex.title }}", style="Attachment Title")
    _paragraph(document, "{%p for table in annex.tables %}")
    _paragraph(document, "{%p if table.heading %}")
    _paragraph(document, "{{ table.heading }}", style="Table Caption")
    _paragraph(document, "{%p endif %}")
    _table(document, "table", total=True)
    _paragraph(document, "{%p if table.note %}")
    _paragraph(document, "{{ table.note }}", style="Table Note")
    _paragraph(document, "{%p endif %}")
    _paragraph(document, style="Table Note")
    _paragraph(document, "{%p endfor %}")
    _paragraph(document, "{%p endfor %}")
    return document


TEMPLATES: dict[str, Callable[[], Document]] = {
    **{kind: (lambda kind=kind: official(kind)) for kind in OFFICIAL},
    "annual_report": annual_report,
}


# ---------------------------------------------------------------------------------------------- files


@cache
def built(name: str) -> bytes:
    """The template's bytes: python-docx's package rewritten with fixed zip timestamps, parts in their order."""
    raw = BytesIO()
    TEMPLATES[name]().save(raw)
    out = BytesIO()
    with zipfile.ZipFile(raw) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            entry = zipfile.ZipInfo(item.filename, date_time=ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(item.filename))
    return out.getvalue()


def parts(content: bytes) -> dict[str, bytes]:
    """The package's parts by name, uncompressed: what --check compares."""
    with zipfile.ZipFile(BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def stale(target: Path) -> list[Path]:
    """The templates in ``target`` that differ from what this script builds (or are missing)."""
    out = []
    for name in TEMPLATES:
        path = target / f"{name}.docx"
        if not path.is_file() or parts(path.read_bytes()) != parts(built(name)):
            out.append(path)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", nargs="?", type=Path, default=OUT, help="directory (default: templates/docx)")
    parser.add_argument("--check", action="store_true", help="fail when a committed template is out of date")
    args = parser.parse_args(argv)
    if args.check:
        if out_of_date := stale(args.target):
            print("out of date, run scripts/build_docx_templates.py: " + ", ".join(map(str, out_of_date)),
                  file=sys.stderr)
            return 1
        return 0
    args.target.mkdir(parents=True, exist_ok=True)
    for name in TEMPLATES:
        path = args.target / f"{name}.docx"
        path.write_bytes(built(name))
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
