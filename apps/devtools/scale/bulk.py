"""COPY helpers: reserve a block of primary keys, then stream rows into a table."""

import bisect
import itertools
import random
from collections.abc import Iterable, Sequence

from django.db import connection
from django.db.models import Model


def rng_for(seed: int, part: str) -> random.Random:
    """A generator of its own per part, so each part's output depends only on the seed."""
    return random.Random(f"{seed}:{part}")


def picker(rng: random.Random, pairs):
    """A function drawing one value from (value, weight) pairs."""
    values, weights = zip(*pairs, strict=True)
    cumulative = list(itertools.accumulate(weights))
    return lambda: values[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


def reserve_ids(model: type[Model], count: int) -> int:
    """Take ``count`` consecutive ids from the table's identity sequence and return the first.

    The seeder writes ids itself so that related rows can point at them
    without reading anything back; it runs alone, so nothing else draws
    from the sequence between the two statements.
    """
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [table])
        sequence = cursor.fetchone()[0]
        cursor.execute("SELECT nextval(%s)", [sequence])
        first = cursor.fetchone()[0]
        if count > 1:
            cursor.execute("SELECT setval(%s, %s)", [sequence, first + count - 1])
    return first


def copy_rows(model: type[Model], columns: Sequence[str], rows: Iterable[Sequence]) -> int:
    """COPY ``rows`` into the model's table; ``columns`` are attnames checked against the model."""
    known = {field.column for field in model._meta.concrete_fields}
    unknown = [column for column in columns if column not in known]
    if unknown:
        raise ValueError(f"{model.__name__} has no column(s) {unknown}")
    count = 0
    statement = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count
