"""The list of missing yearly reports is kept per jurisdiction and year; each change to it drops it."""

from datetime import date

import pytest
from django.urls import reverse

from apps.applications.named_units.services import yearly_report_review, yearly_report_save
from apps.applications.recognitions.services import recognition_renew
from apps.applications.workflow.service import title_revoke
from tests.factories import UnitFactory
from tests.fixtures.named_units import THIS_YEAR, name

pytestmark = pytest.mark.django_db

TEXTS = {"practices": "坚持厂务公开。", "conditions": "按时足额发放工资。", "plans": "开展工资集体协商。"}
URL = reverse("named_units:missing") + f"?year={THIS_YEAR}"


def _listed(client) -> list[int]:
    return [title.pk for title in client.get(URL).context["page"]]


def test_a_filed_report_leaves_the_county_and_city_lists_and_a_returned_one_comes_back(client, cast, titles):
    client.force_login(cast.city_admin)
    assert titles[0].pk in _listed(client)
    client.force_login(cast.county_admin_x)
    assert _listed(client) == [titles[0].pk]
    report = yearly_report_save(recognition=titles[0], by=cast.rep_a, texts=TEXTS, submit=True)
    assert _listed(client) == []
    client.force_login(cast.city_admin)
    assert _listed(client) == [titles[1].pk]
    yearly_report_review(report=report, by=cast.county_admin_x, accept=False, comment="请补充协商情况")
    client.force_login(cast.county_admin_x)
    assert _listed(client) == [titles[0].pk]
    client.force_login(cast.city_admin)
    assert titles[0].pk in _listed(client)


def test_a_draft_does_not_leave_the_list(client, cast, titles):
    client.force_login(cast.county_admin_x)
    assert _listed(client) == [titles[0].pk]
    yearly_report_save(recognition=titles[0], by=cast.rep_a, texts=TEXTS, submit=False)
    assert _listed(client) == [titles[0].pk]


def test_a_title_revoked_or_conferred_after_the_list_was_shown_changes_it(client, cast, titles, regions):
    client.force_login(cast.county_admin_x)
    assert _listed(client) == [titles[0].pk]
    title_revoke(recognition=titles[0], by=cast.city_admin, reason="发生重大劳动关系事件", on=date.today())
    assert _listed(client) == []
    later = name(UnitFactory(region=regions.county_x), regions.city, cast.city_admin)
    assert _listed(client) == [later.pk]


def test_a_title_renewed_past_its_end_comes_into_the_list(client, cast, regions):
    """A title ending before this year's due date owes no report; renewed, it does, at once."""
    title = name(cast.unit_a, regions.city, cast.city_admin, year=THIS_YEAR - 2, validity_years=1)
    client.force_login(cast.county_admin_x)
    assert _listed(client) == []
    recognition_renew(recognition=title, year=THIS_YEAR, on=date.today())
    assert _listed(client) == [title.pk]


def test_another_countys_admin_sees_none_of_the_kept_rows(client, cast, titles):
    client.force_login(cast.county_admin_x)
    assert _listed(client) == [titles[0].pk]
    client.force_login(cast.county_admin_y)
    assert _listed(client) == [titles[1].pk]
    client.force_login(cast.city_admin_other)
    assert _listed(client) == []
    client.force_login(cast.county_admin_x)
    assert _listed(client) == [titles[0].pk]
