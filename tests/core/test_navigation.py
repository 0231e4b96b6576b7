import pytest
from django.urls import NoReverseMatch

from apps.accounts.models import Role
from apps.home.navigation import NAVIGATION, navigation_for

pytestmark = pytest.mark.django_db


def test_every_navigation_link_resolves():
    for group in NAVIGATION:
        for link in group.links:
            try:
                assert link.url.startswith("/")
            except NoReverseMatch:  # pragma: no cover - the assertion message is the point
                pytest.fail(f"navigation link {link.url_name} does not resolve")


@pytest.mark.parametrize("role", list(Role))
def test_every_link_a_role_sees_opens_for_that_role(client, cast, role):
    user = cast.by_role()[role]
    client.force_login(user)
    for _group, links in navigation_for({role}):
        for link in links:
            response = client.get(link.url)
            assert response.status_code == 200, f"{role} sees {link.url_name} but gets {response.status_code}"


def test_a_unit_rep_sees_no_staff_links(client, cast):
    client.force_login(cast.rep_a)
    page = client.get("/home/").content.decode()
    assert "单位名录" not in page and "市级确认" not in page
    assert "创建申报" in page
