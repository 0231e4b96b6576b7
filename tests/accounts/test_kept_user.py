"""The signed-in user kept in the cache between requests (apps/accounts/kept_user.py): every change to what is kept
reaches the very next request, by whichever path it is made."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_otp.plugins.otp_totp.models import TOTPDevice

from apps.accounts.kept_user import kept_user
from apps.accounts.models import Membership, Role
from apps.accounts.permissions import all_memberships_of
from apps.accounts.services import membership_grant, user_password_choose
from apps.accounts.validators import PasswordHistoryValidator
from apps.campaigns.models import NamingLevel
from apps.campaigns.services import policy_save
from tests.factories import CampaignPolicyFactory

pytestmark = pytest.mark.django_db

ADMIN_PAGE = "/accounts/users/"  # 密码重置: the administrators' roles only


def _twice(client, path: str) -> int:
    """Open the page once to fill the kept copy, then again; the second answer's status."""
    client.get(path)
    return client.get(path).status_code


def test_a_revoked_role_is_refused_on_the_next_request(client, cast):
    client.force_login(cast.county_admin_x)
    assert _twice(client, ADMIN_PAGE) == 200
    Membership.objects.filter(user=cast.county_admin_x).delete()
    assert client.get(ADMIN_PAGE).status_code == 403


def test_a_granted_role_opens_its_pages_on_the_next_request(client, cast, regions):
    client.force_login(cast.coordinator_x)
    assert _twice(client, ADMIN_PAGE) == 403
    membership_grant(user=cast.coordinator_x, role=Role.COUNTY_ADMIN, region=regions.county_x)
    assert client.get(ADMIN_PAGE).status_code == 200


def test_a_deactivated_user_is_signed_out_on_the_next_request(client, cast):
    client.force_login(cast.county_admin_x)
    assert _twice(client, ADMIN_PAGE) == 200
    cast.county_admin_x.is_active = False
    cast.county_admin_x.save(update_fields=["is_active"])
    response = client.get(ADMIN_PAGE)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_new_password_ends_the_users_other_sessions(client, cast):
    client.force_login(cast.county_admin_x)
    assert _twice(client, ADMIN_PAGE) == 200
    user_password_choose(user=cast.county_admin_x, password="Another-pass-2027")
    response = client.get(ADMIN_PAGE)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_password_is_not_kept_and_is_read_when_checked(cast):
    kept_user(cast.rep_a.pk)
    with CaptureQueriesContext(connection) as captured:
        user = kept_user(cast.rep_a.pk)
    assert len(captured.captured_queries) == 0 and "password" not in user.__dict__
    assert user.check_password("Test-pass-2026")
    assert user.get_session_auth_hash() == cast.rep_a.get_session_auth_hash()


def test_the_kept_copy_follows_the_users_unit_and_region(cast, regions):
    assert all_memberships_of(kept_user(cast.rep_a.pk))[0].unit.name == "甲公司"
    cast.unit_a.name = "甲公司（新）"
    cast.unit_a.save()
    assert all_memberships_of(kept_user(cast.rep_a.pk))[0].unit.name == "甲公司（新）"

    assert all_memberships_of(kept_user(cast.county_admin_x.pk))[0].region.name == "尧都区"
    regions.county_x.name = "尧都区（新）"
    regions.county_x.save(update_fields=["name"])
    assert all_memberships_of(kept_user(cast.county_admin_x.pk))[0].region.name == "尧都区（新）"


def test_the_date_a_password_was_chosen_reaches_the_kept_copy(cast):
    before = kept_user(cast.rep_a.pk).password_changed_at
    # The validator's hook writes the date with an update(), which sends no post_save.
    PasswordHistoryValidator().password_changed("Another-pass-2027", cast.rep_a)
    after = kept_user(cast.rep_a.pk).password_changed_at
    assert after == cast.rep_a.password_changed_at and after != before


@pytest.fixture
def two_factor(settings):
    settings.OTP_REQUIRED_ROLES = [Role.COUNTY_ADMIN]


def _verified_session(client, user) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=True)
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return device


def test_a_verified_session_costs_no_query_for_its_device(client, cast, two_factor):
    _verified_session(client, cast.county_admin_x)
    assert _twice(client, "/accounts/profile/") == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/accounts/profile/").status_code == 200
    assert not [query for query in captured.captured_queries if "otp_totp" in query["sql"]]


def test_a_deleted_device_unverifies_the_session_on_the_next_request(client, cast, two_factor):
    device = _verified_session(client, cast.county_admin_x)
    assert _twice(client, ADMIN_PAGE) == 200
    device.delete()
    response = client.get(ADMIN_PAGE)
    assert response.status_code == 302 and "/accounts/two-factor/" in response["Location"]
    assert "otp_device_id" not in client.session


def test_another_users_device_does_not_verify_the_session(client, cast, two_factor):
    other = TOTPDevice.objects.create(user=cast.county_admin_y, name="authenticator", confirmed=True)
    client.force_login(cast.county_admin_x)
    session = client.session
    session["otp_device_id"] = other.persistent_id
    session.save()
    response = client.get(ADMIN_PAGE)
    assert response.status_code == 302 and "/accounts/two-factor/" in response["Location"]


def test_a_policy_that_has_the_county_name_shows_its_menu_on_the_next_request(client, cast, regions):
    client.force_login(cast.county_admin_x)
    client.get("/accounts/profile/")
    assert "命名确认" not in client.get("/accounts/profile/").content.decode()
    policy = CampaignPolicyFactory.build(region=regions.county_x, naming_level=NamingLevel.COUNTY)
    policy_save(policy=policy, by=cast.county_admin_x)
    assert "命名确认" in client.get("/accounts/profile/").content.decode()
