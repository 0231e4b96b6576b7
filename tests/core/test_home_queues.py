"""The county workbench's three application lists, read in one query (apps/home/sections/reviews.py county_queues):
each list holds what it held when read apart, its first 8 rows oldest first and its total, and only the county's."""

import pytest

from apps.accounts.permissions import memberships_of
from apps.applications.assessments.models import Application
from apps.applications.reviews.models import ReviewPanel
from apps.applications.workflow.states import Status
from apps.home.sections.reviews import SHOWN, county_queues

from ..factories import UnitFactory, precheck_on
from ..list_rows import World, marker

pytestmark = pytest.mark.django_db


def _shown(items) -> list[str]:
    return [item.label for item in items]


def test_each_list_keeps_its_rows_its_first_eight_and_its_total(cast, regions):
    world = World(cast, regions)
    world.applications(0, 3, Status.SUBMITTED)  # a panel to form
    world.applications(100, 10, Status.CITY_RETURNED)  # sent back, no panel: a panel to form and a new round
    world.panels(world.applications(200, 2, Status.COUNTY_REVIEW), all_in=True)  # every sheet in: to decide
    world.panels(world.applications(300, 2, Status.COUNTY_REVIEW))  # a sheet missing: in no list
    Application.objects.filter(unit__name=marker(2)).update(status=Status.DRAFT)  # in no list either
    unit_y = UnitFactory(name=marker(400), region=regions.county_y)
    Application.objects.create(unit=unit_y, campaign_year=world.campaign, standard=world.standard,
                               status=Status.SUBMITTED)

    panel, new_round, decision = county_queues(memberships_of(cast.county_admin_x)[0])

    assert _shown(panel)[:SHOWN] == [marker(i) for i in (0, 1, 100, 101, 102, 103, 104, 105)]
    assert _shown(panel)[SHOWN] == "查看全部（共 12 条）"
    assert _shown(new_round)[:SHOWN] == [marker(i) for i in range(100, 108)]
    assert _shown(new_round)[SHOWN] == "查看全部（共 10 条）"
    assert _shown(decision) == [marker(200), marker(201)]
    # The other county's application is that county's only (both sides).
    panel_y, round_y, decision_y = county_queues(memberships_of(cast.county_admin_y)[0])
    assert _shown(panel_y) == [marker(400)] and round_y == [] and decision_y == []


def test_lists_with_nothing_waiting_are_empty(cast, regions):
    assert county_queues(memberships_of(cast.county_admin_x)[0]) == ([], [], [])


def test_a_first_submission_waiting_for_the_township_precheck_waits_for_no_panel(cast, regions):
    """Where the policy in force uses the township pre-check, a unit's first submission goes to its township
    before the county forms a panel; a unit without a township, a resubmission, and the other county (no such
    policy) wait for a panel at once."""
    world = World(cast, regions)
    world.applications(0, 1, Status.SUBMITTED)
    no_township = world.applications(1, 1, Status.SUBMITTED)
    # A queryset update writes what save would fill: the application's copies of its unit's places (units.copied).
    unit = UnitFactory(name=marker(1), region=regions.county_x, township=None)
    Application.objects.filter(pk=no_township[0].pk).update(unit=unit, region=unit.region, township=None,
                                                            unit_name=unit.name)
    resubmitted = world.applications(2, 1, Status.SUBMITTED)
    Application.objects.filter(pk=resubmitted[0].pk).update(revision=2)
    policy = precheck_on(world.campaign)
    unit_y = UnitFactory(name=marker(400), region=regions.county_y, township=None)
    Application.objects.create(unit=unit_y, campaign_year=world.campaign, standard=world.standard,
                               status=Status.SUBMITTED)

    panel, _round, _decision = county_queues(memberships_of(cast.county_admin_x)[0])
    assert _shown(panel) == [marker(1), marker(2)]
    assert _shown(county_queues(memberships_of(cast.county_admin_y)[0])[0]) == [marker(400)]

    policy.delete()  # without the pre-check, the first submission waits for a panel too
    assert _shown(county_queues(memberships_of(cast.county_admin_x)[0])[0]) == [marker(0), marker(1), marker(2)]


def test_a_panel_without_members_is_not_ready_for_a_decision(cast, regions):
    world = World(cast, regions)
    ReviewPanel.objects.create(application=world.applications(0, 1, Status.COUNTY_REVIEW)[0],
                               formed_by=cast.county_admin_x)
    world.panels(world.applications(1, 1, Status.COUNTY_REVIEW), all_in=True)
    assert _shown(county_queues(memberships_of(cast.county_admin_x)[0])[2]) == [marker(1)]
