"""How answers arrived: counters per hour and per network, for survey staff of the unit's jurisdiction only."""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from apps.surveys.models import SurveyArrivalHour, SurveyArrivalNetwork
from tests.fixtures.surveys import answer

from .test_respond import full_sheet, phone, url

pytestmark = pytest.mark.django_db


def arrivals(survey) -> str:
    return reverse("surveys:arrivals", args=[survey.pk])


def answer_from(survey, address: str) -> None:
    device = Client(REMOTE_ADDR=address)
    device.get(url(survey))
    assert device.post(url(survey), full_sheet(4)).status_code == 302


def test_answers_are_counted_per_hour_and_per_network_without_storing_addresses(client, cast, survey_a):
    for address in ("10.20.30.1", "10.20.30.2", "10.20.30.250", "192.168.7.9"):
        answer_from(survey_a, address)
    assert list(SurveyArrivalHour.objects.values_list("count", flat=True)) == [4]
    assert sorted(SurveyArrivalNetwork.objects.values_list("count", flat=True)) == [1, 3]
    with connection.cursor() as cursor:
        for model in (SurveyArrivalHour, SurveyArrivalNetwork):
            cursor.execute(f"SELECT * FROM {model._meta.db_table}")  # noqa: S608
            assert not any("10.20.30" in str(cell) or "192.168" in str(cell) for row in cursor for cell in row)

    client.force_login(cast.county_admin_x)
    page = client.get(arrivals(survey_a)).content.decode()
    assert "答卷到达情况" in page
    assert "共 2 个网段；答卷最多的网段占 75.0%。" in page
    assert "最多的一小时" in page and "4 份" in page


def test_a_stuffed_survey_shows_one_network_and_one_hour(client, cast, survey_a):
    for _ in range(12):
        phone(survey_a).post(url(survey_a), full_sheet(5))
    client.force_login(cast.township_staff_x)
    page = client.get(arrivals(survey_a)).content.decode()
    assert "共 1 个网段；答卷最多的网段占 100.0%。" in page


@pytest.mark.parametrize("who", ["county_admin_y", "reviewer_y", "city_admin_other"])
def test_staff_of_another_jurisdiction_get_404(client, cast, survey_a, who):
    answer(survey_a, 4)
    client.force_login(getattr(cast, who))
    assert client.get(arrivals(survey_a)).status_code == 404


def test_county_staff_see_their_own_county_only(client, cast, survey_a, survey_b):
    client.force_login(cast.county_admin_x)
    assert client.get(arrivals(survey_a)).status_code == 200
    assert client.get(arrivals(survey_b)).status_code == 404
    detail = client.get(reverse("surveys:detail", args=[survey_a.pk])).content.decode()
    assert f'href="{arrivals(survey_a)}"' in detail


def test_the_unit_rep_and_anonymous_users_cannot_see_arrivals(client, cast, survey_a):
    assert client.get(arrivals(survey_a))["Location"].startswith("/accounts/login/")
    client.force_login(cast.rep_a)
    assert client.get(arrivals(survey_a)).status_code == 403
    assert f'href="{arrivals(survey_a)}"' not in client.get(
        reverse("surveys:detail", args=[survey_a.pk])
    ).content.decode()
