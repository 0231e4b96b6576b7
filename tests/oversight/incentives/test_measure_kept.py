"""A measure's page keeps its list of grants per jurisdiction, measure and year, and each row's markup per grant
(incentives/rows.py); each change to either drops it."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.applications.workflow.service import title_revoke
from apps.oversight.incentives.models import GrantEndReason, IncentiveMeasure
from apps.oversight.incentives.services import incentive_grant_create, incentive_grants_end_for
from apps.registry.enterprises.services import EnterpriseData, enterprise_update
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


def _page(client, measure) -> str:
    return client.get(reverse("incentives:measure", args=[measure.pk]) + f"?year={YEAR}").content.decode()


def _rows(client, measure) -> list[str]:
    return re.findall(r"<tr><td>.*?</tr>", _page(client, measure), re.S)


def _listed(client, measure) -> list[str]:
    """The grants listed, by the certificate number each row shows (its third cell)."""
    return [re.findall(r"<td>(.*?)</td>", row)[2] for row in _rows(client, measure)]


def _number(grant) -> str:
    return grant.recognition.number


def test_a_grant_made_after_the_page_was_shown_is_listed_at_once(client, cast, regions, fewer):
    title = _title(cast.unit_a, regions, cast)
    client.force_login(cast.county_admin_x)
    assert _listed(client, fewer) == []
    grant = _grant(fewer, title, cast)
    assert _listed(client, fewer) == [_number(grant)]


def test_a_grant_ended_before_the_year_leaves_the_page_at_once(client, cast, regions, fewer):
    title = _title(cast.unit_a, regions, cast)
    grant = _grant(fewer, title, cast, on=datetime.date(YEAR - 1, 12, 2))
    client.force_login(cast.county_admin_x)
    assert _listed(client, fewer) == [_number(grant)]
    incentive_grants_end_for(recognition=title, reason=GrantEndReason.REVOKED, on=datetime.date(YEAR - 1, 12, 31))
    assert _listed(client, fewer) == []


def test_a_title_revoked_before_the_year_takes_its_grant_off_the_page_at_once(client, cast, regions, fewer):
    """The title's revocation decides whether its grant applied in the year; the grant itself is not touched."""
    title = _title(cast.unit_a, regions, cast)
    grant = _grant(fewer, title, cast, on=datetime.date(YEAR - 1, 12, 2))
    client.force_login(cast.county_admin_x)
    assert _listed(client, fewer) == [_number(grant)]
    title_revoke(recognition=title, by=cast.city_admin, reason="发生重大劳动关系事件",
                 on=datetime.date(YEAR - 1, 12, 20))
    assert _listed(client, fewer) == []
    grant.refresh_from_db()
    assert grant.ended_on is None


def test_another_countys_admin_sees_none_of_the_kept_grants(client, cast, regions, fewer):
    grant_a = _grant(fewer, _title(cast.unit_a, regions, cast), cast)
    grant_b = _grant(fewer, _title(cast.unit_b, regions, cast), cast)
    client.force_login(cast.county_admin_x)
    assert _listed(client, fewer) == [_number(grant_a)]
    client.force_login(cast.county_admin_y)
    assert _listed(client, fewer) == [_number(grant_b)]
    client.force_login(cast.city_admin)
    assert sorted(_listed(client, fewer)) == sorted([_number(grant_a), _number(grant_b)])
    client.force_login(cast.county_admin_x)
    assert _listed(client, fewer) == [_number(grant_a)]


def test_each_row_is_written_once_and_shows_an_end_and_a_rename_at_once(client, cast, regions, fewer):
    enterprise_title = _title(cast.unit_a, regions, cast)
    _grant(fewer, enterprise_title, cast)
    client.force_login(cast.county_admin_x)
    first = _rows(client, fewer)
    assert len(first) == 1 and f"<td>{YEAR}-01-01</td>" in first[0] and "<td>—</td>" in first[0]
    with CaptureQueriesContext(connection) as read:
        assert _rows(client, fewer) == first
    assert not [query for query in read if '"oversight_incentivegrant"' in query["sql"]]  # ids and rows both kept

    incentive_grants_end_for(recognition=enterprise_title, reason=GrantEndReason.REVOKED, on=datetime.date(YEAR, 6, 1))
    assert f"<td>{YEAR}-06-01（称号被取消）</td>" in _rows(client, fewer)[0]

    enterprise = cast.unit_a.enterprise
    enterprise_update(enterprise=enterprise, by=cast.county_admin_x, data=EnterpriseData(
        name="甲公司（更名）", uscc=enterprise.uscc, region=regions.county_x, township=regions.township_x, profile={}))
    assert "<td>甲公司（更名）</td>" in _rows(client, fewer)[0]


def test_the_rows_are_in_the_readers_language(client, cast, regions, fewer):
    title = _title(cast.unit_a, regions, cast)
    _grant(fewer, title, cast, on=datetime.date(YEAR - 1, 12, 2))
    incentive_grants_end_for(recognition=title, reason=GrantEndReason.REVOKED, on=datetime.date(YEAR, 3, 1))
    client.force_login(cast.county_admin_x)
    assert "（称号被取消）" in _rows(client, fewer)[0]
    client.cookies["django_language"] = "en"
    assert "（称号被取消）" not in _rows(client, fewer)[0]
