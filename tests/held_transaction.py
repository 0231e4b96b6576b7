"""Data built once for a whole test module, inside a transaction the module holds open.

Each test's own transaction nests in it (a savepoint, rolled back after the test), and the module's
transaction is rolled back after the module's last test: the tests read what was built once, and whatever
a test writes is gone before the next. For data that costs seconds to build and that a module's tests only
read (the access world, the seeded demo).
"""

from contextlib import contextmanager

from django.db import transaction


@contextmanager
def held_transaction(django_db_blocker):
    """``with held_transaction(django_db_blocker): build(); yield`` in a module-scoped fixture."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
