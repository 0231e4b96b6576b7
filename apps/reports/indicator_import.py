"""Excel import of indicator targets and actual values: every row checked, then all rows saved or none."""

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext

from apps.accounts.models import User
from apps.core.excel import Column, template_xlsx
from apps.core.excel_import import ImportFileError, cell_problems, cell_text, rows_read
from apps.regions.models import Region

from .selectors import indicators_for
from .services import indicator_values_save

COLUMNS = [
    Column("地区（名称或区划代码）", key="region", required=True, text=True, width=24),
    Column("指标", key="indicator", required=True, width=28),
    Column("目标值", key="target", width=10),
    Column("完成值", key="actual", width=10),
]
MAX_ROWS = 2000
BOUND = Decimal("-100"), Decimal("10000")


@dataclass
class IndicatorImport:
    errors: list[str] = field(default_factory=list)
    saved: int = 0


def template_workbook(*, regions: QuerySet[Region]) -> bytes:
    names = sorted({indicator.name for region in regions[:1] for indicator in indicators_for(region=region)})
    columns = [Column(c.title, key=c.key, required=c.required, text=c.text, width=c.width,
                      choices=tuple(names) if c.key == "indicator" else ()) for c in COLUMNS]
    return template_xlsx(title="目标责任指标", columns=columns, help_lines=(
        ("地区", "填写市、县(市、区)的名称或 6 位区划代码，须在您的管辖范围内。"),
        ("指标", "从下拉列表中选择，须是该地区文件列出的指标。"),
        ("目标值 / 完成值", "百分数，如 95.5；可留空。比率类指标不超过 100。"),
        ("公式", "单元格中不得含公式，请粘贴为数值。"),
    ))


def _number(text: str, label: str, cap: Decimal | None, errors: list[str]) -> Decimal | None:
    if not text:
        return None
    try:
        value = Decimal(text.rstrip("%"))
    except InvalidOperation:
        errors.append(gettext("%(column)s“%(value)s”不是数值。") % {"column": label, "value": text})
        return None
    if not value.is_finite() or value < BOUND[0] or value > (cap if cap is not None else BOUND[1]):
        errors.append(gettext("%(column)s“%(value)s”超出范围（%(low)s 至 %(high)s）。")
                      % {"column": label, "value": text, "low": BOUND[0], "high": cap if cap is not None else BOUND[1]})
        return None
    if value.as_tuple().exponent < -2:
        errors.append(gettext("%(column)s“%(value)s”最多保留两位小数。") % {"column": label, "value": text})
        return None
    return value


def indicator_import(*, file: IO[bytes], year: int, regions: QuerySet[Region], by: User) -> IndicatorImport:
    """Read the file, check each row (region in ``regions``, indicator of its catalogue, numbers in range, no
    region–indicator twice); if every row is good, save them all in one transaction (each change audited)."""
    result = IndicatorImport()
    try:
        raw_rows = rows_read(upload=file, size=file.size, columns=COLUMNS, max_rows=MAX_ROWS)
    except ImportFileError as error:
        result.errors.append(str(error))
        return result
    places = list(regions)
    by_text = {region.name: region for region in places} | {region.code: region for region in places if region.code}
    catalogues = {}
    values: dict[Region, dict[int, tuple]] = {}
    for raw in raw_rows:
        errors = list(cell_problems(raw.values, COLUMNS))
        region_text, indicator_text, target_text, actual_text = (cell_text(raw.values[c.key]) for c in COLUMNS)
        region = by_text.get(region_text)
        indicator = None
        if region is None:
            errors.append(gettext("在您的管辖范围内找不到地区“%(text)s”。") % {"text": region_text})
        else:
            if region.pk not in catalogues:
                catalogues[region.pk] = {i.name: i for i in indicators_for(region=region)}
            indicator = catalogues[region.pk].get(indicator_text)
            if indicator is None:
                errors.append(gettext("%(region)s的文件没有列出指标“%(indicator)s”。")
                              % {"region": region.name, "indicator": indicator_text})
        cap = indicator.max_value if indicator is not None else None
        target = _number(target_text, COLUMNS[2].title, cap, errors)
        actual = _number(actual_text, COLUMNS[3].title, cap, errors)
        if region is not None and indicator is not None:
            if indicator.pk in values.get(region, {}):
                errors.append(gettext("%(region)s的“%(indicator)s”在文件中出现了不止一次。")
                              % {"region": region.name, "indicator": indicator.name})
            values.setdefault(region, {})[indicator.pk] = (target, actual)
        result.errors += [gettext("第 %(line)s 行：%(message)s") % {"line": raw.line, "message": message}
                          for message in errors]
    if result.errors:
        return result
    with transaction.atomic():
        for region, rows in values.items():
            result.saved += indicator_values_save(region=region, year=year, values=rows, by=by)
    return result
