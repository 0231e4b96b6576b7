"""What every test runs with: real PostgreSQL and Redis, a clean cache, and the shared fixtures.

The shared fixtures live in tests/fixtures/ (a module per process: the cast of users and regions,
standards, applications, reviews, surveys, …), registered here once; their plain helpers (GOOD,
make_application, fill, …) are imported from those modules. No module imports from a conftest.
"""

import os
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import translation

from apps.core.choices import kept_choices_clear

pytest_plugins = [
    "tests.fixtures.cast",
    "tests.fixtures.files",
    "tests.fixtures.standards",
    "tests.fixtures.assessments",
    "tests.fixtures.reviews",
    "tests.fixtures.experts",
    "tests.fixtures.surveys",
    "tests.fixtures.named_units",
    "tests.fixtures.revocations",
    "tests.fixtures.incentives",
    "tests.fixtures.reports",
    # The access matrix's world of objects, built once per module for the walks over every URL.
    "tests.access_world",
    # Real servers started for the tests that need them (object storage).
    "tests.servers",
]


def pytest_configure(config):
    engine = settings.DATABASES["default"]["ENGINE"]
    if "postgresql" not in engine or not settings.REDIS_URL:
        raise pytest.UsageError(
            "Tests run on real PostgreSQL and Redis: set DATABASE_URL=postgres://... and REDIS_URL=redis://... "
            "(`make test` sets both for the local services)."
        )
    _redis_database_of_this_worker()
    from hlr_portal.celery import app

    # Only the worker tests talk to a real worker; everything else runs tasks in-process. Set here, not in
    # settings/test.py: the worker processes those tests start load the test settings and must queue for real.
    app.conf.task_always_eager = True
    app.conf.broker_url = settings.CELERY_BROKER_URL


def _redis_database_of_this_worker() -> None:
    """Under pytest-xdist (``-n 2``) each worker its own Redis database: REDIS_URL's number, then the ones below.

    Every test clears the cache and rate limits, and the worker tests queue real tasks: sharing one
    database, a test on one worker would reset or take what a test on the other relies on. The
    PostgreSQL test database is already one per worker (pytest-django).
    """
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw"):
        return
    url = urlsplit(settings.REDIS_URL)
    database = int(url.path.strip("/") or 0) - int(worker[2:])
    if database < 0:
        raise pytest.UsageError(f"REDIS_URL's database number leaves no database for xdist worker {worker}")
    settings.REDIS_URL = urlunsplit(url._replace(path=f"/{database}"))
    settings.CACHES["default"]["LOCATION"] = settings.REDIS_URL
    settings.CELERY_BROKER_URL = settings.REDIS_URL
    os.environ["REDIS_URL"] = settings.REDIS_URL  # for the processes the tests start


@pytest.fixture(autouse=True)
def _clean_state():
    cache.clear()
    kept_choices_clear()
    translation.activate(settings.LANGUAGE_CODE)
    yield
