"""The county workbench's three application lists, read in one query (apps/home/sections/reviews.py county_queues):
each list holds what it held when read apart, its first 8 rows oldest first and its total, and only the county's."""

import pytest

from apps.accounts.permissions import memberships_of
from apps.applications.assessments.models import Application
from apps.applications.workflow.states import Status
from apps.home.sections.reviews import SHOWN, county_queues

from ..factories import UnitFactory
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
