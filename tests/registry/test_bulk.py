"""The COPY-based bulk insert behind the enterprise import."""

import pytest
from django.db import IntegrityError, transaction

from apps.registry.enterprises.models import Enterprise
from apps.registry.enterprises.services import enterprises_bulk_create
from apps.registry.models import UnitEvent
from apps.registry.units.models import Unit
from tests.factories import EnterpriseFactory

from .helpers import code

pytestmark = pytest.mark.django_db


def _row(n: int, regions, **overrides) -> dict:
    row = {"name": f"批量{n}", "uscc": code(n), "region_id": regions.county_x.pk, "township_id": None,
           "address": f"路 {n} 号", "employee_count": n, "has_union": True, "credit_grade": "B"}
    row.update(overrides)
    return row


def test_rows_are_written_as_save_would_write_them(cast, regions):
    ids = enterprises_bulk_create(rows=[_row(1, regions), _row(2, regions, township_id=regions.township_x.pk)],
                                  by=cast.county_admin_x, note="导入文件：a.xlsx")
    assert len(ids) == 2
    second = Enterprise.objects.select_related("unit").get(uscc=code(2))
    assert second.unit.township == regions.township_x and second.unit.kind == "enterprise"
    assert second.unit.verification_status == "verified" and second.unit.created_at is not None
    assert (second.employee_count, second.has_union, second.credit_grade) == (2, True, "B")
    assert (second.has_party_org, second.ownership, second.uscc_check_failed) == (False, "", False)
    event = UnitEvent.objects.get(unit=second.unit)
    assert (event.action, event.actor, event.note, event.changes) == ("imported", cast.county_admin_x,
                                                                      "导入文件：a.xlsx", {})
    assert event.created_at is not None
    # Reserved ids come from the sequences, so ordinary inserts continue after them.
    later = EnterpriseFactory(unit__region=regions.county_x)
    assert later.unit.pk > max(ids)


def test_a_code_registered_meanwhile_rolls_back_every_row(cast, regions):
    EnterpriseFactory(unit__region=regions.county_x, uscc=code(3))
    before = Unit.objects.count()
    with pytest.raises(IntegrityError), transaction.atomic():
        enterprises_bulk_create(rows=[_row(1, regions), _row(3, regions)], by=cast.county_admin_x)
    assert Unit.objects.count() == before and not Enterprise.objects.filter(uscc=code(1)).exists()
