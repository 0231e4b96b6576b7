"""Who may propose a revocation is the locality's policy (``revocation_proposer``): 临汾's city office proposes and
its county office may not; where the policy names the county, the county proposes and the city may not; where the
document names none, the county office and the deciding office may. Another city's office gets 404."""

import pytest
from django.core.exceptions import ValidationError

from apps.campaigns.models import CampaignPolicy
from apps.core.confirmation import CONFIRM_FIELD
from apps.notifications.models import Notification
from apps.oversight.revocations.models import CaseAction, CaseStatus, RevocationCase
from apps.oversight.revocations.services import revocation_propose
from apps.regions.models import RegionLevel

pytestmark = pytest.mark.django_db


def _policy(regions, proposer: str) -> CampaignPolicy:
    return CampaignPolicy.objects.create(region=regions.city, year=2024, revocation_proposer=proposer,
                                         revocation_approver=RegionLevel.PROVINCE if proposer == "city" else "")


def _propose(client, title, reason="拖欠工资，经查属实"):
    return client.post(f"/revocations/propose/{title.pk}/", {"reason": reason, CONFIRM_FIELD: "1"})


def test_where_the_city_proposes_the_city_office_opens_a_case_and_the_county_office_is_refused(
        client, cast, regions, title_a):
    _policy(regions, RegionLevel.CITY)
    client.force_login(cast.county_admin_x)
    assert "提出取消命名" not in client.get(f"/recognitions/{title_a.pk}/").content.decode()
    assert client.get(f"/revocations/propose/{title_a.pk}/").status_code == 403
    assert _propose(client, title_a).status_code == 403
    with pytest.raises(ValidationError, match="不能提出取消命名"):
        revocation_propose(recognition=title_a, by=cast.county_admin_x, reason="拖欠工资")
    assert not RevocationCase.objects.exists()

    client.force_login(cast.city_admin)
    assert "提出取消命名" in client.get(f"/recognitions/{title_a.pk}/").content.decode()
    response = _propose(client, title_a)
    case = RevocationCase.objects.get()
    assert response.status_code == 302 and response.url == f"/revocations/cases/{case.pk}/"
    assert (case.status, case.proposed_by, case.rule) == (CaseStatus.OPEN, cast.city_admin, None)
    assert case.log.get().action == CaseAction.PROPOSED
    page = client.get(f"/revocations/cases/{case.pk}/").content.decode()
    assert "拖欠工资，经查属实" in page and "本地政策：市级提出，省级决定" in page
    # The city's workbench lists the open case by who proposed it: a proposed case has no rule.
    home = client.get("/home/")
    assert home.status_code == 200 and f"{cast.city_admin}提出" in home.content.decode()


def test_where_the_county_proposes_the_city_office_is_refused(client, cast, regions, title_a):
    _policy(regions, RegionLevel.COUNTY)
    client.force_login(cast.city_admin)
    assert _propose(client, title_a).status_code == 403
    client.force_login(cast.county_admin_x)
    assert _propose(client, title_a).status_code == 302
    case = RevocationCase.objects.get()
    assert case.proposed_by == cast.county_admin_x
    # The deciding office (the city's: the document leaves the decision to the office that named) is told.
    assert Notification.objects.filter(user=cast.city_admin, url=f"/revocations/cases/{case.pk}/").exists()


def test_without_a_proposer_in_the_document_the_county_and_the_deciding_office_may_propose(cast, regions, title_a):
    _policy(regions, "")
    assert revocation_propose(recognition=title_a, by=cast.county_admin_x, reason="拖欠工资").proposed_by
    RevocationCase.objects.update(status=CaseStatus.DISMISSED)
    assert revocation_propose(recognition=title_a, by=cast.city_admin, reason="拖欠工资").proposed_by
    with pytest.raises(ValidationError, match="不能提出取消命名"):
        revocation_propose(recognition=title_a, by=cast.county_admin_y, reason="拖欠工资")


def test_one_open_proposal_per_title_and_a_reason_is_required(client, cast, regions, title_a):
    _policy(regions, RegionLevel.CITY)
    client.force_login(cast.city_admin)
    refused = _propose(client, title_a, reason="")
    assert refused.status_code == 400 and "请填写提出取消命名的理由和依据" in refused.content.decode()
    assert _propose(client, title_a).status_code == 302
    again = _propose(client, title_a, reason="又一次")
    assert again.status_code == 400 and "该称号已有待处理的取消命名案件" in again.content.decode()
    assert RevocationCase.objects.count() == 1


def test_another_citys_office_gets_404(client, cast, regions, title_a):
    _policy(regions, RegionLevel.CITY)
    client.force_login(cast.city_admin_other)
    assert client.get(f"/revocations/propose/{title_a.pk}/").status_code == 404
    assert _propose(client, title_a).status_code == 404


def test_the_case_page_reads_in_english_without_chinese_punctuation(client, cast, regions, title_a):
    _policy(regions, RegionLevel.CITY)
    client.force_login(cast.city_admin)
    _propose(client, title_a)
    case = RevocationCase.objects.get()
    client.cookies["django_language"] = "en"
    page = client.get(f"/revocations/cases/{case.pk}/").content.decode()
    assert f" ({title_a.number})</td>" in page and ", Valid until " in page
    main = page.split("<main", 1)[1].replace("拖欠工资，经查属实", "")
    assert ": 拖欠工资，经查属实</td>" in page and "：" not in main
    client.cookies["django_language"] = "zh-hans"
    page = client.get(f"/revocations/cases/{case.pk}/").content.decode()
    assert f"（{title_a.number}）</td>" in page and "：拖欠工资，经查属实</td>" in page and "，有效期至" in page
