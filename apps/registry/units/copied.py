"""What rows hanging off a unit (applications, risk events) keep of it: its county and township (Unit.region,
Unit.township) and, where a list sorts by it, its name (``unit_name``). With them a jurisdiction's rows are found,
and a list sorted, on the rows' own table and indexes instead of through each of a county's thousands of units.

A model keeps them by using ``UnitCopiedQuerySet`` as its manager and calling ``unit_copies_fill`` in ``save``:
then every way a row is written (a service's create, a form, the API, a bulk import, a test factory) fills them,
and no creating service can forget to. The scale seeder's COPY names the columns itself. ``enterprise_update``
calls ``unit_copies_update`` when a unit moves or is renamed, in its transaction.
"""

from collections.abc import Iterable

from django.apps import apps as django_apps
from django.db import models

from .models import Unit


def _keeps_name(model: type[models.Model]) -> bool:
    return any(field.name == "unit_name" for field in model._meta.concrete_fields)


def unit_copies_fill(rows: Iterable[models.Model]) -> None:
    """Give each row that has no county yet its unit's county, township (and name); units not loaded are read in
    one query."""
    rows = [row for row in rows if row.region_id is None]
    if not rows:
        return
    unloaded = {row.unit_id for row in rows if not type(row).unit.is_cached(row)}
    read = Unit.objects.filter(pk__in=unloaded).values_list("pk", "region_id", "township_id", "name")
    copies = {pk: values for pk, *values in read} if unloaded else {}
    for row in rows:
        unit = row.unit if row.unit_id not in copies else None
        region_id, township_id, name = copies.get(row.unit_id) or (unit.region_id, unit.township_id, unit.name)
        row.region_id, row.township_id = region_id, township_id
        if _keeps_name(type(row)):
            row.unit_name = name


def unit_copies_update(unit: Unit) -> None:
    """After ``unit`` moved to another county or township or was renamed: its rows follow it, in the caller's
    transaction."""
    for model in django_apps.get_models():
        if issubclass(model._default_manager._queryset_class, UnitCopiedQuerySet):
            kept = {"region_id": unit.region_id, "township_id": unit.township_id}
            if _keeps_name(model):
                kept["unit_name"] = unit.name
            model._base_manager.filter(unit=unit).update(**kept)


class UnitCopiedQuerySet(models.QuerySet):
    """The queryset of a model keeping copies of its unit: bulk_create fills them, unit_copies_update finds it."""

    def bulk_create(self, objs, *args, **kwargs):
        objs = list(objs)
        unit_copies_fill(objs)
        return super().bulk_create(objs, *args, **kwargs)
