"""Excel export of the filtered risk-event list, through the one writer."""

from collections.abc import Iterator

from django.db.models import QuerySet

from apps.core.excel import Column, xlsx_table

from .models import RiskEvent

COLUMNS = [
    Column("发生日期", width=12), Column("单位名称", width=34), Column("统一社会信用代码", width=22, text=True),
    Column("所属县(市、区)", width=14), Column("事件类型", width=18), Column("严重程度", width=10),
    Column("信息来源", width=20), Column("事件描述", width=50, wrap=True), Column("录入方式", width=10),
    Column("录入时间", width=18),
]


def _rows(events: QuerySet[RiskEvent]) -> Iterator[list]:
    for event in events.select_related("unit__region", "unit__enterprise").iterator(chunk_size=2000):
        enterprise = getattr(event.unit, "enterprise", None)
        yield [
            event.occurred_on, event.unit.name, enterprise.uscc if enterprise else "", event.unit.region.name,
            event.get_kind_display(), event.get_severity_display(), event.source, event.description,
            event.get_channel_display(), event.created_at,
        ]


def risk_events_xlsx(events: QuerySet[RiskEvent]) -> bytes:
    return xlsx_table(title="风险事件", columns=COLUMNS, rows=_rows(events))
