"""三员分立 (等保 2.0 level 3): system, security and audit administration are three people's duties."""

import pytest
from axes.models import AccessAttempt
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import AccountEvent, AccountEventKind, Membership, Role
from apps.accounts.services import membership_grant

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("held", "asked"), [("system_admin", Role.AUDIT_ADMIN), ("security_admin", Role.SYSTEM_ADMIN),
                                            ("audit_admin", Role.SECURITY_ADMIN)])
def test_one_person_never_holds_two_of_the_three_duties(cast, held, asked):
    with pytest.raises(ValidationError, match="三员分立"):
        membership_grant(user=getattr(cast, held), role=asked)
    assert getattr(cast, held).memberships.count() == 1


def test_the_model_check_that_the_admin_runs_refuses_the_second_duty_too(cast):
    with pytest.raises(ValidationError, match="三员分立"):
        Membership(user=cast.audit_admin, role=Role.SECURITY_ADMIN).full_clean()


def test_each_duty_opens_its_own_pages_only(cast):
    pages = {
        "audit:list": {cast.audit_admin},
        "audit:account_events": {cast.audit_admin},
        "accounts:identity_list": {cast.security_admin},
        "accounts:lockouts": {cast.security_admin},
    }
    for name, allowed in pages.items():
        for user in (cast.system_admin, cast.security_admin, cast.audit_admin):
            client = Client()
            client.force_login(user)
            status = client.get(reverse(name)).status_code
            assert status == (200 if user in allowed else 403), (name, user.username, status)


def _locked(username: str, address: str) -> AccessAttempt:
    return AccessAttempt.objects.create(username=username, ip_address=address, user_agent="test", http_accept="*/*",
                                        path_info="/accounts/login/", failures_since_start=5,
                                        attempt_time=timezone.now())


def test_the_security_admin_releases_a_lockout_and_the_audit_admin_reads_it(client, cast):
    locked = _locked("rep_a", "10.1.2.3")
    client.force_login(cast.security_admin)
    page = client.get(reverse("accounts:lockouts")).content.decode()
    assert "rep_a" in page and "10.1.2.3" in page
    response = client.post(reverse("accounts:lockout_release"), {"attempt": locked.pk})
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(pk=locked.pk).exists()
    event = AccountEvent.objects.get(kind=AccountEventKind.LOCKOUT_RELEASED)
    assert (event.user, event.by) == (cast.rep_a, cast.security_admin)

    reader = Client()
    reader.force_login(cast.audit_admin)
    assert "安全管理员解除登录锁定" in reader.get(reverse("audit:account_events")).content.decode()


@pytest.mark.parametrize("attempt", ["", "abc", "²", "999999"])
def test_a_bogus_release_is_a_404(client, cast, attempt):
    client.force_login(cast.security_admin)
    assert client.post(reverse("accounts:lockout_release"), {"attempt": attempt}).status_code == 404
