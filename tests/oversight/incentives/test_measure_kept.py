"""A measure's page keeps its list of grants per jurisdiction, measure and year; each change to it drops it."""

import datetime

import pytest
from django.urls import reverse

from apps.applications.workflow.service import title_revoke
from apps.oversight.incentives.models import GrantEndReason, IncentiveMeasure
from apps.oversight.incentives.services import incentive_grant_create, incentive_grants_end_for
from tests.factories import EnterpriseFactory, named

pytestmark = pytest.mark.django_db
YEAR = 2025


@pytest.fixture(autouse=True)
def catalogue(linfen_catalogue):
    return linfen_catalogue


@pytest.fixture
def fewer() -> IncentiveMeasure:
    return IncentiveMeasure.objects.get(code="fewer-inspections")


def _title(unit, regions, cast, *, issued_on=datetime.date(2024, 12, 1), years=3):
    EnterpriseFactory(unit=unit, credit_grade="A")
    return named(unit, city=regions.city, by=cast.city_admin, issued_on=issued_on, years=years)


def _grant(measure, title, cast, *, on=datetime.date(YEAR, 1, 1)):
    return incentive_grant_create(measure=measure, recognition=title, granted_on=on, by=cast.city_admin)


def _listed(client, measure) -> list[int]:
    return [grant.pk for grant in
            client.get(reverse("incentives:measure", args=[measure.pk]) + f"?year={YEAR}").context["page"]]


def test_a_grant_made_after_the_page_was_shown_is_listed_at_once(client, cast, regions, fewer):
    title = _title(cast.unit_a, regions, cast)
    client.force_login(cast.county_admin_x)
    assert _listed(client, fewer) == []
    grant = _grant(fewer, title, cast)
    assert _listed(client, fewer) == [grant.pk]


def test_a_grant_ended_before_the_year_leaves_the_page_at_once(client, cast, regions, fewer):
    title = _title(cast.unit_a, regions, cast)
    grant = _grant(fewer, title, cast, on=datetime.date(YEAR - 1, 12, 2))
    client.force_login(cast.county_admin_x)
    assert _listed(client, fewer) == [grant.pk]
    incentive_grants_end_for(recognition=title, reason=GrantEndReason.REVOKED, on=datetime.date(YEAR - 1, 12, 31))
    assert _listed(client, fewer) == []


def test_a_title_revoked_before_the_year_takes_its_grant_off_the_page_at_once(client, cast, regions, fewer):
    """The title's revocation decides whether its grant applied in the year; the grant itself is not touched."""
    title = _title(cast.unit_a, regions, cast)
    grant = _grant(fewer, title, cast, on=datetime.date(YEAR - 1, 12, 2))
    client.force_login(cast.county_admin_x)
    assert _listed(client, fewer) == [grant.pk]
    title_revoke(recognition=title, by=cast.city_admin, reason="发生重大劳动关系事件",
                 on=datetime.date(YEAR - 1, 12, 20))
    assert _listed(client, fewer) == []
    grant.refresh_from_db()
    assert grant.ended_on is None


def test_another_countys_admin_sees_none_of_the_kept_grants(client, cast, regions, fewer):
    grant_a = _grant(fewer, _title(cast.unit_a, regions, cast), cast)
    grant_b = _grant(fewer, _title(cast.unit_b, regions, cast), cast)
    client.force_login(cast.county_admin_x)
    assert _listed(client, fewer) == [grant_a.pk]
    client.force_login(cast.county_admin_y)
    assert _listed(client, fewer) == [grant_b.pk]
    client.force_login(cast.city_admin)
    assert sorted(_listed(client, fewer)) == sorted([grant_a.pk, grant_b.pk])
    client.force_login(cast.county_admin_x)
    assert _listed(client, fewer) == [grant_a.pk]
