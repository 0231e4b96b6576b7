"""Excel exports of the supervision visits with their rectification items, and of the item list, through the one
writer."""

import datetime
from collections.abc import Iterator

from django.db.models import Prefetch, QuerySet

from apps.core.excel import Column, xlsx_table

from .models import ItemStatus, RectificationItem, SupervisionVisit

COLUMNS = [
    Column("督导日期", width=12), Column("督导单位", width=14), Column("被督导地区", width=14),
    Column("督导方式", width=12), Column("参加人员和部门", width=30, wrap=True),
    Column("发现的问题", width=40, wrap=True),
    Column("整改事项", width=40, wrap=True), Column("责任单位", width=14), Column("整改期限", width=12),
    Column("状态", width=16), Column("整改情况", width=40, wrap=True), Column("整改完成日期", width=12),
    Column("销号日期", width=12), Column("验收人", width=12), Column("验收意见", width=30, wrap=True),
]


def _rows(visits: QuerySet[SupervisionVisit]) -> Iterator[list]:
    items = Prefetch("items", queryset=RectificationItem.objects.select_related("responsible", "closed_by"))
    for visit in visits.prefetch_related(items).iterator(chunk_size=500):
        head = [visit.visited_on, visit.supervisor.name, visit.region.name, visit.get_kind_display(),
                visit.participants, visit.findings]
        rows = list(visit.items.all())
        if not rows:
            yield [*head, "", "", None, "", "", None, None, "", ""]
        for item in rows:
            closed_by = item.closed_by.full_name or item.closed_by.username if item.closed_by else ""
            yield [*head, item.description, item.responsible.name, item.deadline, item.get_status_display(),
                   item.measures, item.rectified_on, item.closed_on, closed_by, item.review_comment]


def supervision_xlsx(visits: QuerySet[SupervisionVisit]) -> bytes:
    return xlsx_table(title="检查督导", columns=COLUMNS, rows=_rows(visits))


ITEM_COLUMNS = [
    Column("整改事项", width=40, wrap=True), Column("责任单位", width=14), Column("整改期限", width=12),
    Column("状态", width=16), Column("是否逾期", width=10), Column("督导日期", width=12), Column("督导单位", width=14),
    Column("被督导地区", width=14), Column("督导方式", width=12), Column("整改情况", width=40, wrap=True),
    Column("整改完成日期", width=12), Column("销号日期", width=12), Column("验收人", width=12),
    Column("验收意见", width=30, wrap=True),
]


def _item_rows(items: QuerySet[RectificationItem], today: datetime.date) -> Iterator[list]:
    for item in items.select_related("closed_by").iterator(chunk_size=2000):
        visit = item.visit
        closed_by = item.closed_by.full_name or item.closed_by.username if item.closed_by else ""
        overdue = item.status == ItemStatus.OPEN and item.deadline < today
        yield [item.description, item.responsible.name, item.deadline, item.get_status_display(),
               "是" if overdue else "否", visit.visited_on, visit.supervisor.name, visit.region.name,
               visit.get_kind_display(), item.measures, item.rectified_on, item.closed_on, closed_by,
               item.review_comment]


def items_xlsx(items: QuerySet[RectificationItem], *, today: datetime.date) -> bytes:
    return xlsx_table(title="整改事项", columns=ITEM_COLUMNS, rows=_item_rows(items, today))
