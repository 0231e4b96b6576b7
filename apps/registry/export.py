"""Excel export of a filtered unit list, through the one writer (rows stream, so memory stays flat)."""

from collections.abc import Callable, Iterator

from django.db.models import QuerySet

from apps.core.excel import Column, xlsx_table
from apps.core.pii import name_shown, phone_shown
from apps.registry.units.models import Unit

COLUMNS = [
    Column("单位名称", width=36), Column("单位类型", width=12), Column("统一社会信用代码", width=22, text=True),
    Column("所属县(市、区)", width=14), Column("所属乡镇(街道)", width=16), Column("行业", width=24),
    Column("企业规模", width=10), Column("职工人数", width=10), Column("劳动保障诚信等级", width=10),
    Column("核验状态", width=10), Column("联系人", width=12), Column("联系电话", width=16, text=True),
]


def _rows(queryset: QuerySet[Unit], show_contacts: Callable[[Unit], bool]) -> Iterator[list]:
    for unit in queryset.iterator(chunk_size=2000):
        enterprise = getattr(unit, "enterprise", None)
        full = show_contacts(unit)
        yield [
            unit.name,
            unit.get_kind_display(),
            enterprise.uscc if enterprise else "",
            unit.region.name,
            unit.township.name if unit.township_id else "",
            str(enterprise.industry) if enterprise and enterprise.industry_id else "",
            enterprise.get_size_display() if enterprise else "",
            enterprise.employee_count if enterprise else None,
            enterprise.credit_grade if enterprise else "",
            unit.get_verification_status_display(),
            name_shown(enterprise.contact_name, full) if enterprise else "",
            phone_shown(enterprise.contact_phone, full) if enterprise else "",
        ]


def units_export_xlsx(queryset: QuerySet[Unit], *, show_contacts: Callable[[Unit], bool]) -> bytes:
    """The units' sheet; contact names and phones masked on the rows where ``show_contacts`` says so."""
    return xlsx_table(title="单位名录", columns=COLUMNS, rows=_rows(queryset, show_contacts))
