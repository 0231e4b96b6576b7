"""Hostile input answered without a 500 and without being followed: open redirects, wrong statuses, look-alikes."""

import pytest
from django.urls import reverse

from apps.registry.units.models import VerificationStatus

pytestmark = pytest.mark.django_db


# --- next= after verifying a unit stays inside the portal ---------------------------------------------------

@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/", "/\\evil.example/",
                                    "https:evil.example", "javascript:alert(1)"])
def test_verifying_a_unit_never_redirects_off_site(client, cast, target):
    cast.unit_a.verification_status = VerificationStatus.PENDING
    cast.unit_a.save()
    client.force_login(cast.county_admin_x)
    response = client.post(reverse("registry:unit_verify", args=[cast.unit_a.pk]), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("registry:pending")


def test_verifying_a_unit_follows_a_local_next(client, cast):
    cast.unit_a.verification_status = VerificationStatus.PENDING
    cast.unit_a.save()
    client.force_login(cast.county_admin_x)
    back = reverse("registry:unit_detail", args=[cast.unit_a.pk])
    response = client.post(reverse("registry:unit_verify", args=[cast.unit_a.pk]), {"next": back})
    assert response["Location"] == back


# --- township and city score sheets only in their status ----------------------------------------------------

@pytest.fixture
def demo_application(cast, regions):
    from django.conf import settings

    from apps.standards.services import standard_load_file
    from tests.factories import CampaignYearFactory
    from tests.fixtures.reviews import make_application

    standard, _ = standard_load_file(path=settings.BASE_DIR / "fixtures" / "standards" / "demo_all_features.yaml")
    return make_application(cast.unit_a, CampaignYearFactory(city=regions.city), standard)


LEVELS = {"township": ("township_staff_x", "township_precheck"), "city": ("city_admin", "county_approved")}


def _post_sheet(client, application, level, value="8"):
    criterion = application.standard.criteria.get(code="B1.1")
    return client.post(reverse("reviews:level_sheet", args=[application.pk, level]),
                       {f"v_{criterion.pk}": value, f"c_{criterion.pk}": "现场核实"})


@pytest.mark.parametrize("level", LEVELS)
@pytest.mark.parametrize("status", ["submitted", "county_review", "named", "returned"])
def test_a_level_sheet_is_refused_outside_its_status_and_keeps_what_was_typed(client, cast, demo_application,
                                                                               level, status):
    from apps.applications.reviews.models import LevelScore

    user, _ = LEVELS[level]
    demo_application.status = status
    demo_application.save(update_fields=["status"])
    client.force_login(getattr(cast, user))
    response = _post_sheet(client, demo_application, level)
    page = response.content.decode()
    assert response.status_code == 200
    assert "不能填写" in page and "现场核实" in page
    assert not LevelScore.objects.exists()


@pytest.mark.parametrize("level", LEVELS)
def test_a_level_sheet_is_saved_in_its_status(client, cast, demo_application, level):
    from apps.applications.reviews.models import LevelScore

    user, right_status = LEVELS[level]
    demo_application.status = right_status
    demo_application.save(update_fields=["status"])
    client.force_login(getattr(cast, user))
    response = _post_sheet(client, demo_application, level)
    assert response.status_code == 302
    assert LevelScore.objects.get(level=level).value == "8"


# --- usernames: no look-alikes, no confirmation that an account exists ---------------------------------------

LOOK_ALIKES = {
    "cyrillic a in a latin name": "r\u0430p_admin",  # а U+0430
    "greek omicron": "g\u03bfvuser",  # ο U+03BF
    "latin alpha": "\u0251dminx",  # ɑ U+0251
    "all cyrillic": "\u0430\u0441\u0435",  # асе looks like "ace"
    "zero-width joiner": "zhang\u200dsan",
}


def _signup(client, regions, username):
    from tests.registry.helpers import signup_data

    return client.post(reverse("registry:signup"), signup_data(regions, **{"a-username": username}))


@pytest.mark.parametrize("case", LOOK_ALIKES)
def test_a_look_alike_username_is_refused_at_sign_up(client, regions, case):
    from apps.accounts.models import User

    response = _signup(client, regions, LOOK_ALIKES[case])
    page = response.content.decode()
    assert response.status_code == 200
    assert "不能含有其他文字的字母" in page
    assert not User.objects.filter(username=LOOK_ALIKES[case]).exists()


def test_a_chinese_or_full_width_username_is_accepted_and_folded(client, regions):
    from apps.accounts.models import User

    assert _signup(client, regions, "王经理２０２６").status_code == 302
    assert User.objects.filter(username="王经理2026").exists()


def test_sign_up_does_not_say_that_an_account_exists(client, cast, regions):
    """A taken name (in any case or width) gets the same words as a reserved name that nobody has."""
    taken = _signup(client, regions, "ＲＥＰ_Ａ").content.decode()
    reserved = _signup(client, regions, "webmaster").content.decode()
    message = "该用户名不可用，请换一个（例如加上单位简称或数字）。"
    assert message in taken and message in reserved
    assert "已被使用" not in taken and "已存在" not in taken


def test_the_admin_refuses_a_look_alike_username(client, cast):
    from apps.accounts.models import User

    admin = User.objects.create_superuser(username="root_admin_1", password="Strong-pass-2026")
    client.force_login(admin)
    response = client.post(reverse("admin:accounts_user_add"), {
        "username": "r\u0430p_a", "password1": "Strong-pass-2026", "password2": "Strong-pass-2026",
        "usable_password": "true",
    })
    assert response.status_code == 200
    assert "不能含有其他文字的字母" in response.content.decode()
    assert not User.objects.filter(username="r\u0430p_a").exists()
    response = client.post(reverse("admin:accounts_user_add"), {
        "username": "Rep_A", "password1": "Strong-pass-2026", "password2": "Strong-pass-2026",
        "usable_password": "true",
    })
    assert "该用户名不可用" in response.content.decode()
