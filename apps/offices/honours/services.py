from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext

from apps.accounts.models import User
from apps.offices.this_year import office_figures_changed
from apps.registry.units.models import Unit

from .models import Honour, HonourCategory, HonourStatus

FIELDS = ("year", "category", "title", "level", "region", "coordinator", "status", "decided_on")
TEXT_FIELDS = ("employer", "document_number", "deeds")


def _problems(honour: Honour) -> dict[str, str]:
    problems = {}
    if not honour.recipient:
        problems["recipient"] = gettext("请填写获推荐的集体或个人名称。")
    if honour.category == HonourCategory.COORDINATOR and honour.coordinator is None:
        problems["coordinator"] = gettext("协调员荣誉请选择台账中的协调员。")
    if honour.status == HonourStatus.AWARDED and not honour.document_number:
        problems["document_number"] = gettext("已授予的荣誉请填写授予文件的文号。")
    if honour.status == HonourStatus.RECOMMENDED and honour.decided_on is not None:
        problems["decided_on"] = gettext("尚在推荐中的荣誉没有结果日期；有了结果请同时修改状态。")
    if honour.decided_on is not None and honour.decided_on.year < honour.year:
        problems["decided_on"] = gettext("结果日期不能早于推荐年度。")
    return problems


@transaction.atomic
def honour_save(*, honour: Honour | None, data: dict[str, Any], unit: Unit | None, by: User) -> Honour:
    """Record a recommendation or its result; a coordinator's honour names the ledger entry."""
    honour = honour or Honour(recorded_by=by)
    was_in = honour.region_id
    for key in FIELDS:
        setattr(honour, key, data.get(key))
    for key in (*TEXT_FIELDS, "recipient"):
        setattr(honour, key, (data.get(key) or "").strip())
    honour.unit = unit
    if honour.coordinator is not None and not honour.recipient:
        honour.recipient = honour.coordinator.full_name
    problems = _problems(honour)
    if problems:
        raise ValidationError(problems)
    honour.full_clean()
    honour.save()
    office_figures_changed(region_ids=[was_in, honour.region_id])
    return honour
