import pytest

from apps.accounts.models import Role
from apps.registry.units.models import VerificationStatus
from tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

EXPECTED_SECTION = {
    Role.UNIT_REP: "我的单位",
    Role.TOWNSHIP_STAFF: "待测评的申报",
    Role.COUNTY_REVIEWER: "待我评分的申报",
    Role.COUNTY_ADMIN: "待核验的单位注册",
    Role.CITY_ADMIN: "待市级确认的申报",
    Role.COORDINATOR: "我负责指导的单位",
    Role.DEPARTMENT_STAFF: "待答复的征求意见",
    Role.SYSTEM_ADMIN: "系统管理",
    Role.SECURITY_ADMIN: "安全管理",
    Role.AUDIT_ADMIN: "安全审计",
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_lands_on_its_own_home_after_login(client, cast, role):
    user = cast.by_role()[role]
    response = client.post("/accounts/login/", {"username": user.username, "password": "Test-pass-2026"}, follow=True)
    assert response.redirect_chain[-1][0] == "/home/"
    page = response.content.decode()
    assert EXPECTED_SECTION[role] in page
    for other_role, title in EXPECTED_SECTION.items():
        if other_role != role and title not in ("待测评的申报",):
            assert title not in page, f"{role} sees {other_role}'s section"


def test_anonymous_user_is_sent_to_login(client):
    response = client.get("/home/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_user_without_a_role_is_told_so(client, cast):
    client.force_login(cast.no_role)
    assert "尚未分配角色" in client.get("/home/").content.decode()


def test_county_admin_sees_pending_registrations_of_own_county_only(client, cast, regions):
    UnitFactory(name="本县待核验企业", region=regions.county_x, verification_status=VerificationStatus.PENDING)
    UnitFactory(name="外县待核验企业", region=regions.county_y, verification_status=VerificationStatus.PENDING)
    client.force_login(cast.county_admin_x)
    page = client.get("/home/").content.decode()
    assert "本县待核验企业" in page
    assert "外县待核验企业" not in page

    client.force_login(cast.county_admin_y)
    page = client.get("/home/").content.decode()
    assert "外县待核验企业" in page
    assert "本县待核验企业" not in page


def test_pages_are_in_chinese_by_default_and_switch_to_english(client, cast):
    client.force_login(cast.county_admin_x)
    assert 'lang="zh-CN"' in client.get("/home/").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/home/"})
    page = client.get("/home/").content.decode()
    assert 'lang="en"' in page
    assert "Workbench" in page
