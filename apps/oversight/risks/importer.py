"""Excel import of risk events: read, check every row, then save all rows or none."""

import datetime
from dataclasses import dataclass, field
from typing import IO

from django.db import transaction
from django.db.models import QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext

from apps.accounts.models import User
from apps.audit.services import audit_created
from apps.core.excel import Column, template_xlsx
from apps.core.excel_import import ImportFileError, cell_problems, cell_text, rows_read
from apps.registry.units.models import Unit

from .models import EntryChannel, RiskEvent, RiskKind, Severity
from .services import risk_events_changed, risk_events_notify

COLUMNS = [
    Column("单位（统一社会信用代码或全称）", key="unit", required=True, text=True, width=32),
    Column("事件类型", key="kind", required=True, width=20, choices=tuple(str(label) for label in RiskKind.labels)),
    Column("发生日期", key="occurred_on", required=True, width=12),
    Column("严重程度", key="severity", required=True, width=10,
           choices=tuple(str(label) for label in Severity.labels)),
    Column("信息来源", key="source", required=True, width=20),
    Column("事件描述", key="description", required=True, width=50),
]
HEADERS = [column.title for column in COLUMNS]
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
    return template_xlsx(title="风险事件", columns=COLUMNS, examples=[
        ["91141002MA0XXXXXXX", "劳动争议仲裁案件", "2025-03-01", "一般", "劳动人事争议仲裁院", "示例：追索劳动报酬"],
    ], help_lines=(
        ("单位", "填写统一社会信用代码（按文本填写）或单位全称，须在您的管辖范围内。"),
        ("事件类型 / 严重程度", "请从下拉列表中选择。"),
        ("发生日期", "如 2025-03-01，不能晚于今天。"),
        ("示例行", "第 2 行是示例，导入前请删除。"),
        ("公式", "单元格中不得含公式，请粘贴为数值。"),
    ))


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


def import_preview(*, file: IO[bytes], units: QuerySet[Unit]) -> ImportPreview:
    try:
        raw_rows = rows_read(upload=file, size=file.size, columns=COLUMNS, max_rows=MAX_ROWS)
    except ImportFileError as error:
        return ImportPreview(rows=[], problem=str(error))
    body = [(raw.line, [cell_text(raw.values[column.key]) for column in COLUMNS], cell_problems(raw.values, COLUMNS))
            for raw in raw_rows]
    found, ambiguous = _resolve_units(units, {cells[0] for _, cells, _ in body if cells[0]})
    today = timezone.localdate()
    rows = []
    for number, cells, problems in body:
        row = ImportRow(number=number, cells=cells, errors=list(problems))
        unit_text, kind_text, date_text, severity_text, source, description = cells
        unit = found.get(unit_text)
        if not unit_text:
            row.errors.append(gettext("单位不能为空。"))
        elif unit_text in ambiguous:
            row.errors.append(gettext("名称为“%(text)s”的单位不止一个，请改填统一社会信用代码。") % {"text": unit_text})
        elif unit is None:
            row.errors.append(gettext("在您的管辖范围内找不到单位“%(text)s”。") % {"text": unit_text})
        kind = KIND_BY_LABEL.get(kind_text)
        if kind is None:
            row.errors.append(gettext("事件类型“%(value)s”不在可选值中。") % {"value": kind_text})
        occurred_on = _parse_date(date_text)
        if occurred_on is None:
            row.errors.append(gettext("发生日期“%(value)s”无法识别，请写成 2025-03-01。") % {"value": date_text})
        elif occurred_on > today:
            row.errors.append(gettext("发生日期不能晚于今天。"))
        severity = SEVERITY_BY_LABEL.get(severity_text)
        if severity is None:
            row.errors.append(gettext("严重程度“%(value)s”应为：一般、较大、重大、特别重大。")
                              % {"value": severity_text})
        if not source:
            row.errors.append(gettext("信息来源不能为空。"))
        elif len(source) > 100:
            row.errors.append(gettext("信息来源不能超过100个字。"))
        if not description:
            row.errors.append(gettext("事件描述不能为空。"))
        if not row.errors:
            row.data = {"unit_id": unit.pk, "kind": kind, "occurred_on": occurred_on.isoformat(),
                        "severity": severity, "source": source, "description": description}
        rows.append(row)
    return ImportPreview(rows=rows)


def import_commit(*, rows: list[dict], units: QuerySet[Unit], by: User) -> int:
    """Save checked rows in one transaction; a unit that left the user's jurisdiction since the preview fails all."""
    allowed = set(units.filter(pk__in={row["unit_id"] for row in rows}).values_list("pk", flat=True))
    if any(row["unit_id"] not in allowed for row in rows):
        raise PermissionError(gettext("导入内容中有单位已不在您的管辖范围内，请重新上传。"))
    with transaction.atomic():
        events = RiskEvent.objects.bulk_create([
            RiskEvent(unit_id=row["unit_id"], kind=row["kind"], severity=row["severity"],
                      occurred_on=datetime.date.fromisoformat(row["occurred_on"]), source=row["source"],
                      description=row["description"], channel=EntryChannel.IMPORT, created_by=by)
            for row in rows
        ])
        prefetch_related_objects(events, "unit")  # the entries name each unit and its county
        audit_created(instances=events)
        risk_events_changed(events=events)
        risk_events_notify(events=events, by=by)
    return len(rows)
