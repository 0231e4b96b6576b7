"""Excel import of parks and townships/streets, and of industries, groups and chains.

The same mechanism as the enterprise import (``imports.py``): a template
to download, every row checked with nothing written, a stored batch to
preview, and an all-or-nothing confirm. Each kind is one ``UnitImport``:
its columns, how a row is checked, and how the rows are written.
Everything rows are checked against is loaded once per file.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from apps.accounts.models import User
from apps.enterprises.models import Enterprise
from apps.enterprises.uscc import uscc_normalise
from apps.industries.models import IndustryKind, LeadBodyType
from apps.industries.services import industry_bodies_bulk_create
from apps.parks.models import AreaKind
from apps.parks.services import parks_bulk_create
from apps.regions.models import Region, RegionLevel
from apps.units.models import Unit, UnitKind

from .imports import MAX_ROWS, ImportFileError, ParsedImport, _open_workbook, _text, workbook_bytes

Columns = list[tuple[str, str, bool]]


@dataclass
class Lookups:
    counties: dict[str, Region]
    townships: dict[tuple[int, str], int]
    taken_names: set[tuple[int, str]]
    enterprises: dict[str, int]


@dataclass(frozen=True)
class UnitImport:
    kind: str
    label: str
    unit_kinds: tuple[str, ...]
    columns: Columns
    help: tuple[tuple[str, str], ...]
    check: Callable[[dict[str, str], Lookups], tuple[dict[str, Any], list[str]]]
    write: Callable[..., list]

    @property
    def headers(self) -> list[str]:
        return [title + ("*" if required else "") for title, _, required in self.columns]

    @property
    def titles(self) -> dict[str, str]:
        return {key: title for title, key, _ in self.columns}


def _words(choices) -> dict[str, str]:
    return {str(label): value for value, label in choices}


AREA_KINDS = _words(AreaKind.choices)
INDUSTRY_KINDS = _words(IndustryKind.choices) | {"产业链": IndustryKind.CHAIN, "供应链": IndustryKind.CHAIN}
LEAD_BODY_TYPES = _words(LeadBodyType.choices) | {
    "龙头企业": LeadBodyType.CHAIN_LEADER, "链长": LeadBodyType.CHAIN_LEADER,
}
CODE_SEPARATORS = re.compile(r"[\s,，、;；]+")


def _place(text: dict[str, str], lookups: Lookups, errors: list[str]) -> Region | None:
    county = lookups.counties.get(text["county"]) if text["county"] else None
    if text["county"] and county is None:
        errors.append(f"所属县(市、区)“{text['county']}”不存在或不在您的管辖范围内")
    if county is not None and (county.pk, text["name"]) in lookups.taken_names:
        errors.append(f"{county.name}已登记名为“{text['name']}”的同类单位")
    return county


def _check_park(text: dict[str, str], lookups: Lookups) -> tuple[dict[str, Any], list[str]]:
    errors: list[str] = []
    row: dict[str, Any] = {"name": text["name"][:200]}
    row["area_kind"] = AREA_KINDS.get(text["area_kind"], "")
    if text["area_kind"] and not row["area_kind"]:
        errors.append(f"类别“{text['area_kind']}”无效，可填：{'、'.join(AREA_KINDS)}")
    county = _place(text, lookups, errors)
    if county is not None:
        row["region_id"] = county.pk
        if text["township"]:
            row["area_region_id"] = lookups.townships.get((county.pk, text["township"]))
            if row["area_region_id"] is None:
                errors.append(f"乡镇(街道)“{text['township']}”不属于{county.name}")
    if row["area_kind"] in (AreaKind.TOWNSHIP, AreaKind.STREET) and not text["township"]:
        errors.append("类别为乡镇或街道时，须填写“对应乡镇(街道)区划”")
    row["address"] = text["address"][:200]
    row["contact_name"] = text["contact_name"][:50]
    row["contact_phone"] = text["contact_phone"][:30]
    return row, errors


def _check_industry(text: dict[str, str], lookups: Lookups) -> tuple[dict[str, Any], list[str]]:
    errors: list[str] = []
    row: dict[str, Any] = {"name": text["name"][:200]}
    row["industry_kind"] = INDUSTRY_KINDS.get(text["industry_kind"], "")
    if text["industry_kind"] and not row["industry_kind"]:
        errors.append(f"创建类型“{text['industry_kind']}”无效，可填：行业、集团、产业链·供应链")
    row["lead_body_type"] = LEAD_BODY_TYPES.get(text["lead_body_type"], "")
    if text["lead_body_type"] and not row["lead_body_type"]:
        errors.append(f"牵头主体类型“{text['lead_body_type']}”无效，可填：行业协会、商会、龙头企业（链长）")
    row["lead_body_name"] = text["lead_body_name"][:200]
    county = _place(text, lookups, errors)
    if county is not None:
        row["region_id"] = county.pk
    if text["pilot_year"]:
        year = text["pilot_year"].removesuffix("年")
        if year.isdigit() and 2000 <= int(year) <= 2100:
            row["pilot_year"] = int(year)
        else:
            errors.append(f"试点年度“{text['pilot_year']}”应为四位年份，如 2025")
    codes = [uscc_normalise(code) for code in CODE_SEPARATORS.split(text["members"]) if code.strip()]
    unknown = [code for code in codes if code not in lookups.enterprises]
    if unknown:
        errors.append(f"成员企业代码未在您管辖范围内登记：{'、'.join(unknown[:5])}{'等' if len(unknown) > 5 else ''}")
    row["member_ids"] = sorted({lookups.enterprises[code] for code in codes if code in lookups.enterprises})
    return row, errors


PARKS = UnitImport(
    kind="park",
    label="工业园区与乡镇(街道)",
    unit_kinds=(UnitKind.PARK, UnitKind.TOWNSHIP),
    columns=[
        ("名称", "name", True),
        ("类别", "area_kind", True),
        ("所属县(市、区)", "county", True),
        ("对应乡镇(街道)区划", "township", False),
        ("地址", "address", False),
        ("联系人", "contact_name", False),
        ("联系电话", "contact_phone", False),
    ],
    help=(
        ("类别", "工业园区、乡镇、街道"),
        ("对应乡镇(街道)区划", "类别为乡镇或街道时必填，须是所填县(市、区)下的乡镇(街道)名称；工业园区可留空。"),
    ),
    check=_check_park,
    write=parks_bulk_create,
)

INDUSTRIES = UnitImport(
    kind="industry",
    label="行业、集团与产业链",
    unit_kinds=(UnitKind.INDUSTRY,),
    columns=[
        ("名称", "name", True),
        ("创建类型", "industry_kind", True),
        ("所属县(市、区)", "county", True),
        ("牵头主体类型", "lead_body_type", True),
        ("牵头主体名称", "lead_body_name", True),
        ("试点年度", "pilot_year", False),
        ("成员企业统一社会信用代码", "members", False),
    ],
    help=(
        ("创建类型", "行业、集团、产业链·供应链"),
        ("牵头主体类型", "行业协会、商会、龙头企业（链长）"),
        ("试点年度", "四位年份，如 2025，可留空。"),
        ("成员企业统一社会信用代码", "多个代码用顿号、逗号或换行分隔；须是已登记在您管辖范围内的企业。"),
    ),
    check=_check_industry,
    write=industry_bodies_bulk_create,
)

UNIT_IMPORTS = {spec.kind: spec for spec in (PARKS, INDUSTRIES)}


def unit_template_xlsx(*, spec: UnitImport, counties: QuerySet[Region]) -> bytes:
    help_lines = (
        ("带 * 的列", "必填。"),
        ("所属县(市、区)", "填写名称或 6 位区划代码，须在您的管辖范围内：" + "、".join(c.name for c in counties)),
        *spec.help,
        ("名称", "同一县(市、区)内不能与已登记的同类单位重名。"),
        ("公式", "单元格中不得含公式，请粘贴为数值。"),
    )
    return workbook_bytes(sheet_title=spec.label, headers=spec.headers, help_lines=help_lines)


def _lookups(spec: UnitImport, counties: QuerySet[Region], member_codes: set[str]) -> Lookups:
    county_list = list(counties)
    townships = Region.objects.filter(level=RegionLevel.TOWNSHIP, parent__in=county_list)
    enterprises = {}
    if member_codes:
        enterprises = dict(
            Enterprise.objects.filter(uscc__in=member_codes, unit__region__in=county_list).values_list("uscc", "pk")
        )
    return Lookups(
        counties={c.name: c for c in county_list} | {c.code: c for c in county_list if c.code},
        townships={(t.parent_id, t.name): t.pk for t in townships.only("pk", "name", "parent_id")},
        taken_names=set(
            Unit.objects.filter(region__in=county_list, kind__in=spec.unit_kinds).values_list("region_id", "name")
        ),
        enterprises=enterprises,
    )


def units_parse(*, spec: UnitImport, upload: BinaryIO, size: int, counties: QuerySet[Region]) -> ParsedImport:
    """Read and check every row of a park or industry file; write nothing."""
    workbook = _open_workbook(upload, size)
    try:
        rows_iter = workbook.worksheets[0].iter_rows(values_only=True)
        header = [_text(cell).rstrip("*") for cell in next(rows_iter, ())][: len(spec.columns)]
        if header != [title for title, _, _ in spec.columns]:
            raise ImportFileError("表头与模板不一致：请下载最新模板，按模板的列顺序填写后再上传。")
        raw_rows: list[tuple[int, tuple]] = []
        for line, raw in enumerate(rows_iter, start=2):
            if any(_text(v) for v in raw):
                raw_rows.append((line, raw))
                if len(raw_rows) > MAX_ROWS:
                    raise ImportFileError(f"单次最多导入 {MAX_ROWS} 行，请拆分文件后分批导入。")
    finally:
        workbook.close()
    keys = [key for _, key, _ in spec.columns]
    values = [(line, dict(zip(keys, list(raw) + [None] * (len(keys) - len(raw)), strict=False)))
              for line, raw in raw_rows]
    member_codes = {
        uscc_normalise(code) for _, value in values if "members" in value
        for code in CODE_SEPARATORS.split(_text(value["members"])) if code.strip()
    }
    lookups = _lookups(spec, counties, member_codes)
    result = ParsedImport(total=len(values))
    first_row_of: dict[tuple[int, str], int] = {}
    for line, value in values:
        formulas = [key for key, cell in value.items() if isinstance(cell, str) and cell.startswith("=")]
        if formulas:
            row: dict[str, Any] = {"name": _text(value["name"])[:200]}
            errors = [f"“{spec.titles[key]}”含有公式，请粘贴为数值后再导入" for key in formulas]
        else:
            text = {key: _text(cell) for key, cell in value.items()}
            errors = [f"“{title}”未填写" for title, key, required in spec.columns if required and not text[key]]
            row, more = spec.check(text, lookups)
            errors += more
            place = (row.get("region_id"), row["name"])
            if row.get("region_id") and row["name"]:
                if place in first_row_of:
                    errors.append(f"名称“{row['name']}”与第 {first_row_of[place]} 行重复")
                else:
                    first_row_of[place] = line
        row["line"] = line
        if errors:
            result.errors.append({"row": line, "name": row.get("name", ""), "messages": errors})
        result.rows.append(row)
    return result


def units_confirm_write(*, spec: UnitImport, rows: list[dict[str, Any]], by: User, note: str,
                        counties: QuerySet[Region]) -> int:
    """Re-check what can change between preview and confirm (names taken, members moved), then write."""
    county_ids = {row["region_id"] for row in rows}
    taken = set(
        Unit.objects.filter(region_id__in=county_ids, kind__in=spec.unit_kinds).values_list("region_id", "name")
    ) & {(row["region_id"], row["name"]) for row in rows}
    if taken:
        names = "、".join(sorted(name for _, name in taken)[:10])
        raise ValidationError(f"以下名称在预览后已被登记，未导入任何数据：{names}")
    member_ids = {member for row in rows for member in row.get("member_ids", [])}
    if member_ids:
        allowed = set(
            Enterprise.objects.filter(pk__in=member_ids, unit__region__in=counties).values_list("pk", flat=True)
        )
        if member_ids - allowed:
            raise ValidationError("部分成员企业已不在您的管辖范围内，未导入任何数据，请重新上传。")
    spec.write(rows=rows, by=by, note=note)
    return len(rows)
