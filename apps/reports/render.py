"""Turning a report's sections into files: PDF through WeasyPrint, Excel through the one writer (apps/core/excel.py)."""

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from apps.core.excel import Column, Sheet, Table, xlsx_write

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
    from weasyprint import HTML  # noqa: PLC0415  (loaded on first use: importing it parses its default CSS)

    HTML(string=report_html(document)).write_pdf(str(path))


def _column(title: str, index: int) -> Column:
    return Column(title, width=28 if index == 0 else 16, wrap=index == 0)


def write_xlsx(document: ReportDocument, path: Path) -> None:
    """One sheet per section, its tables one under another with their titles: the same numbers as the PDF."""
    cover = Sheet(_("封面"), [Table(
        columns=[Column(_("项目"), width=16), Column(_("内容"), width=60)],
        rows=[[_("报告"), document.title], [_("范围"), document.subtitle],
              [_("生成时间"), document.generated_at.strftime("%Y-%m-%d %H:%M")]],
        caption=document.title,
    )])
    sections = [
        Sheet(section.title, [
            Table(columns=[_column(title, index) for index, title in enumerate(table.columns)],
                  rows=table.rows,
                  caption=table.title, note=table.note)
            for table in section.tables
        ])
        for section in document.sections
    ]
    xlsx_write(path, cover, *sections)
