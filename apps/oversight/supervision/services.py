"""Every write of supervision: a visit, its rectification items, the report of a rectification and its acceptance.

An item moves open → reported (by the supervised office) → closed (accepted by the supervisor), or back from
reported to open with the supervisor's comment. Each change locks the item's row so that two clicks (or the
two offices at once) cannot both move it.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from apps.accounts.models import User
from apps.core.region_cache import region_part_changed
from apps.regions.models import Region

from .models import ItemStatus, RectificationItem, SupervisionVisit

# The workbench lists of an office's overdue items and of the items it waits to accept (apps/home/sections/
# supervision.py), kept per region: each write of an item drops both of its two offices' (``items_changed``).
OVERDUE_PART = "supervision:overdue"
TO_ACCEPT_PART = "supervision:to-accept"


def items_changed(*, item: RectificationItem) -> None:
    """Drop the kept lists of the item's responsible office and of its supervising office."""
    regions = {item.responsible_id, item.visit.supervisor_id}
    for part in (OVERDUE_PART, TO_ACCEPT_PART):
        region_part_changed(part, region_ids=regions)


def supervision_visit_record(*, supervisor: Region, region: Region, visited_on: datetime.date, kind: str,
                             participants: str, findings: str, by: User) -> SupervisionVisit:
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": gettext("督导日期不能晚于今天。")})
    visit = SupervisionVisit(supervisor=supervisor, region=region, visited_on=visited_on, kind=kind,
                             participants=participants.strip(), findings=findings.strip(), recorded_by=by)
    visit.full_clean()
    visit.save()
    return visit


def rectification_item_add(*, visit: SupervisionVisit, description: str, deadline: datetime.date,
                           responsible: Region) -> RectificationItem:
    if deadline < visit.visited_on:
        raise ValidationError({"deadline": gettext("整改期限不能早于督导日期。")})
    item = RectificationItem(visit=visit, description=description.strip(), deadline=deadline,
                             responsible=responsible)
    item.full_clean()
    item.save()
    items_changed(item=item)
    return item


def _locked(item: RectificationItem, expected: str, message: str) -> RectificationItem:
    locked = RectificationItem.objects.select_for_update().get(pk=item.pk)
    if locked.status != expected:
        raise ValidationError(message)
    return locked


@transaction.atomic
def rectification_report(*, item: RectificationItem, measures: str, rectified_on: datetime.date,
                         by: User) -> RectificationItem:
    """The supervised office reports how and when it rectified the item; the supervisor then accepts or returns."""
    if rectified_on > timezone.localdate():
        raise ValidationError({"rectified_on": gettext("整改完成日期不能晚于今天。")})
    item = _locked(item, ItemStatus.OPEN, gettext("该事项已报告整改或已销号，不能重复报告。"))
    item.measures, item.rectified_on, item.reported_by = measures.strip(), rectified_on, by
    item.status = ItemStatus.REPORTED
    item.save(update_fields=["measures", "rectified_on", "reported_by", "status"])
    items_changed(item=item)
    return item


@transaction.atomic
def rectification_accept(*, item: RectificationItem, comment: str, by: User) -> RectificationItem:
    item = _locked(item, ItemStatus.REPORTED, gettext("只有已报告整改的事项才能验收销号。"))
    item.status, item.closed_on, item.closed_by = ItemStatus.CLOSED, timezone.localdate(), by
    item.review_comment = comment.strip()
    item.save(update_fields=["status", "closed_on", "closed_by", "review_comment"])
    items_changed(item=item)
    return item


@transaction.atomic
def rectification_return(*, item: RectificationItem, comment: str, by: User) -> RectificationItem:
    """Not accepted: back to the supervised office with the reason (its report stays on the item to revise)."""
    if not comment.strip():
        raise ValidationError({"comment": gettext("退回整改须写明验收意见。")})
    item = _locked(item, ItemStatus.REPORTED, gettext("只有已报告整改的事项才能退回。"))
    item.status, item.review_comment = ItemStatus.OPEN, comment.strip()
    item.save(update_fields=["status", "review_comment"])
    items_changed(item=item)
    return item
