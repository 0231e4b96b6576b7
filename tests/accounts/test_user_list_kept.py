"""The password-reset user list keeps each page's ids and total per viewer (accounts.selectors.users_resettable_kept):
a user or membership written by any path (a service, a cascade, a rename) shows at once, in its reach only."""

import re

import pytest

from apps.accounts.models import Membership, Role, User
from apps.accounts.services import membership_grant

pytestmark = pytest.mark.django_db


def _listed(client, user, query: str = "") -> list[str]:
    client.force_login(user)
    html = client.get(f"/accounts/users/{query}").content.decode()
    return re.findall(r'<td>([^<]+)</td><td>', html)


def test_a_membership_granted_and_withdrawn_shows_at_once_in_its_reach_only(client, cast, regions):
    newcomer = User.objects.create_user(username="new_township_x", password="x-Pass-2026-long")
    before_x, before_y = _listed(client, cast.county_admin_x), _listed(client, cast.county_admin_y)
    membership_grant(user=newcomer, role=Role.TOWNSHIP_STAFF, region=regions.township_x)
    assert "new_township_x" in _listed(client, cast.county_admin_x)
    assert _listed(client, cast.county_admin_y) == before_y  # another county's kept list: none of it
    Membership.objects.filter(user=newcomer).delete()
    assert _listed(client, cast.county_admin_x) == before_x


def test_a_user_deleted_or_renamed_shows_at_once(client, cast, regions):
    leaving = User.objects.create_user(username="leaving_x", password="x-Pass-2026-long")
    membership_grant(user=leaving, role=Role.COORDINATOR, region=regions.county_x)
    assert "rep_a" in _listed(client, cast.county_admin_x)
    cast.rep_a.username = "zz_rep_a"
    cast.rep_a.save()
    listed = _listed(client, cast.county_admin_x)
    assert "rep_a" not in listed and listed[-1] == "zz_rep_a"
    leaving.delete()  # its memberships go with it
    assert "leaving_x" not in _listed(client, cast.county_admin_x)


def test_a_sign_in_keeps_the_list_and_a_second_view_reads_no_ids(client, cast, django_assert_max_num_queries):
    _listed(client, cast.county_admin_x)
    cast.rep_a.save(update_fields=["last_login"])
    # user, memberships, the menu's policy, the request's savepoint and its release; the page's users by id, their
    # memberships (the ids and the total are kept).
    with django_assert_max_num_queries(7):
        assert client.get("/accounts/users/").status_code == 200


def _row(client, username: str) -> str:
    html = client.get("/accounts/users/").content.decode()
    return re.search(rf"<tr>\s*<td>{username}</td>.*?</tr>", html, re.S).group(0)


def test_each_row_is_kept_and_a_role_a_unit_or_an_address_shows_at_once(client, cast, regions,
                                                                      django_assert_max_num_queries):
    """Each row's markup is kept per user (accounts/user_rows.py) under the user's own generation."""
    client.force_login(cast.county_admin_x)
    first = _row(client, "rep_a")
    assert "甲公司" in first
    with django_assert_max_num_queries(5):  # the rows and the page's ids both kept: no user or membership read
        assert _row(client, "rep_a") == first

    membership_grant(user=cast.rep_a, role=Role.COORDINATOR, region=regions.county_x)
    assert "协调员" in _row(client, "rep_a")
    cast.unit_a.name = "甲公司（更名）"
    cast.unit_a.save()  # as the admin site saves it: the registry's receiver moves the user's generation
    assert "甲公司（更名）" in _row(client, "rep_a")
    assert "<td>未登记</td>" in _row(client, "rep_a")
    cast.rep_a.email = "rep_a@example.org"
    cast.rep_a.save()
    assert "<td>已登记</td>" in _row(client, "rep_a")


def test_the_rows_are_in_the_readers_language(client, cast):
    client.force_login(cast.county_admin_x)
    assert "重置密码" in _row(client, "rep_a")
    client.cookies["django_language"] = "en"
    english = client.get("/accounts/users/").content.decode()
    assert "已登记" not in english and "未登记" not in english and "重置密码" not in english
