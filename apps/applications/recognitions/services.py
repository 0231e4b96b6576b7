from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from apps.accounts.models import User
from apps.core.public_cache import public_pages_changed
from apps.regions.models import Region
from apps.registry.units.models import Unit

from .models import Recognition

DEFAULT_TITLES = {
    "enterprise": "劳动关系和谐企业",
    "park": "劳动关系和谐工业园区",
    "township": "劳动关系和谐乡镇（街道）",
    "industry": "劳动关系和谐行业",
    "community": "劳动关系和谐社区",  # Jilin (seed 003, 三(四)): 创建劳动关系和谐街镇乡和社区
}
DEFAULT_VALIDITY_YEARS = 3


def certificate_number(*, city: Region, year: int, sequence: int) -> str:
    prefix = city.code or f"C{city.pk}"
    return f"{prefix}-{year}-{sequence:04d}"


def _years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def recognition_create(
    *,
    unit: Unit,
    city: Region,
    year: int,
    issued_on: date,
    by: User,
    title: str = "",
    level: str = "",
    grade: str = "",
    score: Decimal | None = None,
    validity_years: int = DEFAULT_VALIDITY_YEARS,
    **extra,
) -> Recognition:
    """Confer a title and give it the next certificate number of the city and year.

    The city's region row is locked while the number is taken, so two
    namings at once never get the same sequence.
    """
    with transaction.atomic():
        Region.objects.select_for_update().filter(pk=city.pk).first()
        last = Recognition.objects.filter(city=city, year=year).aggregate(last=Max("sequence"))["last"] or 0
        sequence = last + 1
        # A title is valid up to the day before the same date ``validity_years`` later.
        valid_until = date.fromordinal(_years_later(issued_on, validity_years).toordinal() - 1)
        recognition = Recognition(
            unit=unit, city=city, year=year, sequence=sequence,
            number=certificate_number(city=city, year=year, sequence=sequence),
            title=title or DEFAULT_TITLES.get(unit.kind, DEFAULT_TITLES["enterprise"]),
            level=level, grade=grade, score=score, issued_on=issued_on, valid_until=valid_until,
            issued_by=by, **extra,
        )
        recognition.full_clean()
        recognition.save()
        public_pages_changed()
    return recognition
