"""The one Excel writer: every .xlsx the portal hands out (exports, report workbooks, import templates).

Callers describe columns and give rows; the writer does what county staff
expect of a list: column widths, a bold header frozen under the caption,
auto-filter, A4 landscape fitted to the page width with the header repeated
on every printed page, dates as dates, codes as text. Text is never a
formula: a value starting with = + - @ (or tab / CR), which Excel would run
as a formula when the file is opened or edited (unit names are typed by
anyone at sign-up), gets a visible apostrophe in front and is stored as text.

Sheets are written in write-only mode, so memory stays flat for large lists.
Import templates are built by ``template_xlsx``: the same columns with a
drop-down list for every coded column and a sheet explaining each column.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOLD = Font(bold=True)
CAPTION = Font(bold=True, size=13)
TEXT_FORMAT = "@"
A4 = 9
SHEET_TITLE_FORBIDDEN = str.maketrans({char: " " for char in "[]:*?/\\"})


@dataclass(frozen=True)
class Column:
    """One column: its header, width in characters, and how its cells are written.

    ``text`` keeps the value as typed text (credit codes, region codes: Excel
    would turn an 18-digit code into 9.1E+17). ``choices`` become the
    drop-down list of the column in an import template. ``key`` and
    ``required`` are for imports: the row key and the ``*`` in the header.
    """

    title: str
    width: float = 14
    text: bool = False
    choices: Sequence[str] = ()
    key: str = ""
    required: bool = False
    wrap: bool = False

    @property
    def header(self) -> str:
        return self.title + ("*" if self.required else "")


@dataclass
class Table:
    columns: Sequence[Column]
    rows: Iterable[Sequence[Any]]
    caption: str = ""
    note: str = ""


@dataclass
class Sheet:
    """A sheet of one table (a list: frozen header, auto-filter) or of several (a report section)."""

    title: str
    tables: list[Table] = field(default_factory=list)


def cell_value(value: Any) -> Any:
    """What a cell holds: text that would start a formula is written as text with a visible apostrophe.

    Aware datetimes become local time (Excel has no time zones).
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, datetime) and value.tzinfo is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    return value


def sheet_title(title: str) -> str:
    return title.translate(SHEET_TITLE_FORBIDDEN)[:31] or "Sheet"


def _data_cell(sheet, value: Any, column: Column) -> Any:
    """A plain value unless the column needs a format (a styled cell costs more; openpyxl formats dates itself)."""
    if column.text or column.wrap:
        return _cell(sheet, value, column=column)
    return cell_value(value)


def _cell(sheet, value: Any, *, font: Font | None = None, column: Column | None = None) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=cell_value(value))
    if font is not None:
        cell.font = font
    if column is not None:
        if column.text and value not in (None, ""):
            cell.value = cell_value(str(value))
            cell.number_format = TEXT_FORMAT
        if column.wrap:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _page_setup(sheet, *, title_rows: str | None) -> None:
    sheet.page_setup.paperSize = A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.gridLines = True
    if title_rows:
        sheet.print_title_rows = title_rows


def _write_sheet(book: Workbook, spec: Sheet) -> None:
    sheet = book.create_sheet(sheet_title(spec.title))
    single = len(spec.tables) == 1
    widths: dict[int, float] = {}
    for table in spec.tables:
        for index, column in enumerate(table.columns, start=1):
            widths[index] = max(widths.get(index, 0), column.width)
    for index, width in widths.items():
        sheet.column_dimensions[get_column_letter(index)].width = width
    header_row = 0
    if single:
        table = spec.tables[0]
        header_row = 2 if table.caption else 1
        # Frozen panes are written before the rows, so they are set first.
        sheet.freeze_panes = f"A{header_row + 1}"
    _page_setup(sheet, title_rows=f"1:{header_row}" if header_row else None)
    row_count = 0
    for table in spec.tables:
        if table.caption:
            sheet.append([_cell(sheet, table.caption, font=CAPTION)])
            row_count += 1
        sheet.append([_cell(sheet, column.header, font=BOLD) for column in table.columns])
        row_count += 1
        for row in table.rows:
            sheet.append([_data_cell(sheet, value, column) for value, column in zip(row, table.columns,
                                                                                   strict=False)])
            row_count += 1
        if table.note:
            sheet.append([_cell(sheet, table.note)])
            row_count += 1
        if not single:
            sheet.append([])
            row_count += 1
    if single and spec.tables[0].columns:
        last = get_column_letter(len(spec.tables[0].columns))
        sheet.auto_filter.ref = f"A{header_row}:{last}{max(row_count, header_row)}"


def xlsx_write(target, *sheets: Sheet) -> None:
    """Write the sheets to a path or a binary file object."""
    book = Workbook(write_only=True)
    for spec in sheets:
        _write_sheet(book, spec)
    book.save(str(target) if isinstance(target, Path) else target)


def xlsx_bytes(*sheets: Sheet) -> bytes:
    buffer = BytesIO()
    xlsx_write(buffer, *sheets)
    return buffer.getvalue()


def xlsx_table(*, title: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]], caption: str = "") -> bytes:
    """The usual export: one sheet with one list."""
    return xlsx_bytes(Sheet(title, [Table(columns=columns, rows=rows, caption=caption)]))


def xlsx_response(content: bytes, *, filename: str) -> HttpResponse:
    """A download of an .xlsx; ``filename`` may be Chinese (RFC 5987). Never cached: exports hold personal data."""
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    add_never_cache_headers(response)
    return response


TEMPLATE_ROWS = 20_000
CHOICES_SHEET = "可选值"


def template_xlsx(*, title: str, columns: Sequence[Column], help_lines: Iterable[Sequence[str]] = (),
                  examples: Iterable[Sequence[Any]] = ()) -> bytes:
    """A blank import template: the header, text-formatted code columns, and a drop-down list per coded column.

    The lists live on a hidden sheet (a list written into the validation
    itself is limited to 255 characters; the industry codes alone are more).
    """
    book = Workbook()
    sheet = book.active
    sheet.title = sheet_title(title)
    sheet.append([cell_value(column.header) for column in columns])
    for cell in sheet[1]:
        cell.font = BOLD
    sheet.freeze_panes = "A2"
    _page_setup(sheet, title_rows="1:1")
    for row in examples:
        sheet.append([cell_value(value) for value in row])
    choices_sheet = None
    lists = 0
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        if column.text:
            # Text format, so Excel keeps leading zeros and all 18 characters of a code.
            sheet.column_dimensions[letter].number_format = TEXT_FORMAT
        if column.choices:
            if choices_sheet is None:
                choices_sheet = book.create_sheet(CHOICES_SHEET)
            lists += 1
            list_column = get_column_letter(lists)
            choices_sheet[f"{list_column}1"] = column.title
            for offset, choice in enumerate(column.choices, start=2):
                choices_sheet[f"{list_column}{offset}"] = cell_value(str(choice))
            last = len(column.choices) + 1
            validation = DataValidation(
                type="list", allow_blank=not column.required, showDropDown=False,
                formula1=f"{quote_sheetname(CHOICES_SHEET)}!${list_column}$2:${list_column}${last}",
                showErrorMessage=True, errorTitle=column.title,
                error=f"请从下拉列表中选择“{column.title}”。",
                promptTitle=column.title, prompt="请从下拉列表中选择", showInputMessage=True,
            )
            validation.add(f"{letter}2:{letter}{TEMPLATE_ROWS + 1}")
            sheet.add_data_validation(validation)
    if choices_sheet is not None:
        choices_sheet.sheet_state = "hidden"
    help_sheet = book.create_sheet("填写说明")
    help_sheet.append(["列", "说明"])
    for cell in help_sheet[1]:
        cell.font = BOLD
    help_sheet.column_dimensions["A"].width = 24
    help_sheet.column_dimensions["B"].width = 90
    for line in help_lines:
        help_sheet.append([cell_value(part) for part in line])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
