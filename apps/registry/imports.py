"""Excel import of enterprises: template, parse + validate (nothing written), confirm (all or nothing).

Parks/townships and industries use the same mechanism with their own columns (``unit_imports.py``);
reading the file and the messages every import shares are in ``apps/core/excel_import.py``.

Validation loads every lookup (regions, parks, industry codes, registered
codes) once per file, so its cost does not grow with queries per row; the
write is three bulk inserts in one transaction.
"""

import re
from dataclasses import dataclass, field, replace
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext

from apps.core.excel import Column, template_xlsx
from apps.core.excel_import import cell_problems, cell_text, rows_read
from apps.core.params import whole_number
from apps.core.text import digits_normalise
from apps.regions.models import Region, RegionLevel
from apps.registry.enterprises.models import CreditGrade, Enterprise, IndustryClass, Ownership, SizeClass
from apps.registry.enterprises.uscc import uscc_check
from apps.registry.parks.models import Park

MAX_ROWS = 20_000

COLUMNS: list[Column] = [
    Column("企业名称", key="name", required=True, width=30),
    Column("统一社会信用代码", key="uscc", required=True, text=True, width=22),
    Column("所属县(市、区)", key="county", required=True, text=True, width=16),
    Column("所属乡镇(街道)", key="township", width=16),
    Column("所在工业园区", key="park", width=20),
    Column("地址", key="address", width=30),
    Column("行业大类代码", key="industry", text=True, width=22),
    Column("经济类型", key="ownership", width=14),
    Column("企业规模", key="size", width=10),
    Column("职工人数", key="employee_count", width=10),
    Column("已建立工会", key="has_union", width=10),
    Column("已建立党组织", key="has_party_org", width=10),
    Column("劳动保障诚信等级", key="credit_grade", width=10),
    Column("联系人", key="contact_name", width=12),
    Column("联系电话", key="contact_phone", text=True, width=16),
]
TITLES = {column.key: column.title for column in COLUMNS}
YES = {"是", "有", "Y", "YES", "1", "TRUE", "√"}
NO = {"否", "无", "N", "NO", "0", "FALSE", ""}
YES_NO_CHOICES = ("是", "否")
SIZE_WORDS = {str(label): value for value, label in SizeClass.choices} | {
    str(label)[0]: value for value, label in SizeClass.choices
}
OWNERSHIP_WORDS = {str(label): value for value, label in Ownership.choices}
CREDIT_GRADES = frozenset(CreditGrade.values)


@dataclass
class ParsedImport:
    rows: list[dict[str, Any]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    warnings: list[dict[str, Any]] = field(default_factory=list)
    total: int = 0


def template_xlsx_for(*, counties: QuerySet[Region]) -> bytes:
    """The blank enterprise template, with a drop-down list on every coded column."""
    county_list = list(counties)
    townships = sorted(set(Region.objects.filter(level=RegionLevel.TOWNSHIP, parent__in=county_list)
                           .values_list("name", flat=True)))
    parks = sorted(set(Park.objects.filter(unit__region__in=county_list).values_list("unit__name", flat=True)))
    industries = [f"{code} {name}" for code, name in IndustryClass.objects.filter(section__isnull=False)
                  .order_by("code").values_list("code", "name")]
    choices = {
        "county": [county.name for county in county_list], "township": townships, "park": parks,
        "industry": industries, "ownership": list(OWNERSHIP_WORDS), "size": [str(label) for label in SizeClass.labels],
        "has_union": YES_NO_CHOICES, "has_party_org": YES_NO_CHOICES, "credit_grade": sorted(CREDIT_GRADES),
    }
    columns = [replace(column, choices=choices.get(column.key, ())) for column in COLUMNS]
    return template_xlsx(title="企业名录", columns=columns, help_lines=(
        ("带 * 的列", "必填。带下拉箭头的列请从列表中选择。"),
        ("统一社会信用代码", "18 位，按文本填写（模板中该列已设置为文本）；全角字符、空格会自动去除。"
                     "校验码不符的代码会登记并提示，由县级核实。"),
        ("所属县(市、区)", "填写名称或 6 位区划代码，须在您的管辖范围内：" + "、".join(c.name for c in county_list)),
        ("所属乡镇(街道)", "须属于所填县(市、区)。"),
        ("所在工业园区", "须是已登记在该县(市、区)的工业园区名称。"),
        ("行业大类代码", "GB/T 4754-2017 两位大类代码，如 13、65（可从下拉列表选择）。"),
        ("经济类型", "、".join(OWNERSHIP_WORDS)),
        ("企业规模", "大型、中型、小型、微型"),
        ("已建立工会 / 已建立党组织", "是 或 否"),
        ("劳动保障诚信等级", "A、B、C，可留空"),
        ("公式", "单元格中不得含公式，请粘贴为数值。"),
        ("数字格式的代码", "代码若被 Excel 显示为 9.1E+17 之类的数字，已丢失精度，请将该列设置为文本后重新输入。"),
    ))


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


def _check_row(values: dict[str, Any], lookups: _Lookups) -> tuple[dict[str, Any], list[str], str]:
    """One row → (clean row with ids, error messages, warning)."""
    warning = ""
    errors = cell_problems(values, COLUMNS)
    if errors:
        return {"name": cell_text(values["name"])[:200]}, errors, ""
    text = {key: cell_text(value) for key, value in values.items()}
    for column in COLUMNS:
        if column.required and not text[column.key]:
            errors.append(gettext("“%(column)s”未填写") % {"column": column.title})
    row: dict[str, Any] = {"name": text["name"][:200]}
    if text["uscc"]:
        try:
            checked = uscc_check(text["uscc"])
        except ValidationError as error:
            errors.append(gettext("统一社会信用代码“%(code)s”有误：%(problem)s")
                          % {"code": text["uscc"], "problem": error.messages[0]})
        else:
            row["uscc"], row["uscc_check_failed"] = checked.code, checked.check_failed
            if checked.check_failed:
                warning = (gettext("统一社会信用代码 %(code)s 校验码不符，将登记并标记为待县级核实")
                           % {"code": checked.code})
    county = lookups.counties.get(text["county"]) if text["county"] else None
    if text["county"] and county is None:
        errors.append(gettext("所属县(市、区)“%(county)s”不存在或不在您的管辖范围内") % {"county": text["county"]})
    if county is not None:
        row["region_id"] = county.pk
        if text["township"]:
            row["township_id"] = lookups.townships.get((county.pk, text["township"]))
            if row["township_id"] is None:
                errors.append(gettext("乡镇(街道)“%(township)s”不属于%(county)s")
                              % {"township": text["township"], "county": county.name})
        if text["park"]:
            row["park_id"] = lookups.parks.get((county.pk, text["park"]))
            if row["park_id"] is None:
                errors.append(gettext("工业园区“%(park)s”未在%(county)s登记")
                              % {"park": text["park"], "county": county.name})
    if text["industry"]:
        digits = re.match(r"^[A-Ta-t]?(\d{1,2})", text["industry"])
        row["industry_id"] = lookups.industries.get(digits.group(1).zfill(2)) if digits else None
        if row["industry_id"] is None:
            errors.append(gettext("行业大类代码“%(code)s”不是 GB/T 4754-2017 的大类代码") % {"code": text["industry"]})
    row["ownership"] = OWNERSHIP_WORDS.get(text["ownership"], "")
    if text["ownership"] and not row["ownership"]:
        errors.append(gettext("经济类型“%(value)s”无效，可填：%(choices)s")
                      % {"value": text["ownership"], "choices": "、".join(OWNERSHIP_WORDS)})
    row["size"] = SIZE_WORDS.get(text["size"], "")
    if text["size"] and not row["size"]:
        errors.append(gettext("企业规模“%(value)s”无效，可填：大型、中型、小型、微型") % {"value": text["size"]})
    if text["employee_count"]:
        count = whole_number(digits_normalise(text["employee_count"]), maximum=10_000_000)
        if count is not None:
            row["employee_count"] = count
        else:
            errors.append(gettext("职工人数“%(value)s”应为非负整数") % {"value": text["employee_count"]})
    for key in ("has_union", "has_party_org"):
        word = text[key].upper()
        if word in YES:
            row[key] = True
        elif word in NO:
            row[key] = False
        else:
            errors.append(gettext("“%(column)s”应填“是”或“否”，现为“%(value)s”")
                          % {"column": TITLES[key], "value": text[key]})
    grade = text["credit_grade"].upper().removesuffix("级")
    row["credit_grade"] = grade if grade in CREDIT_GRADES else ""
    if grade and not row["credit_grade"]:
        errors.append(gettext("劳动保障诚信等级“%(value)s”无效，可填 A、B、C") % {"value": text["credit_grade"]})
    row["address"] = text["address"][:200]
    row["contact_name"] = text["contact_name"][:50]
    row["contact_phone"] = text["contact_phone"][:30]
    return row, errors, warning


def enterprises_parse(*, upload: BinaryIO, size: int, counties: QuerySet[Region]) -> ParsedImport:
    """Read and check every row; write nothing. Raises ImportFileError for a file that cannot be imported."""
    raw_rows = rows_read(upload=upload, size=size, columns=COLUMNS, max_rows=MAX_ROWS)
    lookups = _Lookups(counties)
    result = ParsedImport(total=len(raw_rows))
    first_row_of: dict[str, int] = {}
    for raw in raw_rows:
        row, errors, warning = _check_row(raw.values, lookups)
        code = row.get("uscc")
        if code:
            if code in first_row_of:
                errors.append(gettext("统一社会信用代码 %(code)s 与第 %(line)s 行重复")
                              % {"code": code, "line": first_row_of[code]})
            else:
                first_row_of[code] = raw.line
        row["line"] = raw.line
        if errors:
            result.errors.append({"row": raw.line, "name": row.get("name", ""), "messages": errors})
        if warning:
            result.warnings.append({"row": raw.line, "message": warning})
        result.rows.append(row)
    result.errors = errors_merged(result.errors, enterprise_conflicts(result.rows))
    return result


def errors_merged(errors: list[dict[str, Any]], more: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per-row error entries of two checks as one list, a row's messages together, by row number."""
    by_row = {entry["row"]: {**entry, "messages": list(entry["messages"])} for entry in errors}
    for entry in more:
        if entry["row"] in by_row:
            by_row[entry["row"]]["messages"] += entry["messages"]
        else:
            by_row[entry["row"]] = entry
    return sorted(by_row.values(), key=lambda entry: entry["row"])


def enterprise_conflicts(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows whose credit code is already registered: checked at preview and again at confirm."""
    line_of = {row["uscc"]: row["line"] for row in reversed(rows) if row.get("uscc")}
    return [
        {"row": line_of[code], "name": _name_at(rows, line_of[code]),
         "messages": [gettext("统一社会信用代码 %(code)s 已在系统中登记") % {"code": code}]}
        for code in sorted(_registered_codes(list(line_of)), key=line_of.get)
    ]


def _name_at(rows: list[dict[str, Any]], line: int) -> str:
    return next((row.get("name", "") for row in rows if row["line"] == line), "")


def _registered_codes(codes: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(codes), 5000):
        found.update(Enterprise.objects.filter(uscc__in=codes[start:start + 5000]).values_list("uscc", flat=True))
    return found
