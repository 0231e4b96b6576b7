import pytest
from django.urls import reverse

from apps.accounts.models import Party
from apps.notifications.models import Notification
from apps.registry.units.models import VerificationStatus
from apps.registry.units.permissions import unit_can_act

pytestmark = pytest.mark.django_db
PASSWORD = "Test-pass-2026"


@pytest.fixture
def pending(cast):
    for unit in (cast.unit_a, cast.unit_b):
        unit.verification_status = VerificationStatus.PENDING
        unit.save()
    return cast


def _login(client, user):
    client.force_login(user)
    return client


def test_county_admin_sees_only_pending_registrations_of_their_county(client, pending):
    html = _login(client, pending.county_admin_x).get(reverse("registry:pending")).content.decode()
    assert "甲公司" in html and "乙公司" not in html


def test_city_admin_sees_every_county_of_the_city(client, pending):
    html = _login(client, pending.city_admin).get(reverse("registry:pending")).content.decode()
    assert "甲公司" in html and "乙公司" in html


@pytest.mark.parametrize("who", ["reviewers_x", "township_staff_x", "rep_a", "coordinator_x", "no_role"])
def test_other_roles_get_403_on_the_pending_list(client, pending, who):
    user = getattr(pending, who)
    user = user[Party.HRSS] if isinstance(user, dict) else user
    assert _login(client, user).get(reverse("registry:pending")).status_code == 403


def test_anonymous_is_sent_to_login(client, pending):
    response = client.get(reverse("registry:pending"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_verifying_lets_the_rep_act_and_notifies_them(client, pending):
    response = _login(client, pending.county_admin_x).post(reverse("registry:unit_verify", args=[pending.unit_a.pk]))
    assert response.status_code == 302
    pending.unit_a.refresh_from_db()
    assert unit_can_act(pending.unit_a)
    assert Notification.objects.filter(user=pending.rep_a, message__contains="核验通过").exists()
    detail = client.get(reverse("registry:unit_detail", args=[pending.unit_a.pk])).content.decode()
    assert "核验通过" in detail and str(pending.county_admin_x) in detail


def test_rejecting_needs_a_reason_and_the_rep_sees_it(client, pending):
    url = reverse("registry:unit_reject", args=[pending.unit_a.pk])
    response = _login(client, pending.county_admin_x).post(url, {"reason": " "})
    assert response.status_code == 400 and "这个字段是必填项" in response.content.decode()
    pending.unit_a.refresh_from_db()
    assert pending.unit_a.verification_status == VerificationStatus.PENDING

    client.post(url, {"reason": "营业执照照片不清晰，请重新注册"})
    pending.unit_a.refresh_from_db()
    assert pending.unit_a.verification_status == VerificationStatus.REJECTED
    assert not unit_can_act(pending.unit_a)
    assert Notification.objects.filter(user=pending.rep_a, message__contains="营业执照照片不清晰").exists()
    home = _login(client, pending.rep_a).get(reverse("home:home")).content.decode()
    assert "退回原因：营业执照照片不清晰，请重新注册" in home


def test_admin_of_another_county_cannot_verify_or_reject(client, pending):
    _login(client, pending.county_admin_y)
    assert client.post(reverse("registry:unit_verify", args=[pending.unit_a.pk])).status_code == 404
    assert client.post(reverse("registry:unit_reject", args=[pending.unit_a.pk]), {"reason": "x"}).status_code == 404
    pending.unit_a.refresh_from_db()
    assert pending.unit_a.verification_status == VerificationStatus.PENDING


def test_reviewer_cannot_verify(client, pending):
    response = _login(client, pending.reviewers_x[Party.HRSS]).post(
        reverse("registry:unit_verify", args=[pending.unit_a.pk])
    )
    assert response.status_code == 403


def test_city_admin_of_another_city_gets_404(client, pending):
    response = _login(client, pending.city_admin_other).post(reverse("registry:unit_verify", args=[pending.unit_a.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("rows", [5, 500])
def test_pending_list_query_count_is_constant(client, cast, django_assert_max_num_queries, rows):
    from apps.registry.enterprises.models import Enterprise
    from apps.registry.units.models import Unit

    from .helpers import code

    units = Unit.objects.bulk_create([
        Unit(kind="enterprise", name=f"待核验{i:04d}", region=cast.unit_a.region, township=cast.unit_a.township,
             verification_status=VerificationStatus.PENDING) for i in range(rows)
    ])
    Enterprise.objects.bulk_create([Enterprise(unit=u, uscc=code(6000 + i)) for i, u in enumerate(units)])
    client.force_login(cast.county_admin_x)
    with django_assert_max_num_queries(8):  # +1: the menu asks whether the county names (issue 18)
        response = client.get(reverse("registry:pending"))
    assert response.context["page"].paginator.count == rows


@pytest.fixture
def unconfirmed_code(pending):
    from tests.factories import EnterpriseFactory

    from .helpers import code

    bad = code(7001)[:17] + ("0" if code(7001)[17] != "0" else "1")
    return EnterpriseFactory(unit=pending.unit_a, uscc=bad, uscc_check_failed=True)


def test_a_code_failing_its_check_digit_must_be_confirmed_before_verifying(client, pending, unconfirmed_code):
    _login(client, pending.county_admin_x)
    page = client.get(reverse("registry:pending")).content.decode()
    assert "确认代码后才能核验通过" in page
    response = client.post(reverse("registry:unit_verify", args=[pending.unit_a.pk]), follow=True)
    assert "请先对照营业执照核实" in response.content.decode()
    pending.unit_a.refresh_from_db()
    assert pending.unit_a.verification_status == VerificationStatus.PENDING

    response = client.post(reverse("enterprises:uscc_confirm", args=[pending.unit_a.pk]),
                           {"next": reverse("registry:pending")})
    assert response["Location"] == reverse("registry:pending")
    unconfirmed_code.refresh_from_db()
    assert unconfirmed_code.uscc_confirmed_by == pending.county_admin_x
    client.post(reverse("registry:unit_verify", args=[pending.unit_a.pk]))
    pending.unit_a.refresh_from_db()
    assert pending.unit_a.verification_status == VerificationStatus.VERIFIED


def test_confirming_a_code_ignores_a_next_address_off_the_site(client, pending, unconfirmed_code):
    _login(client, pending.county_admin_x)
    response = client.post(reverse("enterprises:uscc_confirm", args=[pending.unit_a.pk]),
                           {"next": "https://evil.example/"})
    assert response["Location"] == reverse("registry:unit_detail", args=[pending.unit_a.pk])


def test_another_county_cannot_confirm_a_code(client, pending, unconfirmed_code):
    _login(client, pending.county_admin_y)
    assert client.post(reverse("enterprises:uscc_confirm", args=[pending.unit_a.pk])).status_code == 404
    unconfirmed_code.refresh_from_db()
    assert unconfirmed_code.uscc_confirmed_at is None
