"""Excel export of check records, through the one writer."""

from collections.abc import Iterator

from django.db.models import QuerySet

from apps.core.excel import Column, xlsx_table

from .models import TitleCheck

COLUMNS = [
    Column("年度", width=8), Column("核查单位", width=14), Column("核查范围", width=14), Column("核查方式", width=8),
    Column("单位", width=30), Column("所在县(市、区)", width=14), Column("称号", width=30),
    Column("证书编号", width=18),
    Column("有效期至", width=12), Column("核查日期", width=12), Column("核查形式", width=10),
    Column("核查情况", width=40, wrap=True), Column("核查结论", width=14), Column("整改期限", width=12),
    Column("取消命名案件", width=12), Column("登记人", width=12),
]


def _rows(checks: QuerySet[TitleCheck]) -> Iterator[list]:
    for check in checks.iterator(chunk_size=500):
        title, check_round = check.recognition, check.round
        by = (check.checked_by.full_name or check.checked_by.username) if check.checked_by else ""
        yield [check_round.year, check_round.office.name, check_round.region.name, check_round.get_method_display(),
               check.unit.name, check.unit.region.name, title.full_title, title.number, title.valid_until,
               check.checked_on, check.get_method_display(), check.findings,
               check.get_result_display() or "待登记", check.rectification_deadline,
               f"#{check.case_id}" if check.case_id else "", by]


def title_checks_xlsx(checks: QuerySet[TitleCheck]) -> bytes:
    return xlsx_table(title="命名单位核查", columns=COLUMNS, rows=_rows(checks))
