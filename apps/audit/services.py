"""Recording changes that bypass ``save()``, and naming who acts in background work.

django-auditlog records a change when a model's ``save()`` or ``delete()``
sends its signals. ``bulk_create``, ``QuerySet.update`` and raw SQL send
none, so the services that use them for speed call ``audit_created`` or
``audit_updated`` right after the write, in the same transaction: two
INSERTs (entries and their scopes), whatever their number.
"""

import contextlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from copy import copy

from auditlog.cid import get_cid
from auditlog.context import auditlog_value, set_actor
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models.signals import pre_save
from django.utils import timezone
from django.utils.encoding import smart_str
from django.utils.translation import gettext as _

from apps.accounts.permissions import memberships_of

from .models import EntryScope
from .tracked import scope_of


def _entry(instance: models.Model, *, action: int, changes: dict) -> tuple[LogEntry, EntryScope]:
    entry = LogEntry(
        content_type=ContentType.objects.get_for_model(instance), object_pk=smart_str(instance.pk),
        object_id=instance.pk, object_repr=smart_str(instance), action=action, changes=changes, cid=get_cid(),
    )
    # bulk_create sends no pre_save; sending it lets django-auditlog's request or set_actor context
    # fill in the actor and address exactly as it does for an entry saved one by one.
    pre_save.send(sender=LogEntry, instance=entry, raw=False, using="default", update_fields=None)
    scope = scope_of(instance)
    return entry, EntryScope(region_id=scope.region_id, application_id=scope.application_id)


def _insert(rows: list[tuple[LogEntry, EntryScope]]) -> int:
    entries = LogEntry.objects.bulk_create([entry for entry, _ in rows], batch_size=1000)
    scopes = [scope for _, scope in rows]
    for entry, scope in zip(entries, scopes, strict=True):
        scope.entry = entry
    EntryScope.objects.bulk_create(scopes, batch_size=1000)
    return len(rows)


def audit_created(*, instances: Iterable[models.Model]) -> int:
    """Record the creation of rows written by ``bulk_create`` or SQL (their primary keys must be set)."""
    return _insert([
        _entry(instance, action=LogEntry.Action.CREATE,
               changes=model_instance_diff(None, instance, use_json_for_changes=True) or {})
        for instance in instances
    ])


def audit_updated(*, instances: Iterable[models.Model],
                  values: Callable[[models.Model], Mapping[str, object]]) -> int:
    """Record that an UPDATE written without ``save()`` gave each of ``instances`` (as read before it) the
    ``values`` for it. Each entry is named after the row as written, as django-auditlog names its own."""
    rows = []
    for old in instances:
        new = copy(old)
        new_values = values(old)
        for name, value in new_values.items():
            setattr(new, name, value)
        changes = model_instance_diff(old, new, fields_to_check=list(new_values), use_json_for_changes=True)
        if changes:
            rows.append(_entry(new, action=LogEntry.Action.UPDATE, changes=changes))
    return _insert(rows)


# Entries (and their scopes) for rows a SQL statement changed, written by the database in one statement.
# ``source`` selects one row per changed object: content_type_id, object_id, object_repr, action,
# changes (jsonb in django-auditlog's format), region_id, application_id.
# Each source row takes its entry id from the entries' sequence first, so the entry and its scope are written
# from the same materialised rows with no join between them (joining the inserted entries back to their source
# once ran as a nested loop over both, tens of thousands squared, when the planner guessed one row).
INSERT_FROM_SELECT = """
WITH source AS MATERIALIZED (
    SELECT nextval(%(entry_sequence)s::regclass) AS entry_id, rows.* FROM ({source}) rows
),
entries AS (
    INSERT INTO {entry_table} (id, content_type_id, object_pk, object_id, object_repr, action, changes_text,
                               changes, timestamp)
    SELECT entry_id, content_type_id, object_id::text, object_id, object_repr, action, '', changes, %(audit_at)s
    FROM source
)
INSERT INTO {scope_table} (entry_id, region_id, application_id)
SELECT entry_id, region_id, application_id FROM source
"""


def audit_from_sql(*, cursor, source: str, params: dict) -> None:
    """Record, as done by the system, the changes a set-based SQL job made (see INSERT_FROM_SELECT).

    For the nightly jobs, whose rows may number in the tens of thousands:
    building model instances to describe them would cost far more than the job.
    """
    entry_table = LogEntry._meta.db_table
    # The sequence looked up once: pg_get_serial_sequence() in the statement ran per row (0.15–0.2 s at 11k rows).
    cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [entry_table])
    sequence = cursor.fetchone()[0]
    sql = INSERT_FROM_SELECT.format(source=source, entry_table=entry_table, scope_table=EntryScope._meta.db_table)
    cursor.execute(sql, params | {"audit_at": timezone.now(), "entry_sequence": sequence})


@contextlib.contextmanager
def audit_acting_as(user) -> Iterator[None]:
    """Record changes made inside the block as made by ``user`` (a task a person started).

    django-auditlog's ``set_actor`` leaves its context in place when it ends;
    putting the outer one back keeps a request that ran the task in-process
    recording its own user afterwards.
    """
    outer = auditlog_value.get(None)
    try:
        with set_actor(user):
            yield
    finally:
        if outer is not None:
            auditlog_value.set(outer)


def audit_purge(*, older_than_days: int, now=None) -> int:
    """Delete the entries (and their scopes) older than ``older_than_days``; the number deleted.

    The database refuses any entry younger than 180 days whatever is asked
    (migration 0003), so a wrong argument fails instead of losing records.
    """
    cutoff = (now or timezone.now()) - timezone.timedelta(days=older_than_days)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL hlr.audit_purge = 'on'")
        old = LogEntry.objects.filter(timestamp__lt=cutoff)
        EntryScope.objects.filter(entry__in=old).delete()
        deleted, _ = old.delete()
    return deleted
def audit_access(*, instance: models.Model, region_id: int | None, details: Mapping[str, object]) -> LogEntry:
    """Record that someone read what is not shown by default (personal data in full, an export).

    An entry of the action "查看" on ``instance``, its ``details`` as the changed values, scoped to
    ``region_id`` for the viewer; django-auditlog's request context fills in who and from where.
    """
    entry = LogEntry(
        content_type=ContentType.objects.get_for_model(instance), object_pk=smart_str(instance.pk),
        object_id=instance.pk, object_repr=smart_str(instance), action=LogEntry.Action.ACCESS,
        changes={str(label): ["", str(value)] for label, value in details.items()}, cid=get_cid(),
    )
    entry.save()
    EntryScope.objects.create(entry=entry, region_id=region_id)
    return entry


def audit_export(*, by, what: str, rows: int | None, region_id: int | None = None) -> LogEntry:
    """Record an export: who (the entry's actor, on their own account), what and how many rows (None: a file).

    Filed under ``region_id``, or else the first region the exporter acts in, so that the city's audit
    viewer lists the exports of its staff.
    """
    if region_id is None:
        region_id = next((m.region_id for m in memberships_of(by) if m.region_id), None)
    details = {_("导出"): what} if rows is None else {_("导出"): what, _("行数"): rows}
    return audit_access(instance=by, region_id=region_id, details=details)
