"""The public revocation notices are kept per page (public_cache) and dropped by what changes them: confirming a
revocation, a policy's wording, a unit's new name."""


import pytest

from apps.campaigns.models import CampaignPolicy
from apps.campaigns.services import policy_save
from apps.core.region_cache import units_changed
from apps.oversight.revocations.services import revocation_case_confirm

pytestmark = pytest.mark.django_db


def _notices(client) -> str:
    return client.get("/revocations/notices/").content.decode()


def test_a_visitor_sees_the_notice_once_the_revocation_is_confirmed(client, cast, open_case):
    assert "暂无取消命名的单位" in _notices(client)  # kept
    revocation_case_confirm(case=open_case, by=cast.city_admin, reason="发生群体性事件", plaque_recovered_on=None)
    page = _notices(client)
    assert "暂无取消命名的单位" not in page and open_case.recognition.number in page and "发生群体性事件" in page


def test_a_kept_page_is_read_without_queries(client, cast, open_case, django_assert_num_queries):
    revocation_case_confirm(case=open_case, by=cast.city_admin, reason="发生群体性事件", plaque_recovered_on=None)
    assert open_case.recognition.number in _notices(client)
    with django_assert_num_queries(0):
        assert open_case.recognition.number in _notices(client)


def test_a_new_wording_in_the_policy_shows_on_the_kept_notices(client, cast, open_case, regions):
    policy = CampaignPolicy.objects.create(region=regions.city, year=2024, revocation_notice="旧措辞：{unit}")
    revocation_case_confirm(case=open_case, by=cast.city_admin, reason="发生群体性事件", plaque_recovered_on=None)
    assert "旧措辞：甲公司" in _notices(client)
    policy.revocation_notice = "新措辞：{unit}"
    policy_save(policy=policy, by=cast.city_admin)
    page = _notices(client)
    assert "新措辞：甲公司" in page and "旧措辞" not in page


def test_a_renamed_unit_shows_on_the_kept_notices(client, cast, open_case):
    revocation_case_confirm(case=open_case, by=cast.city_admin, reason="发生群体性事件", plaque_recovered_on=None)
    assert "甲公司" in _notices(client)
    cast.unit_a.name = "更名后的公司"
    cast.unit_a.save(update_fields=["name"])
    units_changed()  # what the unit's rename calls (enterprise_update)
    assert "更名后的公司" in _notices(client)


def test_an_odd_page_number_is_answered_and_not_kept(client, cast, open_case):
    revocation_case_confirm(case=open_case, by=cast.city_admin, reason="发生群体性事件", plaque_recovered_on=None)
    for asked in ("0", "-1", "x", "0001", "99999"):
        response = client.get("/revocations/notices/", {"page": asked})
        assert response.status_code == 200 and open_case.recognition.number in response.content.decode()
