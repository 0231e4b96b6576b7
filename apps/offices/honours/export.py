"""Excel export of the honour recommendations, through the one writer."""

from collections.abc import Iterator

from django.db.models import QuerySet

from apps.core.excel import Column, xlsx_table

from .models import Honour

COLUMNS = [
    Column("年度", width=8), Column("类别", width=12), Column("荣誉名称", width=34, wrap=True),
    Column("推荐层级", width=10), Column("所属区域", width=14), Column("集体或个人名称", width=28),
    Column("工作单位", width=28), Column("状态", width=10), Column("文号", width=22, text=True),
    Column("授予或结果日期", width=14), Column("主要事迹", width=40, wrap=True),
]


def _rows(honours: QuerySet[Honour]) -> Iterator[list]:
    for honour in honours.select_related("region").iterator(chunk_size=2000):
        yield [
            honour.year, honour.get_category_display(), honour.title, honour.get_level_display(),
            honour.region.name, honour.recipient, honour.employer, honour.get_status_display(),
            honour.document_number, honour.decided_on, honour.deeds,
        ]


def honours_xlsx(honours: QuerySet[Honour]) -> bytes:
    return xlsx_table(title="荣誉推荐", columns=COLUMNS, rows=_rows(honours))
