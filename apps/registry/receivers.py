"""A unit's change drops the kept copy of the users whose memberships name it (apps/accounts/kept_user.py): the
copy holds the unit's row (its name, region, verification). On every save, by whatever path.

The unit page's kept parts (unit_page.py) and the unit list's kept rows (unit_rows.py) are dropped whenever a row
they are read from is saved or deleted, by whatever path (a service, the admin, a cascade): the unit, a history
entry, a credit evaluation or red-list entry, an enterprise (its page and its park's), a park, a service station, a
coordinator (before it is deleted: its units are gone after) and a coordinator's units."""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from apps.accounts.kept_user import users_kept_changed
from apps.accounts.models import Membership

from .coordinators.models import Coordinator
from .credit.models import CreditEvaluation, RedListEntry
from .enterprises.models import Enterprise
from .models import UnitEvent
from .parks.models import Park, ServiceStation
from .unit_page import unit_pages_changed
from .units.models import Unit


def unit_changed(sender, instance, created=False, **kwargs) -> None:
    if not created:
        users_kept_changed(user_ids=Membership.objects.filter(unit_id=instance.pk).values_list("user_id", flat=True))


def unit_row_changed(sender, instance, **kwargs) -> None:
    """A row of one unit's page or list row: the unit, a history entry, an enterprise or a park (``unit_id``: an
    enterprise's and a park's key is the unit's), an evaluation or red-list entry (``enterprise_id``), a station
    (``park_id``); and the page of the park an enterprise names."""
    own = instance.pk if sender is Unit else (getattr(instance, "unit_id", None)
                                              or getattr(instance, "enterprise_id", None)
                                              or getattr(instance, "park_id", None))
    unit_pages_changed(unit_ids=[own, instance.park_id if sender is Enterprise else None])


def coordinator_changed(sender, instance, **kwargs) -> None:
    unit_pages_changed(unit_ids=instance.units.values_list("pk", flat=True))


def coordinator_units_changed(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    if not action.startswith("post_") and action != "pre_clear":
        return
    if reverse:  # from the unit's side: unit.coordinators.add(…)
        unit_pages_changed(unit_ids=[instance.pk])
    elif action == "pre_clear":
        coordinator_changed(sender, instance)
    elif action != "post_clear":
        unit_pages_changed(unit_ids=pk_set or ())


def connect() -> None:
    post_save.connect(unit_changed, sender=Unit, dispatch_uid="registry.unit_changed")
    for model in (Unit, UnitEvent, Enterprise, CreditEvaluation, RedListEntry, Park, ServiceStation):
        for signal, verb in ((post_save, "save"), (post_delete, "delete")):
            signal.connect(unit_row_changed, sender=model, dispatch_uid=f"registry.unit_page.{model.__name__}.{verb}")
    post_save.connect(coordinator_changed, sender=Coordinator, dispatch_uid="registry.unit_page.coordinator.save")
    pre_delete.connect(coordinator_changed, sender=Coordinator, dispatch_uid="registry.unit_page.coordinator.delete")
    m2m_changed.connect(coordinator_units_changed, sender=Coordinator.units.through,
                        dispatch_uid="registry.unit_page.coordinator.units")
