"""The review queue keeps each row's markup per application and language (reviews/lists.py) and reads from the
database only the rows it has not kept; each service that changes what a row shows drops it (the city confirmation
list's: test_city_list_kept.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import Party, User
from apps.applications.reviews import services
from apps.applications.reviews.models import CombinationRule, PanelMember
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import Status
from apps.core.region_cache import units_changed
from apps.registry.units.models import Unit
from tests import list_rows as rows
from tests.list_rows import World

pytestmark = pytest.mark.django_db


def _queue(client, user: User, **params) -> str:
    client.force_login(user)
    return client.get(reverse("reviews:queue"), params).content.decode()


def _row_reads(client, user: User) -> tuple[str, int]:
    """The page and how many of its queries read rows with their panel progress (the rows not kept)."""
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(reverse("reviews:queue")).content.decode()
    return body, sum('"seats"' in q["sql"] for q in queries.captured_queries)


def _body(page: str) -> str:
    """The table's rows."""
    return page[page.index("<tbody>"):page.index("</tbody>")]


def test_a_kept_row_is_not_read_again_and_shows_the_same(client, cast, regions):
    names = rows.queued_applications(World(cast, regions), 0, 4)
    first, read = _row_reads(client, cast.county_admin_x)
    assert read == 1 and all(name in first for name in names)
    again, read = _row_reads(client, cast.county_admin_x)
    assert read == 0 and _body(again) == _body(first)
    # Another viewer allowed to see the rows gets the same rows from the cache.
    reviewer, read = _row_reads(client, cast.reviewers_x[Party.HRSS])
    assert read == 0 and all(name in reviewer for name in names)


def test_another_countys_staff_never_see_the_kept_rows(client, cast, regions):
    names = rows.queued_applications(World(cast, regions), 0, 3)
    assert all(name in _queue(client, cast.county_admin_x) for name in names)  # kept now
    for other in (cast.county_admin_y, cast.reviewer_y):
        for params in ({}, {"page": "2"}, {"status": Status.SUBMITTED}):
            body = _queue(client, other, **params)
            assert not any(name in body for name in names) and "暂无待评估的申报" in body


def test_each_language_keeps_its_own_rows(client, cast, regions):
    rows.queued_applications(World(cast, regions), 0, 2)
    assert "<td>已提交</td>" in _queue(client, cast.county_admin_x)
    client.cookies["django_language"] = "en"
    english = _queue(client, cast.county_admin_x)
    assert "<td>已提交</td>" not in english and "<td>Submitted</td>" in english


def test_a_status_change_shows_on_the_next_request(client, cast, regions):
    application = World(cast, regions).applications(0, 1, Status.SUBMITTED)[0]
    assert "<td>已提交</td>" in _queue(client, cast.county_admin_x)
    application_transition(application=application, to=Status.COUNTY_REVIEW, by=cast.county_admin_x)
    body = _queue(client, cast.county_admin_x)
    assert "<td>已提交</td>" not in body and f"<td>{Status.COUNTY_REVIEW.label}</td>" in body


def test_a_panel_formed_shows_on_the_next_request(client, cast, regions):
    application = World(cast, regions).applications(0, 1, Status.COUNTY_REVIEW)[0]  # after a township pre-check
    assert "未组建评估组" in _queue(client, cast.county_admin_x)
    services.panel_form(application=application, reviewers=list(cast.reviewers_x.values()),
                        rule=CombinationRule.MEAN, by=cast.county_admin_x)
    body = _queue(client, cast.county_admin_x)
    assert "未组建评估组" not in body and f"<td>0 / {len(cast.reviewers_x)}</td>" in body


def test_a_sheet_taken_back_shows_on_the_next_request(client, cast, regions):
    world = World(cast, regions)
    application = world.applications(0, 1, Status.COUNTY_REVIEW)[0]
    world.panels([application])  # the union's sheet is in
    assert "<td>1 / 2</td>" in _queue(client, cast.county_admin_x)
    member = PanelMember.objects.select_related("panel__application").get(panel__application=application,
                                                                          party=Party.UNION)
    services.sheet_save(member=member, values={}, submit=False, by=member.user)
    body = _queue(client, cast.county_admin_x)
    assert "<td>1 / 2</td>" not in body and "<td>0 / 2</td>" in body


def test_a_unit_renamed_shows_on_the_next_request(client, cast, regions):
    application = World(cast, regions).applications(0, 1, Status.SUBMITTED)[0]
    assert application.unit.name in _queue(client, cast.county_admin_x)
    Unit.objects.filter(pk=application.unit_id).update(name="改名后的单位")
    units_changed()  # as enterprise_update does on a rename
    body = _queue(client, cast.county_admin_x)
    assert "改名后的单位" in body and application.unit.name not in body


def test_the_rows_past_the_end_are_the_last_pages_kept_rows(client, cast, regions):
    names = rows.queued_applications(World(cast, regions), 0, 3)
    last = _queue(client, cast.county_admin_x, page="9")
    assert all(name in last for name in names) and _body(last) == _body(_queue(client, cast.county_admin_x))
