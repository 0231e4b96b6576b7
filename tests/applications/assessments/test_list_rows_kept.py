"""The application list (创建申报) keeps each row's markup per application and language (assessments/list_rows.py)
and reads from the database only the rows it has not kept; each change to what a row shows drops it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.accounts.models import Party, User
from apps.applications.assessments.models import Application
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import Status
from apps.core.region_cache import units_changed
from apps.registry.units.models import Unit
from tests.list_rows import World

pytestmark = pytest.mark.django_db


def _list(client, user: User, **params) -> str:
    client.force_login(user)
    page = client.get(reverse("assessments:list"), params).content.decode()
    return page[page.index("<tbody>"):page.index("</tbody>")]


def _row_reads(client, user: User) -> tuple[str, int]:
    """The table's rows and how many of the page's queries read rows with their units (the rows not kept)."""
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("assessments:list")).content.decode()
    return page[page.index("<tbody>"):page.index("</tbody>")], sum(
        q["sql"].startswith('SELECT "applications_application"."id"') and '"registry_unit"."name"' in q["sql"]
        for q in queries.captured_queries)


def test_a_kept_row_is_not_read_again_and_shows_the_same(client, cast, regions):
    names = [a.unit.name for a in World(cast, regions).applications(0, 4, Status.SUBMITTED)]
    first, read = _row_reads(client, cast.county_admin_x)
    assert read == 1 and all(name in first for name in names)
    again, read = _row_reads(client, cast.county_admin_x)
    assert read == 0 and again == first
    # Another viewer allowed to see the rows gets the same rows from the cache.
    reviewer, read = _row_reads(client, cast.reviewers_x[Party.HRSS])
    assert read == 0 and reviewer == first


def test_another_countys_staff_never_see_the_kept_rows(client, cast, regions):
    names = [a.unit.name for a in World(cast, regions).applications(0, 3, Status.SUBMITTED)]
    assert all(name in _list(client, cast.county_admin_x) for name in names)  # kept now
    for other in (cast.county_admin_y, cast.reviewer_y):
        for params in ({}, {"page": "2"}, {"on_behalf": "1"}):
            body = _list(client, other, **params)
            assert not any(name in body for name in names) and "暂无" in body


def test_each_language_keeps_its_own_rows(client, cast, regions):
    World(cast, regions).applications(0, 2, Status.SUBMITTED)
    assert "<td>已提交</td>" in _list(client, cast.county_admin_x)
    client.cookies["django_language"] = "en"
    english = _list(client, cast.county_admin_x)
    assert "<td>已提交</td>" not in english and "<td>Submitted</td>" in english


def test_a_status_change_shows_on_the_next_request(client, cast, regions):
    application = World(cast, regions).applications(0, 1, Status.SUBMITTED)[0]
    assert "<td>已提交</td><td>1</td>" in _list(client, cast.county_admin_x)
    application_transition(application=application, to=Status.COUNTY_REVIEW, by=cast.county_admin_x)
    body = _list(client, cast.county_admin_x)
    assert "<td>已提交</td>" not in body and f"<td>{Status.COUNTY_REVIEW.label}</td>" in body


def test_a_unit_renamed_shows_on_the_next_request(client, cast, regions):
    application = World(cast, regions).applications(0, 1, Status.SUBMITTED)[0]
    assert application.unit.name in _list(client, cast.county_admin_x)
    Unit.objects.filter(pk=application.unit_id).update(name="改名后的单位")
    units_changed()  # as enterprise_update does on a rename
    body = _list(client, cast.county_admin_x)
    assert "改名后的单位" in body and application.unit.name not in body


def test_the_on_behalf_mark_is_shown_and_kept_with_its_row(client, cast, regions):
    application = World(cast, regions).applications(0, 1, Status.SUBMITTED)[0]
    # As application_create on a unit's behalf.
    Application.objects.filter(pk=application.pk).update(on_behalf=True, filed_by=cast.township_staff_x)
    for params in ({}, {"on_behalf": "1"}):
        body = _list(client, cast.county_admin_x, **params)
        assert f'{Status.SUBMITTED.label} <span class="badge text-bg-secondary">帮办代办</span>' in body
