"""Excel import of parks and townships/streets, and of industries, groups and chains.

The same mechanism as the enterprise import (``imports.py``): a template
to download, every row checked with nothing written, a stored batch to
preview, and an all-or-nothing confirm. Each kind is one ``UnitImport``:
its columns, how a row is checked, and how the rows are written.
Everything rows are checked against is loaded once per file.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, BinaryIO

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.excel import Column, template_xlsx
from apps.core.excel_import import cell_problems, cell_text, rows_read
from apps.core.params import whole_number
from apps.core.text import digits_normalise
from apps.regions.models import Region, RegionLevel
from apps.registry.enterprises.models import Enterprise
from apps.registry.enterprises.uscc import uscc_normalise
from apps.registry.industries.models import IndustryKind, LeadBodyType
from apps.registry.industries.services import industry_bodies_bulk_create
from apps.registry.parks.models import AreaKind
from apps.registry.parks.services import parks_bulk_create
from apps.registry.units.models import Unit, UnitKind

from .imports import MAX_ROWS, ParsedImport


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
    columns: list[Column]
    help: tuple[tuple[str, str], ...]
    check: Callable[[dict[str, str], Lookups], tuple[dict[str, Any], list[str]]]
    write: Callable[..., list]
    choices: dict[str, tuple[str, ...]]  # the drop-down lists of the template (the county list is added per user)


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
        errors.append(_("所属县(市、区)“%(county)s”不存在或不在您的管辖范围内") % {"county": text["county"]})
    if county is not None and (county.pk, text["name"]) in lookups.taken_names:
        errors.append(_("%(county)s已登记名为“%(name)s”的同类单位") % {"county": county.name, "name": text["name"]})
    return county


def _check_park(text: dict[str, str], lookups: Lookups) -> tuple[dict[str, Any], list[str]]:
    errors: list[str] = []
    row: dict[str, Any] = {"name": text["name"][:200]}
    row["area_kind"] = AREA_KINDS.get(text["area_kind"], "")
    if text["area_kind"] and not row["area_kind"]:
        errors.append(_("类别“%(value)s”无效，可填：%(choices)s")
                      % {"value": text["area_kind"], "choices": "、".join(AREA_KINDS)})
    county = _place(text, lookups, errors)
    if county is not None:
        row["region_id"] = county.pk
        if text["township"]:
            row["area_region_id"] = lookups.townships.get((county.pk, text["township"]))
            if row["area_region_id"] is None:
                errors.append(_("乡镇(街道)“%(township)s”不属于%(county)s")
                              % {"township": text["township"], "county": county.name})
    if row["area_kind"] in (AreaKind.TOWNSHIP, AreaKind.STREET) and not text["township"]:
        errors.append(_("类别为乡镇或街道时，须填写“对应乡镇(街道)区划”"))
    row["address"] = text["address"][:200]
    row["contact_name"] = text["contact_name"][:50]
    row["contact_phone"] = text["contact_phone"][:30]
    return row, errors


def _check_industry(text: dict[str, str], lookups: Lookups) -> tuple[dict[str, Any], list[str]]:
    errors: list[str] = []
    row: dict[str, Any] = {"name": text["name"][:200]}
    row["industry_kind"] = INDUSTRY_KINDS.get(text["industry_kind"], "")
    if text["industry_kind"] and not row["industry_kind"]:
        errors.append(_("创建类型“%(value)s”无效，可填：行业、集团、产业链·供应链") % {"value": text["industry_kind"]})
    row["lead_body_type"] = LEAD_BODY_TYPES.get(text["lead_body_type"], "")
    if text["lead_body_type"] and not row["lead_body_type"]:
        errors.append(_("牵头主体类型“%(value)s”无效，可填：行业协会、商会、龙头企业（链长）")
                      % {"value": text["lead_body_type"]})
    row["lead_body_name"] = text["lead_body_name"][:200]
    county = _place(text, lookups, errors)
    if county is not None:
        row["region_id"] = county.pk
    if text["pilot_year"]:
        year = whole_number(digits_normalise(text["pilot_year"]).removesuffix("年"), minimum=2000, maximum=2100)
        if year is not None:
            row["pilot_year"] = year
        else:
            errors.append(_("试点年度“%(value)s”应为四位年份，如 2025") % {"value": text["pilot_year"]})
    codes = [uscc_normalise(code) for code in CODE_SEPARATORS.split(text["members"]) if code.strip()]
    unknown = [code for code in codes if code not in lookups.enterprises]
    if unknown:
        errors.append(_("成员企业代码未在您管辖范围内登记：%(codes)s")
                      % {"codes": "、".join(unknown[:5]) + (_("等") if len(unknown) > 5 else "")})
    row["member_ids"] = sorted({lookups.enterprises[code] for code in codes if code in lookups.enterprises})
    return row, errors


PARKS = UnitImport(
    kind="park",
    label="工业园区与乡镇(街道)",
    unit_kinds=(UnitKind.PARK, UnitKind.TOWNSHIP),
    columns=[
        Column("名称", key="name", required=True, width=30),
        Column("类别", key="area_kind", required=True, width=12),
        Column("所属县(市、区)", key="county", required=True, text=True, width=16),
        Column("对应乡镇(街道)区划", key="township", width=18),
        Column("地址", key="address", width=30),
        Column("联系人", key="contact_name", width=12),
        Column("联系电话", key="contact_phone", text=True, width=16),
    ],
    choices={"area_kind": tuple(AREA_KINDS)},
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
        Column("名称", key="name", required=True, width=30),
        Column("创建类型", key="industry_kind", required=True, width=16),
        Column("所属县(市、区)", key="county", required=True, text=True, width=16),
        Column("牵头主体类型", key="lead_body_type", required=True, width=16),
        Column("牵头主体名称", key="lead_body_name", required=True, width=30),
        Column("试点年度", key="pilot_year", width=10),
        Column("成员企业统一社会信用代码", key="members", text=True, width=40),
    ],
    choices={"industry_kind": tuple(str(label) for label in IndustryKind.labels),
             "lead_body_type": tuple(str(label) for label in LeadBodyType.labels)},
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
    county_list = list(counties)
    choices = spec.choices | {"county": tuple(county.name for county in county_list)}
    if any(column.key == "township" for column in spec.columns):
        choices["township"] = tuple(sorted(set(
            Region.objects.filter(level=RegionLevel.TOWNSHIP, parent__in=county_list).values_list("name", flat=True)
        )))
    help_lines = (
        ("带 * 的列", "必填。带下拉箭头的列请从列表中选择。"),
        ("所属县(市、区)", "填写名称或 6 位区划代码，须在您的管辖范围内：" + "、".join(c.name for c in county_list)),
        *spec.help,
        ("名称", "同一县(市、区)内不能与已登记的同类单位重名。"),
        ("公式", "单元格中不得含公式，请粘贴为数值。"),
    )
    columns = [replace(column, choices=choices.get(column.key, ())) for column in spec.columns]
    return template_xlsx(title=spec.label, columns=columns, help_lines=help_lines)


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
    raw_rows = rows_read(upload=upload, size=size, columns=spec.columns, max_rows=MAX_ROWS)
    member_codes = {
        uscc_normalise(code) for raw in raw_rows if "members" in raw.values
        for code in CODE_SEPARATORS.split(cell_text(raw.values["members"])) if code.strip()
    }
    lookups = _lookups(spec, counties, member_codes)
    result = ParsedImport(total=len(raw_rows))
    first_row_of: dict[tuple[int, str], int] = {}
    for raw in raw_rows:
        errors = cell_problems(raw.values, spec.columns)
        if errors:
            row: dict[str, Any] = {"name": cell_text(raw.values["name"])[:200]}
        else:
            text = {key: cell_text(cell) for key, cell in raw.values.items()}
            errors = [_("“%(column)s”未填写") % {"column": column.title}
                      for column in spec.columns if column.required and not text[column.key]]
            row, more = spec.check(text, lookups)
            errors += more
            place = (row.get("region_id"), row["name"])
            if row.get("region_id") and row["name"]:
                if place in first_row_of:
                    errors.append(_("名称“%(name)s”与第 %(line)s 行重复")
                                  % {"name": row["name"], "line": first_row_of[place]})
                else:
                    first_row_of[place] = raw.line
        row["line"] = raw.line
        if errors:
            result.errors.append({"row": raw.line, "name": row.get("name", ""), "messages": errors})
        result.rows.append(row)
    return result


def unit_conflicts(*, spec: UnitImport, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows whose name was registered in their county after the preview (a row error, shown on the preview)."""
    county_ids = {row["region_id"] for row in rows}
    taken = set(
        Unit.objects.filter(region_id__in=county_ids, kind__in=spec.unit_kinds).values_list("region_id", "name")
    )
    return [
        {"row": row["line"], "name": row["name"],
         "messages": [_("名称“%(name)s”已在该县(市、区)登记") % {"name": row["name"]}]}
        for row in rows if (row["region_id"], row["name"]) in taken
    ]


def units_confirm_write(*, spec: UnitImport, rows: list[dict[str, Any]], by: User, note: str,
                        counties: QuerySet[Region]) -> int:
    """Re-check that members are still in the user's jurisdiction, then write (names taken: ``unit_conflicts``)."""
    member_ids = {member for row in rows for member in row.get("member_ids", [])}
    if member_ids:
        allowed = set(
            Enterprise.objects.filter(pk__in=member_ids, unit__region__in=counties).values_list("pk", flat=True)
        )
        if member_ids - allowed:
            raise ValidationError(_("部分成员企业已不在您的管辖范围内，未导入任何数据，请重新上传。"))
    spec.write(rows=rows, by=by, note=note)
    return len(rows)
