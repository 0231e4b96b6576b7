from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from apps.accounts.models import User
from apps.campaigns.rules import rules_for
from apps.core.public_cache import public_pages_changed
from apps.regions.models import Region
from apps.registry.units.models import Unit

from .models import Recognition

# recognition_create's default for what the policy decides (the title's wording and level, its validity).
FROM_POLICY = "policy"


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
    validity_years: int | None | str = FROM_POLICY,
    **extra,
) -> Recognition:
    """Confer a title and give it the next certificate number of the city and year.

    The title's wording, level and validity are those of the campaign policy in force for the unit and year
    (the national defaults where none is); ``validity_years`` None gives a title with no fixed end. The city's
    region row is locked while the number is taken, so two namings at once never get the same sequence.
    """
    rules = rules_for(region=unit.region, year=year)
    if validity_years == FROM_POLICY:
        validity_years = rules.validity_years
    # A title is valid up to the day before the same date ``validity_years`` later.
    valid_until = (None if validity_years is None
                   else date.fromordinal(_years_later(issued_on, validity_years).toordinal() - 1))
    with transaction.atomic():
        Region.objects.select_for_update().filter(pk=city.pk).first()
        last = Recognition.objects.filter(city=city, year=year).aggregate(last=Max("sequence"))["last"] or 0
        sequence = last + 1
        recognition = Recognition(
            unit=unit, city=city, year=year, sequence=sequence,
            number=certificate_number(city=city, year=year, sequence=sequence),
            title=title or rules.title(unit.kind), level=level or rules.title_level, grade=grade, score=score,
            issued_on=issued_on, valid_until=valid_until, issued_by=by, **extra,
        )
        recognition.full_clean()
        recognition.save()
        public_pages_changed()
    return recognition


def recognition_renew(*, recognition: Recognition, year: int, on: date) -> Recognition:
    """Extend a title whose renewal (复审) passed: by the validity the policy in force for the renewal's year sets,
    counted from the day after its current end (from ``on`` where it had already lapsed); a policy that sets no
    validity leaves the title with no fixed end. The status is untouched: the title is still valid (the nightly
    expiry waits for a renewal in progress)."""
    validity_years = rules_for(region=recognition.unit.region, year=year).validity_years
    if recognition.valid_until is None or validity_years is None:
        recognition.valid_until = None
    else:
        start = max(date.fromordinal(recognition.valid_until.toordinal() + 1), on)
        recognition.valid_until = date.fromordinal(_years_later(start, validity_years).toordinal() - 1)
    recognition.save(update_fields=["valid_until"])
    public_pages_changed()
    return recognition
