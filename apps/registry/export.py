"""Excel export of a filtered unit list (openpyxl write-only, so memory stays flat)."""

from collections.abc import Callable
from io import BytesIO

from django.db.models import QuerySet
from openpyxl import Workbook

from apps.core.pii import name_shown, phone_shown
from apps.units.models import Unit

HEADERS = ["单位名称", "单位类型", "统一社会信用代码", "所属县(市、区)", "所属乡镇(街道)", "行业", "企业规模",
           "职工人数", "劳动保障诚信等级", "核验状态", "联系人", "联系电话"]


def _safe(value: object) -> object:
    """Text that a spreadsheet would run as a formula is written as plain text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def units_export_xlsx(queryset: QuerySet[Unit], *, show_contacts: Callable[[Unit], bool]) -> bytes:
    """The units' sheet; contact names and phones masked on the rows where ``show_contacts`` says so."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("单位名录")
    sheet.append(HEADERS)
    for unit in queryset.iterator(chunk_size=2000):
        enterprise = getattr(unit, "enterprise", None)
        full = show_contacts(unit)
        sheet.append([_safe(value) for value in (
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
        )])
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
