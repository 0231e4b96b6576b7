"""What ``in_force.standard_in_force_kept`` keeps is dropped by whatever path saves or deletes a row it is read from:
a standard in force, a standard or a questionnaire (every unit's), or a unit or its enterprise profile (that unit's:
its place, kind, size and industry choose among the rows). A queryset ``update()`` sends no signal: whoever writes
one calls ``in_force_changed()``."""

from django.db.models.signals import post_delete, post_save

from apps.registry.enterprises.models import Enterprise
from apps.registry.units.models import Unit
from apps.standards.models import Standard

from .in_force import in_force_changed
from .models import StandardInForce, SurveyTemplate


def rows_changed(sender, instance, **kwargs) -> None:
    in_force_changed()


def unit_changed(sender, instance, **kwargs) -> None:
    in_force_changed(unit_ids=[instance.unit_id if sender is Enterprise else instance.pk])


def connect() -> None:
    for model in (StandardInForce, Standard, SurveyTemplate):
        for signal, verb in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(rows_changed, sender=model, dispatch_uid=f"surveys.in_force.{model.__name__}.{verb}")
    for model in (Unit, Enterprise):
        for signal, verb in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(unit_changed, sender=model, dispatch_uid=f"surveys.in_force.{model.__name__}.{verb}")
