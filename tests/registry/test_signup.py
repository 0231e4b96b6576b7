import pytest
from django.urls import reverse

from apps.accounts.models import Membership, Role, User
from apps.registry.enterprises.models import Enterprise
from apps.registry.models import UnitEvent, UnitEventAction
from apps.registry.units.models import VerificationStatus
from apps.registry.units.permissions import unit_can_act
from tests.factories import EnterpriseFactory

from .helpers import code, signup_data

pytestmark = pytest.mark.django_db
URL = reverse("registry:signup")


def test_signup_page_is_public_and_labels_every_field(client, regions):
    response = client.get(URL)
    html = response.content.decode()
    assert response.status_code == 200
    for label in ("企业名称", "统一社会信用代码", "所属县(市、区)", "登录用户名", "再次输入密码"):
        assert label in html
    assert "劳动保障诚信等级" not in html  # set by staff, not self-declared


def test_signup_creates_a_pending_enterprise_its_rep_and_logs_in(client, regions):
    response = client.post(URL, signup_data(regions), follow=True)
    enterprise = Enterprise.objects.select_related("unit").get(uscc=code(9001))
    user = User.objects.get(username="newrep")
    assert enterprise.unit.verification_status == VerificationStatus.PENDING
    assert enterprise.unit.township == regions.township_x and enterprise.has_union and enterprise.employee_count == 120
    assert Membership.objects.filter(user=user, role=Role.UNIT_REP, unit=enterprise.unit).exists()
    assert UnitEvent.objects.get(unit=enterprise.unit, action=UnitEventAction.REGISTERED).actor == user
    html = response.content.decode()
    assert "等待县级三方办公室核验" in html and "待核验" in html
    assert not unit_can_act(enterprise.unit)


def test_full_width_code_with_spaces_is_stored_normalised(client, regions):
    raw = " ".join(code(9002)).translate(str.maketrans("0123456789MA", "０１２３４５６７８９ＭＡ"))
    client.post(URL, signup_data(regions, **{"e-uscc": raw}))
    assert Enterprise.objects.filter(uscc=code(9002)).exists()


def test_duplicate_code_is_refused_and_nothing_entered_is_lost(client, regions):
    EnterpriseFactory(uscc=code(9001), unit__region=regions.county_x)
    response = client.post(URL, signup_data(regions))
    html = response.content.decode()
    assert response.status_code == 200
    assert "已被登记" in html
    assert 'value="演示新注册有限公司"' in html and 'value="newrep"' in html
    assert not User.objects.filter(username="newrep").exists()


def test_malformed_code_and_mismatched_township_get_clear_messages(client, regions):
    data = signup_data(regions, **{"e-uscc": "12345", "e-region": regions.county_y.pk})
    html = client.post(URL, data).content.decode()
    assert "应为 18 位，现为 5 位" in html
    assert not Enterprise.objects.exists()
    html = client.post(URL, signup_data(regions, **{"e-region": regions.county_y.pk})).content.decode()
    assert "不在曲沃县，已清空" in html
    assert not Enterprise.objects.exists()


def _bad_check_digit(n: int) -> str:
    return code(n)[:17] + ("0" if code(n)[17] != "0" else "1")


def test_check_digit_failure_is_shown_to_the_registrant_at_once_and_nothing_is_lost(client, regions):
    response = client.post(URL, signup_data(regions, **{"e-uscc": _bad_check_digit(9003)}))
    html = response.content.decode()
    assert response.status_code == 200
    assert "校验位）与前 17 位不符" in html and "我已对照营业执照核对，代码无误" in html
    assert 'value="演示新注册有限公司"' in html and f'value="{_bad_check_digit(9003)}"' in html
    assert not Enterprise.objects.exists()


def test_check_digit_failure_confirmed_by_the_registrant_is_accepted_flagged_and_explained(client, regions):
    bad_check = _bad_check_digit(9003)
    response = client.post(URL, signup_data(regions, **{"e-uscc": bad_check, "e-uscc_checked": "on"}), follow=True)
    enterprise = Enterprise.objects.get(uscc=bad_check)
    assert enterprise.uscc_check_failed and enterprise.uscc_needs_confirmation
    assert "该代码校验码不符，已按原样登记" in response.content.decode()


def test_password_mismatch_is_reported(client, regions):
    html = client.post(URL, signup_data(regions, **{"a-password2": "other-pass-2026"})).content.decode()
    assert "两次输入的密码不一致" in html
    assert not Enterprise.objects.exists()


def test_signup_is_rate_limited_per_ip(client, regions):
    for _ in range(10):
        client.post(URL, {"e-name": ""})
    response = client.post(URL, signup_data(regions))
    assert response.status_code == 429
    assert "提交过于频繁" in response.content.decode()
    assert not Enterprise.objects.exists()
