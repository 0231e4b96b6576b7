"""Excel export of the filtered application list (创建申报, 帮办代办 among them), through the one writer."""

from collections.abc import Iterator

from django.db.models import QuerySet

from apps.core.excel import Column, xlsx_table

from .models import Application

COLUMNS = [
    Column("单位名称", width=34), Column("统一社会信用代码", width=22, text=True), Column("所属县(市、区)", width=14),
    Column("所属乡镇(街道)", width=16), Column("年度", width=8), Column("申报类型", width=10), Column("状态", width=16),
    Column("版次", width=8), Column("帮办代办", width=10), Column("代办人", width=12),
    Column("代办原因", width=36, wrap=True),
]


def _rows(applications: QuerySet[Application]) -> Iterator[list]:
    for application in applications.select_related("unit__enterprise", "filed_by").iterator(chunk_size=2000):
        unit = application.unit
        enterprise = getattr(unit, "enterprise", None)
        yield [
            unit.name, enterprise.uscc if enterprise else "", unit.region.name,
            unit.township.name if unit.township_id else "", application.campaign_year.year,
            application.get_kind_display(), application.get_status_display(), application.revision,
            "是" if application.on_behalf else "否", str(application.filed_by) if application.filed_by_id else "",
            application.on_behalf_reason,
        ]


def applications_xlsx(applications: QuerySet[Application]) -> bytes:
    return xlsx_table(title="创建申报", columns=COLUMNS, rows=_rows(applications))
