"""Import batches of every kind: the stored preview, and the confirm that re-checks, then writes all rows or none."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.regions.models import Region
from apps.registry.enterprises.services import enterprises_bulk_create

from .imports import ParsedImport, enterprise_conflicts
from .models import ImportBatch, ImportKind, ImportStatus
from .unit_imports import UNIT_IMPORTS, unit_conflicts, units_confirm_write


def import_batch_create(*, owner: User, file_name: str, parsed: ParsedImport,
                        kind: str = ImportKind.ENTERPRISE) -> ImportBatch:
    return ImportBatch.objects.create(owner=owner, kind=kind, file_name=file_name[:255], rows=parsed.rows,
                                      errors=parsed.errors, warnings=parsed.warnings)


def _conflicts(batch: ImportBatch) -> list[dict[str, Any]]:
    if batch.kind == ImportKind.ENTERPRISE:
        return enterprise_conflicts(batch.rows)
    return unit_conflicts(spec=UNIT_IMPORTS[batch.kind], rows=batch.rows)


def import_batch_confirm(*, batch: ImportBatch, by: User, counties: QuerySet[Region]) -> int:
    """Write every row of an error-free batch, or none.

    What can change between preview and confirm (codes or names registered
    by someone else meanwhile) is checked again; a batch that no longer
    passes gets those rows as its errors, so its preview shows them instead
    of "全部行检查通过". That note is written outside the write's transaction
    so it stays when the write is refused.
    """
    if batch.errors:
        raise ValidationError(_("该批次有错误行，不能导入。请修改文件后重新上传。"))
    if batch.status != ImportStatus.PREVIEWED:
        raise ValidationError(_("该批次已经导入，不能重复导入。"))
    conflicts = _conflicts(batch)
    if conflicts:
        batch.errors = conflicts
        ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.PREVIEWED).update(errors=conflicts)
        raise ValidationError(
            _("预览后有 %(count)d 行已被他人登记，未导入任何数据。请见下方错误行，修改文件后重新上传。")
            % {"count": len(conflicts)}
        )
    return _batch_write(batch=batch, by=by, counties=counties)


@transaction.atomic
def _batch_write(*, batch: ImportBatch, by: User, counties: QuerySet[Region]) -> int:
    """Claim the batch with a conditional UPDATE (a double click imports once), then write all rows or none."""
    claimed = ImportBatch.objects.filter(pk=batch.pk, status=ImportStatus.PREVIEWED).update(
        status=ImportStatus.CONFIRMED, confirmed_at=timezone.now()
    )
    if not claimed:
        raise ValidationError(_("该批次已经导入，不能重复导入。"))
    allowed = set(counties.values_list("pk", flat=True))
    if any(row["region_id"] not in allowed for row in batch.rows):
        raise ValidationError(_("批次中有不在您管辖范围内的单位，未导入任何数据。"))
    note = f"导入文件：{batch.file_name}"
    if batch.kind != ImportKind.ENTERPRISE:
        return units_confirm_write(spec=UNIT_IMPORTS[batch.kind], rows=batch.rows, by=by, note=note,
                                   counties=counties)
    try:
        with transaction.atomic():
            enterprises_bulk_create(rows=batch.rows, by=by, note=note)
    except IntegrityError as error:
        raise ValidationError(_("导入时发现重复的统一社会信用代码，未导入任何数据，请重新上传。")) from error
    return len(batch.rows)
