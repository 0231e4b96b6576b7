"""Excel import of risk events: read, check every row, then save all rows or none."""

import datetime
import zipfile
from dataclasses import dataclass, field
from io import BytesIO
from typing import IO

import magic
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet, prefetch_related_objects
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from apps.accounts.models import User
from apps.audit.services import audit_created
from apps.core.uploads import zip_archive_check
from apps.units.models import Unit

from .models import EntryChannel, RiskEvent, RiskKind, Severity
from .services import risk_events_notify

HEADERS = ["单位（统一社会信用代码或全称）", "事件类型", "发生日期", "严重程度", "信息来源", "事件描述"]
MAX_ROWS = 2000
KIND_BY_LABEL = {str(label): value for value, label in RiskKind.choices} | {v: v for v in RiskKind.values}
SEVERITY_BY_LABEL = {str(label): value for value, label in Severity.choices} | {
    str(value): value for value in Severity.values}


@dataclass
class ImportRow:
    number: int
    cells: list[str]
    data: dict = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportPreview:
    rows: list[ImportRow]
    problem: str = ""

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def ok(self) -> bool:
        return not self.problem and bool(self.rows) and self.error_count == 0


def template_workbook() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "风险事件"
    sheet.append(HEADERS)
    sheet.append(["91141002MA0XXXXXXX", "劳动争议仲裁案件", "2025-03-01", "一般", "劳动人事争议仲裁院",
                  "示例：追索劳动报酬"])
    types = workbook.create_sheet("可选值")
    types.append(["事件类型", "严重程度"])
    severities = [str(label) for label in Severity.labels]
    for index, label in enumerate(RiskKind.labels):
        types.append([str(label), severities[index] if index < len(severities) else None])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _parse_date(text: str) -> datetime.date | None:
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"):
        try:
            return datetime.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _resolve_units(units: QuerySet[Unit], texts: set[str]) -> tuple[dict[str, Unit], set[str]]:
    """Units by credit code or exact name in two queries; also the names that match more than one unit."""
    by_code = {u.enterprise.uscc: u for u in units.filter(enterprise__uscc__in={t.upper() for t in texts})
               .select_related("enterprise")}
    found: dict[str, Unit] = {}
    ambiguous: set[str] = set()
    for unit in units.filter(name__in=texts):
        if unit.name in found:
            ambiguous.add(unit.name)
        found[unit.name] = unit
    for text in texts:
        if text.upper() in by_code:
            found[text] = by_code[text.upper()]
    return found, ambiguous


XLSX_MIME_TYPES = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"}


def import_preview(*, file: IO[bytes], units: QuerySet[Unit]) -> ImportPreview:
    head = file.read(2048)
    file.seek(0)
    if magic.from_buffer(head, mime=True) not in XLSX_MIME_TYPES:
        return ImportPreview(rows=[], problem="无法读取该文件：内容不是 Excel（.xlsx）文件，请用下载的模板填写后上传。")
    try:
        zip_archive_check(file, display_name="上传的文件")
    except ValidationError as error:
        return ImportPreview(rows=[], problem=error.messages[0])
    try:
        workbook = load_workbook(file, read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, OSError, KeyError, ValueError):
        return ImportPreview(rows=[], problem="无法读取该文件，请确认是 .xlsx 格式的 Excel 文件。")
    sheet = workbook.worksheets[0]
    raw = list(sheet.iter_rows(values_only=True, max_row=MAX_ROWS + 2))
    workbook.close()
    if not raw or [_text(c) for c in raw[0][: len(HEADERS)]] != HEADERS:
        return ImportPreview(rows=[], problem="表头与模板不一致，请下载模板后按模板填写。")
    body = [(number, [_text(c) for c in row[: len(HEADERS)]]) for number, row in enumerate(raw[1:], start=2)]
    body = [(number, cells + [""] * (len(HEADERS) - len(cells))) for number, cells in body if any(cells)]
    if len(body) > MAX_ROWS:
        return ImportPreview(rows=[], problem=f"一次最多导入 {MAX_ROWS} 行，请分批导入。")
    if not body:
        return ImportPreview(rows=[], problem="文件中没有数据行。")
    found, ambiguous = _resolve_units(units, {cells[0] for _, cells in body if cells[0]})
    today = timezone.localdate()
    rows = []
    for number, cells in body:
        row = ImportRow(number=number, cells=cells)
        unit_text, kind_text, date_text, severity_text, source, description = cells
        unit = found.get(unit_text)
        if not unit_text:
            row.errors.append("单位不能为空。")
        elif unit_text in ambiguous:
            row.errors.append(f"名称为“{unit_text}”的单位不止一个，请改填统一社会信用代码。")
        elif unit is None:
            row.errors.append(f"在您的管辖范围内找不到单位“{unit_text}”。")
        kind = KIND_BY_LABEL.get(kind_text)
        if kind is None:
            row.errors.append(f"事件类型“{kind_text}”不在可选值中。")
        occurred_on = _parse_date(date_text)
        if occurred_on is None:
            row.errors.append(f"发生日期“{date_text}”无法识别，请写成 2025-03-01。")
        elif occurred_on > today:
            row.errors.append("发生日期不能晚于今天。")
        severity = SEVERITY_BY_LABEL.get(severity_text)
        if severity is None:
            row.errors.append(f"严重程度“{severity_text}”应为：一般、较大、重大、特别重大。")
        if not source:
            row.errors.append("信息来源不能为空。")
        elif len(source) > 100:
            row.errors.append("信息来源不能超过100个字。")
        if not description:
            row.errors.append("事件描述不能为空。")
        if not row.errors:
            row.data = {"unit_id": unit.pk, "kind": kind, "occurred_on": occurred_on.isoformat(),
                        "severity": severity, "source": source, "description": description}
        rows.append(row)
    return ImportPreview(rows=rows)


def import_commit(*, rows: list[dict], units: QuerySet[Unit], by: User) -> int:
    """Save checked rows in one transaction; a unit that left the user's jurisdiction since the preview fails all."""
    allowed = set(units.filter(pk__in={row["unit_id"] for row in rows}).values_list("pk", flat=True))
    if any(row["unit_id"] not in allowed for row in rows):
        raise PermissionError("导入内容中有单位已不在您的管辖范围内，请重新上传。")
    with transaction.atomic():
        events = RiskEvent.objects.bulk_create([
            RiskEvent(unit_id=row["unit_id"], kind=row["kind"], severity=row["severity"],
                      occurred_on=datetime.date.fromisoformat(row["occurred_on"]), source=row["source"],
                      description=row["description"], channel=EntryChannel.IMPORT, created_by=by)
            for row in rows
        ])
        prefetch_related_objects(events, "unit")  # the entries name each unit and its county
        audit_created(instances=events)
        risk_events_notify(events=events, by=by)
    return len(rows)
