import shutil

import pytest

from hlr_portal.celery import app
from tests.broker import broker_switched

from .workers import PrivateRedis


@pytest.fixture(autouse=True)
def _private_media(private_media):
    return private_media


@pytest.fixture
def private_redis(settings):
    if shutil.which("redis-server") is None:
        pytest.fail("redis-server not found: install Debian's redis-server package (.ci/run does).")
    server = PrivateRedis()
    server.start()
    with broker_switched(settings, server.url):
        yield server
    server.stop()


@pytest.fixture
def queued_through_redis():
    app.control.purge()
    app.conf.task_always_eager = False
    yield
    app.conf.task_always_eager = True
