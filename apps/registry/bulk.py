"""Bulk insert through PostgreSQL COPY, for imports of thousands of rows.

``bulk_create`` builds one INSERT with a placeholder per value and a model
instance per row; for 10,000 enterprises most of the write went into
building instances and converting those statements (too long for
psycopg's statement cache). Here rows are plain dicts of field attnames
and COPY streams them. Fields a row leaves out get what ``save()`` would
write: the field default, or the current time for auto timestamps. Values
of types psycopg cannot take as they are (JSON, …) are prepared by their
Django field. Database errors surface as Django's (``IntegrityError`` on a
duplicate) inside the caller's transaction.

COPY and sequences are PostgreSQL's. The embedded default of ``make demo``
(SQLite) takes the portable path: ids after the table's highest, and
``bulk_create`` of the same rows — slower, but the same result.
"""

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, models, router
from django.db.models import Max

# Field types whose Python values psycopg writes correctly without Django's preparation.
PLAIN_TYPES = {
    "AutoField", "BigAutoField", "BigIntegerField", "BooleanField", "CharField", "DateField", "DateTimeField",
    "DecimalField", "ForeignKey", "IntegerField", "OneToOneField", "PositiveBigIntegerField",
    "PositiveIntegerField", "PositiveSmallIntegerField", "SlugField", "SmallAutoField", "SmallIntegerField",
    "TextField",
}
_MISSING = object()


def ids_reserve(model: type[models.Model], count: int) -> list[int]:
    """``count`` new primary keys from the table's identity sequence, so rows can be linked before they are copied."""
    if not count:
        return []
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        # SQLite has one writer at a time, and AUTOINCREMENT continues after explicit ids.
        highest = model._default_manager.aggregate(highest=Max("pk"))["highest"] or 0
        return list(range(highest + 1, highest + count + 1))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, model._meta.pk.column, count],
        )
        return [row[0] for row in cursor.fetchall()]


def _plan(model: type[models.Model], connection) -> list[tuple[str, Any, Callable | None]]:
    """Per column: the attname to read, the value when a row leaves it out, and how to prepare a given value."""
    blank = model()
    plan = []
    for field in model._meta.concrete_fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            missing = field.get_db_prep_save(field.pre_save(blank, add=True), connection)
        elif field.primary_key:
            missing = _MISSING  # the caller reserves primary keys
        else:
            missing = field.get_db_prep_save(field.get_default(), connection)
        prepare = None
        if field.get_internal_type() not in PLAIN_TYPES:
            def prepare(value, field=field):
                return field.get_db_prep_save(value, connection)
        plan.append((field.attname, missing, prepare))
    return plan


def copy_insert(model: type[models.Model], rows: Sequence[dict[str, Any]]) -> None:
    """Write ``rows`` ({attname: value}, primary key included) into ``model``'s table with one COPY."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create([model(**row) for row in rows], batch_size=500)
        return
    plan = _plan(model, connection)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in model._meta.concrete_fields)
    sql = f"COPY {connection.ops.quote_name(model._meta.db_table)} ({columns}) FROM STDIN"
    with connection.cursor() as cursor, connection.wrap_database_errors:
        with cursor.cursor.copy(sql) as copy:
            for row in rows:
                values = []
                for attname, missing, prepare in plan:
                    value = row.get(attname, missing)
                    if value is _MISSING:
                        raise ValueError(f"{model.__name__}: row without {attname}")
                    if prepare is not None and value is not missing:
                        value = prepare(value)
                    values.append(value)
                copy.write_row(values)
