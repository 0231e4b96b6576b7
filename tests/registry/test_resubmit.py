"""A returned registration: the rep corrects it and sends it back; the county sees it again."""

import pytest
from django.urls import reverse

from apps.accounts.models import User
from apps.notifications.models import Notification
from apps.registry.enterprises.models import Enterprise
from apps.registry.models import UnitEvent, UnitEventAction
from apps.registry.services import unit_reject
from apps.registry.units.models import VerificationStatus

from .helpers import code, signup_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def returned(client, regions, cast):
    client.post(reverse("registry:signup"), signup_data(regions, **{"e-name": "错名有限公司"}))
    enterprise = Enterprise.objects.select_related("unit").get(uscc=code(9001))
    unit_reject(unit=enterprise.unit, by=cast.county_admin_x, reason="企业名称与营业执照不一致")
    return enterprise


def resubmit_data(regions, **overrides) -> dict:
    data = {key: value for key, value in signup_data(regions).items() if key.startswith("e-")}
    data.update(overrides)
    return data


def test_the_returned_rep_finds_the_way_to_correct_it_from_the_home_page(client, returned):
    home = client.get(reverse("home:home")).content.decode()
    url = reverse("registry:registration_resubmit", args=[returned.pk])
    assert f'href="{url}"' in home and "修改注册信息并重新提交" in home
    page = client.get(url).content.decode()
    assert "企业名称与营业执照不一致" in page
    assert 'value="错名有限公司"' in page and f'value="{code(9001)}"' in page


def test_resubmitting_corrects_the_details_and_puts_it_back_in_the_county_queue(client, regions, cast, returned):
    url = reverse("registry:registration_resubmit", args=[returned.pk])
    response = client.post(url, resubmit_data(regions, **{"e-name": "正名有限公司"}))
    assert response.status_code == 302
    returned.unit.refresh_from_db()
    assert returned.unit.verification_status == VerificationStatus.PENDING
    assert returned.unit.name == "正名有限公司"
    event = UnitEvent.objects.get(unit=returned.unit, action=UnitEventAction.RESUBMITTED)
    assert event.actor == User.objects.get(username="newrep")
    assert event.changes["单位名称"] == ["错名有限公司", "正名有限公司"]
    assert Notification.objects.filter(user=cast.county_admin_x, message__contains="重新提交").exists()
    client.force_login(cast.county_admin_x)
    assert "正名有限公司" in client.get(reverse("registry:pending")).content.decode()
    assert client.post(reverse("registry:unit_verify", args=[returned.pk])).status_code == 302
    returned.unit.refresh_from_db()
    assert returned.unit.verification_status == VerificationStatus.VERIFIED


def test_a_bad_correction_keeps_what_was_typed_and_says_why(client, regions, returned):
    url = reverse("registry:registration_resubmit", args=[returned.pk])
    response = client.post(url, resubmit_data(regions, **{"e-name": "正名有限公司", "e-uscc": "12345"}))
    html = response.content.decode()
    assert response.status_code == 400
    assert "应为 18 位，现为 5 位" in html and 'value="正名有限公司"' in html
    returned.unit.refresh_from_db()
    assert returned.unit.verification_status == VerificationStatus.REJECTED


def test_only_the_units_own_rep_may_resubmit_and_only_when_returned(client, regions, cast, returned):
    url = reverse("registry:registration_resubmit", args=[returned.pk])
    for stranger in (cast.rep_a, cast.county_admin_x):
        client.force_login(stranger)
        assert client.get(url).status_code in (403, 404)
        assert client.post(url, resubmit_data(regions)).status_code in (403, 404)
    returned.unit.verification_status = VerificationStatus.PENDING
    returned.unit.save()
    client.force_login(User.objects.get(username="newrep"))
    response = client.post(url, resubmit_data(regions, **{"e-name": "再改有限公司"}))
    assert response.status_code == 302
    returned.unit.refresh_from_db()
    assert returned.unit.name == "错名有限公司"


def test_registering_the_returned_code_again_points_to_the_correction_page(client, regions, returned):
    client.logout()
    response = client.post(reverse("registry:signup"), signup_data(regions, **{"a-username": "second"}))
    html = response.content.decode()
    assert "注册已被县级三方办公室退回，无需重新注册" in html and "修改注册信息并重新提交" in html


def test_a_code_the_rep_already_vouched_for_needs_no_second_round(client, regions, cast):
    bad = code(9005)[:17] + ("0" if code(9005)[17] != "0" else "1")
    client.post(reverse("registry:signup"), signup_data(regions, **{"e-uscc": bad, "e-uscc_checked": "on"}))
    enterprise = Enterprise.objects.select_related("unit").get(uscc=bad)
    unit_reject(unit=enterprise.unit, by=cast.county_admin_x, reason="地址不全")
    url = reverse("registry:registration_resubmit", args=[enterprise.pk])
    page = client.get(url).content.decode()
    assert "我已对照营业执照核对，代码无误" in page
    from tests.browser_form import form_values

    values = form_values(page)
    values["e-address"] = "尧都区解放路 1 号 3 层"
    assert client.post(url, values).status_code == 302
    enterprise.refresh_from_db()
    assert enterprise.address == "尧都区解放路 1 号 3 层" and enterprise.uscc_needs_confirmation
