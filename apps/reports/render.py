"""Turning a report into files: PDF through WeasyPrint, Word through the one Word writer (apps/core/docx.py),
Excel through the one Excel writer (apps/core/excel.py). All three carry the same figures; the PDF and the Word
file also carry the same text (writing.py)."""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from apps.core.docx import render_docx
from apps.core.excel import Column, Sheet, Table, xlsx_write

from .charts import chart_svg
from .figures import Scope, Section
from .writing import ChapterText

DOCX_TEMPLATE = "annual_report"


@dataclass
class ReportDocument:
    title: str
    subtitle: str
    scope: Scope
    sections: list[Section]
    generated_at: datetime
    version: int | None = None
    chapters: list[ChapterText] = field(default_factory=list)
    issuing_office: str = ""
    document_number: str = ""
    recipient: str = ""

    def __post_init__(self) -> None:
        # A section with nothing to show (no indicators listed for the region) is no 附件.
        self.sections = [section for section in self.sections if section.tables]

    @property
    def issuing_offices(self) -> list[str]:
        """The offices that issue it jointly, one per line as they sign (the policy separates them by spaces)."""
        return self.issuing_office.split()

    @property
    def issued_on(self) -> date:
        return self.generated_at.date()

    @property
    def issued_on_text(self) -> str:
        day = self.issued_on
        return _("%(y)s年%(m)s月%(d)s日") % {"y": day.year, "m": day.month, "d": day.day}

    @property
    def attachment_titles(self) -> list[str]:
        return [section.title for section in self.sections]


def _is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def shown(value) -> str:
    """A cell as printed: — for nothing, thousands separated for counts."""
    if value is None:
        return "—"
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def _cells(row: list) -> list[tuple[str, bool]]:
    """Each cell as printed, and whether it aligns right (numbers, and the — of a number missing)."""
    return [(shown(value), _is_number(value) or (value is None and index > 0)) for index, value in enumerate(row)]


def charted_sections(sections: list[Section]) -> list[dict]:
    return [
        {"section": section, "tables": [
            {"table": table, "svg": chart_svg(table), "rows": [_cells(row) for row in table.rows],
             "total": _cells(table.total) if table.total else None}
            for table in section.tables
        ]}
        for section in sections if section.tables
    ]


def report_html(document: ReportDocument) -> str:
    sections = charted_sections(document.sections)
    return render_to_string("reports/pdf/report.html", {"doc": document, "sections": sections})


def write_pdf(document: ReportDocument, path: Path) -> None:
    """Render to ``path``. Fonts come from the system (fontconfig): an official document's 仿宋/黑体/楷体 where
    installed, else Noto Serif/Sans CJK SC or WenQuanYi Micro Hei."""
    from weasyprint import HTML  # noqa: PLC0415  (loaded on first use: importing it parses its default CSS)

    HTML(string=report_html(document)).write_pdf(str(path))


def docx_context(document: ReportDocument) -> dict:
    """Plain data for the Word template (templates/docx/annual_report.docx, built by scripts/build_docx_templates.py
    in the official documents' GB/T 9704 layout; an office may replace it): every value already a string, in the
    order it prints."""
    return {
        "title": document.title, "subtitle": document.subtitle, "issuing_office": document.issuing_office,
        "issuing_offices": document.issuing_offices,
        "document_number": document.document_number, "recipient": document.recipient,
        "issued_on": document.issued_on_text, "version": document.version or "",
        "chapters": [
            {"title": chapter.title,
             "blocks": [{"kind": block.kind, "text": block.text, "title": block.title,
                         "lines": [line.strip() for line in block.text.splitlines() if line.strip()]}
                        for block in chapter.blocks]}
            for chapter in document.chapters
        ],
        "attachments": [
            {"number": index, "title": section.title, "tables": [
                {"title": table.title, "columns": table.columns, "note": table.note,
                 # A section of one table of the same name prints its title once.
                 "heading": table.title if len(section.tables) > 1 or table.title != section.title else "",
                 "rows": [[shown(value) for value in row] for row in table.rows]
                 or [[_("本期无数据。")] + [""] * (len(table.columns) - 1)],
                 "total": [shown(value) for value in table.total] if table.total else None}
                for table in section.tables
            ]}
            for index, section in enumerate(document.sections, start=1)
        ],
    }


def write_docx(document: ReportDocument, path: Path) -> None:
    path.write_bytes(render_docx(DOCX_TEMPLATE, docx_context(document)))


def _column(title: str, index: int) -> Column:
    return Column(title, width=28 if index == 0 else 16, wrap=index == 0)


def write_xlsx(document: ReportDocument, path: Path) -> None:
    """One sheet per section, its tables one under another with their titles and 合计 rows: the PDF's numbers."""
    cover = Sheet(_("封面"), [Table(
        columns=[Column(_("项目"), width=16), Column(_("内容"), width=60)],
        rows=[[_("报告"), document.title], [_("范围"), document.subtitle],
              [_("发文机关"), document.issuing_office], [_("文号"), document.document_number],
              [_("生成时间"), document.generated_at.strftime("%Y-%m-%d %H:%M")]],
        caption=document.title,
    )])
    sections = [
        Sheet(section.title, [
            Table(columns=[_column(title, index) for index, title in enumerate(table.columns)],
                  rows=table.rows + ([table.total] if table.total else []),
                  caption=table.title, note=table.note)
            for table in section.tables
        ])
        for section in document.sections
    ]
    xlsx_write(path, cover, *sections)
