"""Sessions are read from the cache, and a cached session past its expiry date is refused as its row is."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.accounts.sessions import SessionStore

pytestmark = pytest.mark.django_db


def test_a_saved_session_is_read_without_a_query():
    session = SessionStore()
    session["seen"] = 1
    session.save()
    with CaptureQueriesContext(connection) as captured:
        assert SessionStore(session.session_key).load() == {"seen": 1}
    assert not captured.captured_queries


def test_a_cached_session_past_its_expiry_is_not_used():
    session = SessionStore()
    session["seen"] = 1
    session.save()
    # The cache's own timeout has not lapsed (it keeps real time); the session's expiry date has.
    with time_machine.travel(timezone.now() + datetime.timedelta(days=2), tick=False):
        assert SessionStore(session.session_key).load() == {}
