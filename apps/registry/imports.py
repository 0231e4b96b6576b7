"""Excel import of enterprises: template, parse + validate (nothing written), confirm (all or nothing).

Parks/townships and industries use the same mechanism with their own columns (``unit_imports.py``).

Validation loads every lookup (regions, parks, industry codes, registered
codes) once per file, so its cost does not grow with queries per row; the
write is three bulk inserts in one transaction.
"""

import re
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from typing import Any, BinaryIO

import magic
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils.exceptions import InvalidFileException

from apps.accounts.models import User
from apps.core.uploads import safe_name, zip_archive_check
from apps.enterprises.models import CreditGrade, Enterprise, IndustryClass, Ownership, SizeClass
from apps.enterprises.services import enterprises_bulk_create
from apps.enterprises.uscc import uscc_check
from apps.parks.models import Park
from apps.regions.models import Region, RegionLevel

from .models import ImportBatch, ImportKind, ImportStatus

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
XLSX_MIME_TYPES = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"}

# (header in the template, key, required)
COLUMNS: list[tuple[str, str, bool]] = [
    ("企业名称", "name", True),
    ("统一社会信用代码", "uscc", True),
    ("所属县(市、区)", "county", True),
    ("所属乡镇(街道)", "township", False),
    ("所在工业园区", "park", False),
    ("地址", "address", False),
    ("行业大类代码", "industry", False),
    ("经济类型", "ownership", False),
    ("企业规模", "size", False),
    ("职工人数", "employee_count", False),
    ("已建立工会", "has_union", False),
    ("已建立党组织", "has_party_org", False),
    ("劳动保障诚信等级", "credit_grade", False),
    ("联系人", "contact_name", False),
    ("联系电话", "contact_phone", False),
]
HEADERS = [title + ("*" if required else "") for title, _, required in COLUMNS]
TITLES = {key: title for title, key, _ in COLUMNS}
YES = {"是", "有", "Y", "YES", "1", "TRUE", "√"}
NO = {"否", "无", "N", "NO", "0", "FALSE", ""}
SIZE_WORDS = {str(label): value for value, label in SizeClass.choices} | {
    str(label)[0]: value for value, label in SizeClass.choices
}
OWNERSHIP_WORDS = {str(label): value for value, label in Ownership.choices}
CREDIT_GRADES = frozenset(CreditGrade.values)


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is shown to the user."""


@dataclass
class ParsedImport:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0


def workbook_bytes(*, sheet_title: str, headers: list[str], help_lines, text_columns: tuple[str, ...] = ()) -> bytes:
    """A blank import template: bold headers, text-formatted code columns, and a sheet explaining each column."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in text_columns:
        # Text format, so Excel keeps leading zeros and all 18 characters of a code.
        sheet.column_dimensions[column].number_format = "@"
    for index in range(1, len(headers) + 1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = 18
    help_sheet = workbook.create_sheet("填写说明")
    help_sheet.append(["列", "说明"])
    for line in help_lines:
        help_sheet.append(list(line))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def template_xlsx(*, counties: QuerySet[Region]) -> bytes:
    """The blank enterprise template."""
    return workbook_bytes(sheet_title="企业名录", headers=HEADERS, text_columns=("B", "G"), help_lines=(
        ("带 * 的列", "必填。"),
        ("统一社会信用代码", "18 位；全角字符、空格会自动去除。校验码不符的代码会登记并提示，由县级核实。"),
        ("所属县(市、区)", "填写名称或 6 位区划代码，须在您的管辖范围内：" + "、".join(c.name for c in counties)),
        ("所属乡镇(街道)", "须属于所填县(市、区)。"),
        ("所在工业园区", "须是已登记在该县(市、区)的工业园区名称。"),
        ("行业大类代码", "GB/T 4754-2017 两位大类代码，如 13、65。"),
        ("经济类型", "、".join(OWNERSHIP_WORDS)),
        ("企业规模", "大型、中型、小型、微型"),
        ("已建立工会 / 已建立党组织", "是 或 否"),
        ("劳动保障诚信等级", "A、B、C，可留空"),
        ("公式", "单元格中不得含公式，请粘贴为数值。"),
    ))


def _open_workbook(upload: BinaryIO, size: int):
    if size > MAX_FILE_BYTES:
        raise ImportFileError(f"文件过大（{size / 1024 / 1024:.1f} MB），单个文件不能超过 10 MB，请分批导入。")
    head = upload.read(2048)
    upload.seek(0)
    if magic.from_buffer(head, mime=True) not in XLSX_MIME_TYPES:
        raise ImportFileError("文件类型不正确：请上传由模板填写的 Excel 文件（.xlsx），不支持 .xls、.csv 或其他格式。")
    try:
        zip_archive_check(upload, display_name=safe_name(getattr(upload, "name", "") or "Excel 文件"))
    except ValidationError as error:
        raise ImportFileError(error.messages[0]) from error
    try:
        return load_workbook(upload, read_only=True, data_only=False)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise ImportFileError("无法读取该文件：不是有效的 Excel（.xlsx）文件，请用下载的模板重新填写。") from error


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


class _Lookups:
    """Everything rows are checked against, loaded once."""

    def __init__(self, counties: QuerySet[Region]) -> None:
        county_list = list(counties)
        self.counties = {c.name: c for c in county_list} | {c.code: c for c in county_list if c.code}
        self.townships = {
            (t.parent_id, t.name): t.pk
            for t in Region.objects.filter(level=RegionLevel.TOWNSHIP, parent__in=county_list).only("pk", "name",
                                                                                                   "parent_id")
        }
        self.parks = {
            (p.unit.region_id, p.unit.name): p.pk
            for p in Park.objects.filter(unit__region__in=county_list).select_related("unit")
        }
        self.industries = dict(IndustryClass.objects.filter(section__isnull=False).values_list("code", "pk"))


def _row_values(raw: tuple) -> dict[str, Any]:
    padded = list(raw) + [None] * (len(COLUMNS) - len(raw))
    return {key: padded[index] for index, (_, key, _) in enumerate(COLUMNS)}


def _check_row(values: dict[str, Any], lookups: _Lookups) -> tuple[dict[str, Any], list[str], str]:
    """One row → (clean row with ids, error messages, warning)."""
    errors: list[str] = []
    warning = ""
    for key, value in values.items():
        if isinstance(value, str) and value.startswith("="):
            errors.append(f"“{TITLES[key]}”含有公式，请粘贴为数值后再导入")
    if errors:
        return {}, errors, ""
    text = {key: _text(value) for key, value in values.items()}
    for title, key, required in COLUMNS:
        if required and not text[key]:
            errors.append(f"“{title}”未填写")
    row: dict[str, Any] = {"name": text["name"][:200]}
    if text["uscc"]:
        try:
            checked = uscc_check(text["uscc"])
        except ValidationError as error:
            errors.append(f"统一社会信用代码“{text['uscc']}”有误：{error.messages[0]}")
        else:
            row["uscc"], row["uscc_check_failed"] = checked.code, checked.check_failed
            if checked.check_failed:
                warning = f"统一社会信用代码 {checked.code} 校验码不符，将登记并标记为待县级核实"
    county = lookups.counties.get(text["county"]) if text["county"] else None
    if text["county"] and county is None:
        errors.append(f"所属县(市、区)“{text['county']}”不存在或不在您的管辖范围内")
    if county is not None:
        row["region_id"] = county.pk
        if text["township"]:
            row["township_id"] = lookups.townships.get((county.pk, text["township"]))
            if row["township_id"] is None:
                errors.append(f"乡镇(街道)“{text['township']}”不属于{county.name}")
        if text["park"]:
            row["park_id"] = lookups.parks.get((county.pk, text["park"]))
            if row["park_id"] is None:
                errors.append(f"工业园区“{text['park']}”未在{county.name}登记")
    if text["industry"]:
        digits = re.match(r"^[A-Ta-t]?(\d{1,2})", text["industry"])
        row["industry_id"] = lookups.industries.get(digits.group(1).zfill(2)) if digits else None
        if row["industry_id"] is None:
            errors.append(f"行业大类代码“{text['industry']}”不是 GB/T 4754-2017 的大类代码")
    row["ownership"] = OWNERSHIP_WORDS.get(text["ownership"], "")
    if text["ownership"] and not row["ownership"]:
        errors.append(f"经济类型“{text['ownership']}”无效，可填：{'、'.join(OWNERSHIP_WORDS)}")
    row["size"] = SIZE_WORDS.get(text["size"], "")
    if text["size"] and not row["size"]:
        errors.append(f"企业规模“{text['size']}”无效，可填：大型、中型、小型、微型")
    if text["employee_count"]:
        if text["employee_count"].isdigit():
            row["employee_count"] = int(text["employee_count"])
        else:
            errors.append(f"职工人数“{text['employee_count']}”应为非负整数")
    for key in ("has_union", "has_party_org"):
        word = text[key].upper()
        if word in YES:
            row[key] = True
        elif word in NO:
            row[key] = False
        else:
            errors.append(f"“{TITLES[key]}”应填“是”或“否”，现为“{text[key]}”")
    grade = text["credit_grade"].upper().removesuffix("级")
    row["credit_grade"] = grade if grade in CREDIT_GRADES else ""
    if grade and not row["credit_grade"]:
        errors.append(f"劳动保障诚信等级“{text['credit_grade']}”无效，可填 A、B、C")
    row["address"] = text["address"][:200]
    row["contact_name"] = text["contact_name"][:50]
    row["contact_phone"] = text["contact_phone"][:30]
    return row, errors, warning


def enterprises_parse(*, upload: BinaryIO, size: int, counties: QuerySet[Region]) -> ParsedImport:
    """Read and check every row; write nothing. Raises ImportFileError for an unreadable file."""
    workbook = _open_workbook(upload, size)
    try:
        sheet = workbook.worksheets[0]
        rows_iter = sheet.iter_rows(values_only=True)
        header = [_text(cell).rstrip("*") for cell in next(rows_iter, ())][: len(COLUMNS)]
        if header != [title for title, _, _ in COLUMNS]:
            raise ImportFileError("表头与模板不一致：请下载最新模板，按模板的列顺序填写后再上传。")
        lookups = _Lookups(counties)
        result = ParsedImport()
        first_row_of: dict[str, int] = {}
        for line, raw in enumerate(rows_iter, start=2):
            if not any(_text(v) for v in raw):
                continue
            result.total += 1
            if result.total > MAX_ROWS:
                raise ImportFileError(f"单次最多导入 {MAX_ROWS} 行，请拆分文件后分批导入。")
            row, errors, warning = _check_row(_row_values(raw), lookups)
            code = row.get("uscc")
            if code:
                if code in first_row_of:
                    errors.append(f"统一社会信用代码 {code} 与第 {first_row_of[code]} 行重复")
                else:
                    first_row_of[code] = line
            row["line"] = line
            if errors:
                result.errors.append({"row": line, "name": row.get("name", ""), "messages": errors})
            if warning:
                result.warnings.append({"row": line, "message": warning})
            result.rows.append(row)
    finally:
        workbook.close()
    registered = _registered_codes(list(first_row_of))
    for code in registered:
        line = first_row_of[code]
        entry = next((e for e in result.errors if e["row"] == line), None)
        message = f"统一社会信用代码 {code} 已在系统中登记"
        if entry is None:
            result.errors.append({"row": line, "name": _name_at(result.rows, line), "messages": [message]})
        else:
            entry["messages"].append(message)
    result.errors.sort(key=lambda entry: entry["row"])
    return result


def _name_at(rows: list[dict[str, Any]], line: int) -> str:
    return next((row.get("name", "") for row in rows if row["line"] == line), "")


def _registered_codes(codes: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(codes), 5000):
        found.update(Enterprise.objects.filter(uscc__in=codes[start:start + 5000]).values_list("uscc", flat=True))
    return found


def import_batch_create(*, owner: User, file_name: str, parsed: ParsedImport,
                        kind: str = ImportKind.ENTERPRISE) -> ImportBatch:
    return ImportBatch.objects.create(owner=owner, kind=kind, file_name=file_name[:255], rows=parsed.rows,
                                      errors=parsed.errors, warnings=parsed.warnings)


@transaction.atomic
def import_batch_confirm(*, batch: ImportBatch, by: User, counties: QuerySet[Region]) -> int:
    """Write every row of an error-free batch, or none.

    The batch is claimed with a conditional UPDATE so a double click imports
    once; jurisdiction and registered codes are checked again because both
    can change between preview and confirm.
    """
    if batch.errors:
        raise ValidationError("该批次有错误行，不能导入。请修改文件后重新上传。")
    claimed = ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.PREVIEWED).update(
        status=ImportStatus.CONFIRMED, confirmed_at=timezone.now()
    )
    if not claimed:
        raise ValidationError("该批次已经导入，不能重复导入。")
    allowed = set(counties.values_list("pk", flat=True))
    if any(row["region_id"] not in allowed for row in batch.rows):
        raise ValidationError("批次中有不在您管辖范围内的单位，未导入任何数据。")
    if batch.kind != ImportKind.ENTERPRISE:
        from .unit_imports import UNIT_IMPORTS, units_confirm_write

        return units_confirm_write(spec=UNIT_IMPORTS[batch.kind], rows=batch.rows, by=by,
                                   note=f"导入文件：{batch.file_name}", counties=counties)
    taken = _registered_codes([row["uscc"] for row in batch.rows])
    if taken:
        raise ValidationError(f"以下代码在预览后已被登记，未导入任何数据：{'、'.join(sorted(taken)[:10])}")
    try:
        with transaction.atomic():
            enterprises_bulk_create(rows=batch.rows, by=by, note=f"导入文件：{batch.file_name}")
    except IntegrityError as error:
        raise ValidationError("导入时发现重复的统一社会信用代码，未导入任何数据，请重新上传。") from error
    return len(batch.rows)
