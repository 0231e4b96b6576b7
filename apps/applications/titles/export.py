"""Excel export of the office's titles ending soon, through the one writer."""

import datetime
from collections.abc import Iterator

from django.db.models import QuerySet

from apps.applications.recognitions.models import Recognition
from apps.applications.workflow.states import RENEWAL_PENDING_STATUSES
from apps.core.excel import Column, xlsx_table

COLUMNS = [
    Column("单位名称", width=34), Column("所属县(市、区)", width=14), Column("称号", width=30),
    Column("证书编号", width=20, text=True), Column("命名日期", width=12), Column("有效期至", width=12),
    Column("剩余天数", width=10), Column("复审", width=16),
]


def _rows(titles: QuerySet[Recognition], today: datetime.date) -> Iterator[list]:
    for title in titles.iterator(chunk_size=500):
        pending = next((a for a in title.renewals.all() if a.status in RENEWAL_PENDING_STATUSES), None)
        left = (title.valid_until - today).days if title.valid_until else None
        yield [title.unit.name, title.unit.region.name, title.full_title, title.number, title.issued_on,
               title.valid_until, left, pending.get_status_display() if pending else "未申请"]


def titles_ending_xlsx(titles: QuerySet[Recognition], *, today: datetime.date) -> bytes:
    return xlsx_table(title="即将到期的称号", columns=COLUMNS, rows=_rows(titles, today))
