import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from apps.core.region_cache import region_part_changed

from .models import Region, RegionLevel

LEVEL_BY_CSV_VALUE = {level.value: level for level in RegionLevel} | {
    label: level for level, label in [(lvl, str(lvl.label)) for lvl in RegionLevel]
}


def region_create(*, name: str, level: str, parent: Region | None = None, code: str = "") -> Region:
    region = Region(name=name, level=level, parent=parent, code=code, path="/pending/")
    region.full_clean(exclude=["path"])
    region.save()
    region.path = f"{parent.path if parent else '/'}{region.pk}/"
    region.save(update_fields=["path"])
    return region


def region_get_or_create(*, name: str, level: str, parent: Region | None = None, code: str = "") -> Region:
    existing = None
    if code:
        existing = Region.objects.filter(code=code).first()
    if existing is None:
        existing = Region.objects.filter(parent=parent, name=name).first()
    if existing is None:
        return region_create(name=name, level=level, parent=parent, code=code)
    changed = []
    for field, value in {"name": name, "level": level, "code": code or existing.code}.items():
        if getattr(existing, field) != value:
            setattr(existing, field, value)
            changed.append(field)
    if changed:
        existing.full_clean(exclude=["path"])
        existing.save(update_fields=changed)
    return existing


@dataclass(frozen=True)
class ImportResult:
    created_or_updated: int


@transaction.atomic
def regions_import_csv(*, path: Path) -> ImportResult:
    """Import a division list: columns code, name, level, parent_code[, parent_name].

    Rows are applied in file order, so a parent must come before its
    children. A township whose code is unknown has an empty code and names
    its county in parent_code. Errors name the line; nothing is written
    unless every line is valid.
    """
    count = 0
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"code", "name", "level", "parent_code"} - set(reader.fieldnames or [])
        if missing:
            raise ValidationError(f"{path}: 缺少列 {', '.join(sorted(missing))}")
        for line_no, row in enumerate(reader, start=2):
            code = (row.get("code") or "").strip()
            name = (row.get("name") or "").strip()
            level = LEVEL_BY_CSV_VALUE.get((row.get("level") or "").strip())
            parent_code = (row.get("parent_code") or "").strip()
            if not name:
                raise ValidationError(f"{path} 第 {line_no} 行：名称为空")
            if level is None:
                raise ValidationError(f"{path} 第 {line_no} 行：层级“{row.get('level')}”无效")
            parent = None
            if parent_code:
                parent = Region.objects.filter(code=parent_code).first()
                if parent is None:
                    raise ValidationError(f"{path} 第 {line_no} 行：上级代码 {parent_code} 不存在")
            try:
                region_get_or_create(name=name, level=level, parent=parent, code=code)
            except ValidationError as error:
                raise ValidationError(f"{path} 第 {line_no} 行：{'; '.join(error.messages)}") from error
            count += 1
    return ImportResult(created_or_updated=count)


def region_parts_changed(*names: str, region_ids: Iterable[int | None]) -> None:
    """Drop the workbench parts ``names`` (apps/core/region_cache.py) of these regions and of every region above
    them (one query for the regions' paths)."""
    ids = {pk for pk in region_ids if pk is not None}
    paths = Region.objects.filter(pk__in=ids).values_list("path", flat=True) if ids else []
    above = {pk for path in paths for pk in Region(path=path).path_ids}
    for name in names:
        region_part_changed(name, region_ids=above)
