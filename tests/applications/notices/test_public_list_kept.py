"""The public notice list is kept per page, language and date (apps/core/public_cache.py): a notice published
shows on it at once, and a kept page costs no query."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.applications.notices.services import notice_publish
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import Status
from tests.fixtures.reviews import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirmed(application, cast, standard):
    approved(application, cast, standard)
    return application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.city_admin)


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_a_published_notice_shows_on_the_public_list_at_once(client, cast, regions, confirmed, language):
    client.cookies["django_language"] = language
    url = reverse("notices:public_list")
    assert 'href="/notices/' not in client.get(url).content.decode().split("<h1", 1)[1]
    notice = notice_publish(city=regions.city, applications=[confirmed], starts_on=date.today(), working_days=10,
                            by=cast.city_admin)
    page = client.get(url).content.decode()
    assert f'<a href="/notices/{notice.pk}/">{notice.title}</a>' in page
    assert ("公示中" if language == "zh-hans" else "In public notice") in page


def test_the_public_list_a_second_time_reads_nothing(client, cast, regions, confirmed):
    notice_publish(city=regions.city, applications=[confirmed], starts_on=date.today(), working_days=10,
                   by=cast.city_admin)
    url = reverse("notices:public_list")
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    assert captured.captured_queries == []
