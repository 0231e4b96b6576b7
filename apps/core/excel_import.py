"""The one Excel import framework: open a checked file, match its header, read its rows, check its cells.

Every import (enterprises, parks/townships, industries, risk events) reads
through here, so each gives the same messages: a file that is not a safe
.xlsx, a header that does not match (the expected and the found columns), a
file without data rows, too many rows, a formula, a code typed as a number.
What each row means is the caller's: it gets ``(line, {key: raw value})``.
"""

import datetime
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

import magic
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .excel import Column
from .uploads import safe_name, zip_archive_check

MAX_FILE_BYTES = 10 * 1024 * 1024
XLSX_MIME_TYPES = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"}
# A double holds 15 significant digits; Excel shows a longer number as 9.1141E+17 and drops the rest.
EXACT_DIGITS = 15


class ImportFileError(Exception):
    """The file as a whole cannot be imported; the message is shown to the user."""


@dataclass
class RawRow:
    line: int
    values: dict[str, Any]


def cell_text(value: Any) -> str:
    """A cell as the text a person typed: whole numbers without ".0", dates as 2025-03-01."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _shown(value: int | float) -> str:
    return f"{value:.5E}" if isinstance(value, float) else str(value)


def cell_problems(values: dict[str, Any], columns: Sequence[Column]) -> list[str]:
    """What is wrong with a row's cells whatever they mean: formulas, and codes that Excel stored as numbers."""
    problems = []
    for column in columns:
        value = values.get(column.key)
        if isinstance(value, str) and value.startswith("="):
            problems.append(_("“%(column)s”含有公式，请粘贴为数值后再导入") % {"column": column.title})
        elif column.text and isinstance(value, int | float) and not isinstance(value, bool) and (
            isinstance(value, float) or len(str(abs(value))) > EXACT_DIGITS
        ):
            problems.append(_(
                "“%(column)s”是数字格式（%(shown)s），Excel 已丢失代码的精度：请将该列单元格设置为文本"
                "（右键 → 设置单元格格式 → 文本）后重新输入代码"
            ) % {"column": column.title, "shown": _shown(value)})
    return problems


def _open(upload: BinaryIO, size: int):
    if size > MAX_FILE_BYTES:
        raise ImportFileError(_("文件过大（%(size).1f MB），单个文件不能超过 10 MB，请分批导入。")
                              % {"size": size / 1024 / 1024})
    head = upload.read(2048)
    upload.seek(0)
    if magic.from_buffer(head, mime=True) not in XLSX_MIME_TYPES:
        raise ImportFileError(
            _("文件类型不正确：请上传由模板填写的 Excel 文件（.xlsx），不支持 .xls、.csv 或其他格式。")
        )
    try:
        zip_archive_check(upload, display_name=safe_name(getattr(upload, "name", "") or _("Excel 文件")))
    except ValidationError as error:
        raise ImportFileError(error.messages[0]) from error
    try:
        # Formulas are read as written (not their cached results), so they can be refused.
        return load_workbook(upload, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError(_("无法读取该文件：不是有效的 Excel（.xlsx）文件，请用下载的模板重新填写。")) from error


def header_check(found_cells: Sequence[Any], columns: Sequence[Column]) -> None:
    expected = [column.title for column in columns]
    found = [cell_text(cell).rstrip("*") for cell in found_cells]
    while found and not found[-1]:
        found.pop()
    if found[: len(expected)] != expected:
        raise ImportFileError(
            _("表头与模板不一致，请下载最新模板，按模板的列顺序填写后再上传。应为：%(expected)s；文件中为：%(found)s。")
            % {"expected": "、".join(expected), "found": "、".join(found) or _("（空）")}
        )


def rows_read(*, upload: BinaryIO, size: int, columns: Sequence[Column], max_rows: int) -> list[RawRow]:
    """The file's non-empty data rows, keyed by column; raises ImportFileError for the file as a whole."""
    workbook = _open(upload, size)
    try:
        rows_iter = workbook.worksheets[0].iter_rows(values_only=True)
        header_check(next(rows_iter, ()), columns)
        keys = [column.key for column in columns]
        rows: list[RawRow] = []
        for line, raw in enumerate(rows_iter, start=2):
            if not any(cell_text(value) for value in raw[: len(keys)]):
                continue
            if len(rows) >= max_rows:
                raise ImportFileError(_("单次最多导入 %(max)d 行，请拆分文件后分批导入。") % {"max": max_rows})
            padded = list(raw[: len(keys)]) + [None] * (len(keys) - len(raw))
            rows.append(RawRow(line=line, values=dict(zip(keys, padded, strict=True))))
    finally:
        workbook.close()
    if not rows:
        raise ImportFileError(_("文件中没有数据行：请从第 2 行起按表头填写，每行一条，再上传。"))
    return rows
