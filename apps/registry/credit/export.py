"""Excel export of the filtered red list (守法诚信红名单), through the one writer."""

from collections.abc import Iterator

from django.db.models import QuerySet

from apps.core.excel import Column, xlsx_table

from .models import RedListEntry

COLUMNS = [
    Column("单位名称", width=34), Column("统一社会信用代码", width=22, text=True), Column("所属县(市、区)", width=14),
    Column("列入日期", width=12), Column("列入机关", width=24), Column("列入事由", width=40, wrap=True),
    Column("移出日期", width=12), Column("移出原因", width=30, wrap=True), Column("录入人", width=12),
]


def _rows(entries: QuerySet[RedListEntry]) -> Iterator[list]:
    for entry in entries.iterator(chunk_size=2000):
        enterprise = entry.enterprise
        yield [
            enterprise.unit.name, enterprise.uscc, enterprise.unit.region.name, entry.listed_on, entry.listed_by,
            entry.reason, entry.ended_on, entry.end_reason, str(entry.entered_by),
        ]


def red_list_xlsx(entries: QuerySet[RedListEntry]) -> bytes:
    return xlsx_table(title="守法诚信红名单", columns=COLUMNS, rows=_rows(entries))
