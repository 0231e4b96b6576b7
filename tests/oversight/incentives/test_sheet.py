"""激励政策明白纸 (河东 三(七)): a unit sees what its title entitles it to, with basis and department, why the rest
does not apply, and the grants it received; printable on A4; its own unit only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.oversight.incentives.models import IncentiveMeasure
from apps.oversight.incentives.services import incentive_grant_create
from tests.factories import EnterpriseFactory, named

pytestmark = pytest.mark.django_db
URL = "/incentives/mine/"


@pytest.fixture(autouse=True)
def catalogue(linfen_catalogue):
    return linfen_catalogue


@pytest.fixture
def title_a(cast, regions):
    EnterpriseFactory(unit=cast.unit_a, credit_grade="B")
    return named(cast.unit_a, city=regions.city, by=cast.city_admin, issued_on=timezone.localdate())


def test_the_unit_sees_its_entitlements_with_basis_department_and_why_not(client, cast, title_a):
    grant = incentive_grant_create(measure=IncentiveMeasure.objects.get(code="subsidy-fast-track"),
                                   recognition=title_a, granted_on=timezone.localdate(), by=cast.city_admin)
    client.force_login(cast.rep_a)
    response = client.get(URL)
    body = response.content.decode()
    assert reverse("incentives:mine") == URL and response.status_code == 200
    assert "和谐劳动关系创建激励政策明白纸" in body and title_a.number in body
    entitled = body.split("可享受的激励措施")[1].split("暂不符合条件的措施")[0]
    assert "补贴申领快速办理" in entitled and "临人社发〔2023〕8号" in entitled and "劳动人事争议仲裁院" not in entitled
    refused = body.split("暂不符合条件的措施")[1].split("已享受的激励")[0]
    assert "劳动争议案件办理绿色通道" in refused and "诚信等级达到A级" in refused
    received = body.split("已享受的激励")[1]
    assert 'data-testid="grant"' in received and grant.department in received
    assert "incentive_sheet.css" in body


def test_a_unit_without_a_title_is_told_the_measures_follow_naming(client, cast):
    client.force_login(cast.rep_b)
    body = client.get(URL).content.decode()
    assert "本单位目前没有有效的称号" in body and "补贴申领快速办理" in body
    assert 'data-testid="entitled"' not in body


def test_another_unit_never_sees_a_units_grants(client, cast, title_a):
    incentive_grant_create(measure=IncentiveMeasure.objects.get(code="subsidy-fast-track"), recognition=title_a,
                           granted_on=datetime.date.today(), note="甲公司专用备注", by=cast.city_admin)
    client.force_login(cast.rep_b)
    body = client.get(URL).content.decode()
    assert "甲公司" not in body and "甲公司专用备注" not in body and title_a.number not in body


@pytest.mark.parametrize("who", ["county_admin_x", "city_admin", "no_role"])
def test_staff_get_403(client, cast, who):
    client.force_login(getattr(cast, who))
    assert client.get(URL).status_code == 403
