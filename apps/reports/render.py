"""Turning a report's sections into files: PDF through WeasyPrint, Excel through openpyxl."""

import re
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .charts import chart_svg
from .figures import Scope, Section
from .models import CountyNarrative, TypicalCase


@dataclass
class ReportDocument:
    title: str
    subtitle: str
    scope: Scope
    sections: list[Section]
    generated_at: datetime
    version: int | None = None
    narrative: CountyNarrative | None = None
    cases: list[TypicalCase] = field(default_factory=list)

    @property
    def has_narrative(self) -> bool:
        return self.narrative is not None or bool(self.cases)


def _is_number(value) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def charted_sections(sections: list[Section]) -> list[dict]:
    return [
        {"section": section, "tables": [
            {"table": table, "svg": chart_svg(table), "rows": [[(value, _is_number(value)) for value in row]
                                                               for row in table.rows]}
            for table in section.tables
        ]}
        for section in sections
    ]


def report_html(document: ReportDocument) -> str:
    sections = charted_sections(document.sections)
    return render_to_string("reports/pdf/report.html", {"doc": document, "sections": sections})


def write_pdf(document: ReportDocument, path: Path) -> None:
    """Render to ``path``. Fonts come from the system (fontconfig): WenQuanYi Micro Hei or Noto Sans CJK SC."""
    from weasyprint import HTML  # imported here: loading it parses its default CSS

    HTML(string=report_html(document)).write_pdf(str(path))


_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def write_xlsx(document: ReportDocument, path: Path) -> None:
    """One sheet per section, its tables one under another with their titles: the same numbers as the PDF."""
    book = Workbook()
    cover = book.active
    cover.title = _("封面")
    cover.append([document.title])
    cover.append([document.subtitle])
    cover.append([_("生成时间"), document.generated_at.strftime("%Y-%m-%d %H:%M")])
    cover["A1"].font = Font(bold=True, size=14)
    for section in document.sections:
        sheet = book.create_sheet(_SHEET_FORBIDDEN.sub(" ", section.title)[:31])
        for table in section.tables:
            sheet.append([table.title])
            sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
            sheet.append(table.columns)
            for cell in sheet[sheet.max_row]:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(wrap_text=True)
            for row in table.rows:
                sheet.append(["" if value is None else value for value in row])
            if table.note:
                sheet.append([table.note])
            sheet.append([])
        sheet.column_dimensions["A"].width = 28
        for letter in "BCDEFGH":
            sheet.column_dimensions[letter].width = 16
    book.save(str(path))
