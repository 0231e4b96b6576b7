"""The one Word writer: every .docx the portal hands out is a docxtpl template filled with a context.

Templates live in ``templates/docx/<name>.docx``. An office that wants its own
letterhead, fonts or wording puts a file of the same name in a directory listed
in ``DOCX_TEMPLATE_DIRS`` (environment ``HLR_DOCX_TEMPLATE_DIRS``); the first
directory holding the name wins, the shipped template is the fallback. The
template language is docxtpl's (Jinja2 inside Word runs: ``{{ title }}``,
``{%tr for row in rows %}`` for table rows); it never sees a request.

``column_widths_set`` gives a filled table its columns' widths (docxtpl repeats a template's looped column with
that one column's width, so Word would otherwise make every column alike, or the table wider than the page).

``docx_text`` reads a document back (paragraphs and table cells in order), so
tests check what an official would read, not the XML.
"""

from io import BytesIO
from pathlib import Path
from typing import Any

from django.conf import settings
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Twips
from docxtpl import DocxTemplate

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def docx_template_path(name: str) -> Path:
    """The template an installation uses for ``name``: an office's own first, else the shipped one."""
    for directory in [*settings.DOCX_TEMPLATE_DIRS, settings.BASE_DIR / "templates" / "docx"]:
        candidate = Path(directory) / f"{name}.docx"
        if candidate.is_file():
            return candidate
    raise FileNotFoundError(f"no Word template named {name!r}")


def render_docx(name: str, context: dict[str, Any]) -> bytes:
    template = DocxTemplate(docx_template_path(name))
    template.render(context, autoescape=True)
    out = BytesIO()
    template.save(out)
    return out.getvalue()


def column_widths_set(content: bytes, widths: dict[tuple[str, ...], list[int]]) -> bytes:
    """The document with each table whose header row reads as a key of ``widths`` laid out at those relative
    widths: a fixed layout over the table's width as the template has it (its grid), each cell as wide as its
    column. Tables are found by their header's text, so an office's own template with more tables still works."""
    document = Document(BytesIO(content))
    changed = False
    for table in document.tables:
        if not table.rows:
            continue
        shares = widths.get(tuple(cell.text for cell in table.rows[0].cells))
        grid = table._tbl.tblGrid
        columns = grid.findall(qn("w:gridCol"))
        if not shares or len(shares) != len(columns):
            continue
        total = sum(int(column.get(qn("w:w"), 0)) for column in columns)
        twips = [total * share // sum(shares) for share in shares]
        for column, width in zip(columns, twips, strict=True):
            column.set(qn("w:w"), str(width))
        table.autofit = False
        for row in table.rows:
            for cell, width in zip(row.cells, twips, strict=False):  # a row may have fewer cells (a group row)
                cell.width = Twips(width)
        changed = True
    if not changed:
        return content
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def docx_text(content: bytes) -> str:
    """The document's text as a reader meets it: body paragraphs and table cells, in order, one per line."""
    document = Document(BytesIO(content))
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append("".join(node.text or "" for node in child.iter() if node.tag.endswith("}t")))
        elif tag == "tbl":
            for row in child.iter():
                if row.tag.endswith("}tr"):
                    cells = [
                        "".join(node.text or "" for node in cell.iter() if node.tag.endswith("}t"))
                        for cell in row if cell.tag.endswith("}tc")
                    ]
                    lines.append("\t".join(cells))
    return "\n".join(lines)
