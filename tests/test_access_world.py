"""The walks' request helper: every request leaves the database as it found it, and a request that only reads
pays no savepoint of its own."""

import pytest
from django.db import connection, transaction
from django.http import HttpResponse
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import clear_url_caches, path

from apps.regions.models import Region

pytestmark = pytest.mark.django_db


def _write(request):
    Region.objects.create(code="999999", name="写入测试", level="county")
    return HttpResponse("wrote")


def _break(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 / 0")
    return HttpResponse()


def _queue(request):
    transaction.on_commit(lambda: None)
    return HttpResponse("queued")


def _read(request):
    return HttpResponse(str(Region.objects.count()))


class Urls:
    urlpatterns = [path("write/", _write), path("break/", _break), path("queue/", _queue), path("read/", _read)]


@pytest.fixture
def tiny_site(settings):
    settings.ROOT_URLCONF = Urls
    clear_url_caches()
    yield Client(raise_request_exception=False)
    clear_url_caches()


def test_each_request_leaves_the_database_as_it_found_it(tiny_site, rolled_back):
    before = Region.objects.count()
    assert rolled_back(tiny_site, "get", "/write/").content == b"wrote"
    assert Region.objects.count() == before
    assert rolled_back(tiny_site, "get", "/break/").status_code == 500
    assert rolled_back(tiny_site, "get", "/read/").content == str(before).encode()  # not an aborted transaction
    queued = len(connection.run_on_commit)
    rolled_back(tiny_site, "get", "/queue/")
    assert len(connection.run_on_commit) == queued


def test_a_request_that_only_reads_takes_no_savepoint(tiny_site, rolled_back):
    rolled_back(tiny_site, "get", "/read/")  # the first request takes the one savepoint
    with CaptureQueriesContext(connection) as queries:
        rolled_back(tiny_site, "get", "/read/")
        rolled_back(tiny_site, "get", "/write/")
    statements = [query["sql"].split()[0] for query in queries.captured_queries]
    # Each view's own savepoint (ATOMIC_REQUESTS) around its statements; the walk's rollback after the write alone.
    assert statements == ["SAVEPOINT", "SELECT", "RELEASE", "SAVEPOINT", "INSERT", "RELEASE", "ROLLBACK"]
