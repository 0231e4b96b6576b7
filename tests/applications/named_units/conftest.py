"""Named units of county X (unit A) and county Y (unit B), each titled the year before last, so a report is owed."""

from datetime import date

import pytest

from apps.applications.recognitions.models import Recognition
from apps.applications.recognitions.services import recognition_create
from apps.registry.units.models import Unit

THIS_YEAR = date.today().year


def name(unit, city, by, *, year=THIS_YEAR - 1, **extra) -> Recognition:
    return recognition_create(unit=unit, city=city, year=year, issued_on=date(year, 12, 1), by=by, level="市级",
                              **extra)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def titles(cast, regions) -> tuple[Recognition, Recognition]:
    return name(cast.unit_a, regions.city, cast.city_admin), name(cast.unit_b, regions.city, cast.city_admin)


def many_titles(regions, by, count: int) -> None:
    """``count`` named units in county X, written in bulk."""
    units = Unit.objects.bulk_create([Unit(name=f"批量企业{i:04d}", kind="enterprise", region=regions.county_x)
                                      for i in range(count)])
    Recognition.objects.bulk_create([
        Recognition(unit=unit, city=regions.city, year=THIS_YEAR - 1, sequence=1000 + i,
                    number=f"141000-{THIS_YEAR - 1}-{1000 + i}", title="劳动关系和谐企业",
                    issued_on=date(THIS_YEAR - 1, 12, 1), valid_until=date(THIS_YEAR + 2, 11, 30), issued_by=by,
                    score=90)
        for i, unit in enumerate(units)
    ])
