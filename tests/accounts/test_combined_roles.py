"""A user with two memberships acts through each on its own objects: the union, never a cross-product."""

import re

import pytest

from apps.accounts.models import Role
from apps.accounts.permissions import acting_as, has_role, regions_for, unit_ids_for

from ..factories import MembershipFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_files(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def rep_and_coordinator(cast, regions):
    MembershipFactory(user=cast.coordinator_x, role=Role.UNIT_REP, unit=cast.unit_a)
    return cast.coordinator_x


def test_inside_a_view_the_user_acts_through_the_memberships_of_its_roles_only(rep_and_coordinator, cast):
    user = rep_and_coordinator
    with acting_as(user, [Role.UNIT_REP, Role.COUNTY_ADMIN]):
        assert not has_role(user, Role.COORDINATOR) and regions_for(user, [Role.COORDINATOR]) == []
        assert unit_ids_for(user) == {cast.unit_a.pk}
    assert has_role(user, Role.COORDINATOR) and unit_ids_for(user) == {cast.unit_a.pk}


def test_rep_who_is_also_coordinator_cannot_open_another_units_application(client, rep_and_coordinator, cast,
                                                                             regions):
    from apps.applications.assessments.models import Application

    from ..access_world import build_world

    world = build_world(cast, regions)
    client.force_login(rep_and_coordinator)
    assert client.get(f"/applications/{world['X']['application']}/").status_code == 200  # their own unit's
    neighbour = world["W"]["application"]  # another unit of the coordinator's county
    assert Application.objects.get(pk=neighbour).unit.region == regions.county_x
    assert client.get(f"/applications/{neighbour}/").status_code == 404
    assert client.get(f"/applications/{neighbour}/self-evaluation.pdf").status_code == 404
    assert client.get(f"/reviews/{neighbour}/feedback/").status_code == 404
    evidence = world["W"]["evidence"]
    assert client.get(f"/applications/{neighbour}/evidence/{evidence}/").status_code == 404
    listed = "".join(client.get("/applications/").context["page"])  # each row's markup (list_rows.py)
    assert re.findall(r'<a href="/applications/(\d+)/">', listed) == [str(world["X"]["application"])]


def test_the_menu_still_shows_every_role_on_a_page_of_one(client, rep_and_coordinator):
    client.force_login(rep_and_coordinator)
    response = client.get("/applications/")
    assert response.context["user_roles"] >= {Role.UNIT_REP, Role.COORDINATOR}


def test_a_county_office_of_one_county_and_reviewer_of_another_forms_no_panel_in_the_second(client, cast, regions):
    MembershipFactory(user=cast.reviewer_y, role=Role.COUNTY_ADMIN, region=regions.county_x)
    other = UnitFactory(region=regions.county_y)
    client.force_login(cast.reviewer_y)
    from apps.applications.assessments.models import Application

    from ..access_world import build_world

    world = build_world(cast, regions)
    assert Application.objects.get(pk=world["Y"]["application"]).unit.region == other.region
    page = client.get(f"/reviews/{world['Y']['application']}/")
    assert page.status_code == 200 and page.context["is_county_admin"] is False
    assert client.post(f"/reviews/{world['Y']['application']}/reopen/").status_code == 404
