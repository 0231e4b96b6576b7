"""Revocation by the locality's policy: who decides, the higher-level decisions and consents recorded before a
revocation takes effect (临汾: through the province, with national consent), and the public notice's wording."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from apps.applications.recognitions.models import RecognitionStatus
from apps.campaigns.models import CampaignPolicy, NamingLevel
from apps.core.confirmation import CONFIRM_FIELD
from apps.notifications.models import Notification
from apps.oversight.revocations.checks import revocation_check_run
from apps.oversight.revocations.models import CaseStatus, RevocationConsent
from apps.oversight.revocations.services import revocation_case_confirm, revocation_consent_record
from apps.regions.models import RegionLevel
from tests.factories import RiskEventFactory

pytestmark = pytest.mark.django_db

LINFEN_NOTICE = "经{office}报请省级审核、人力资源社会保障部同意，取消{unit}“{title}”称号。原因：{reason}"


@pytest.fixture
def province_chain(regions):
    """临汾's shape: the city proposes, the province decides, the nation consents."""
    return CampaignPolicy.objects.create(
        region=regions.city, year=2024, province_decides=True, issuing_office="临汾市协调劳动关系三方会议",
        revocation_proposer=RegionLevel.CITY, revocation_approver=RegionLevel.PROVINCE,
        revocation_consents=["人力资源社会保障部同意"], revocation_notice=LINFEN_NOTICE)


def _consent(client, open_case, name, number):
    return client.post(f"/revocations/cases/{open_case.pk}/consent/", {
        "consent-name": name, "consent-given_by": "山西省协调劳动关系三方会议", "consent-given_on": "2025-06-10",
        "consent-document_number": number})


def test_a_revocation_through_the_province_waits_for_every_recorded_consent(client, cast, open_case, province_chain):
    client.force_login(cast.city_admin)
    page = client.get(f"/revocations/cases/{open_case.pk}/").content.decode()
    assert "尚缺以下上级意见" in page and "省级决定、人力资源社会保障部同意" in page

    refused = client.post(f"/revocations/cases/{open_case.pk}/confirm/", {"confirm-reason": "发生群体性事件",
                                                                       CONFIRM_FIELD: "1"})
    assert refused.status_code == 400
    assert refused.content.decode().count("尚未登记：省级决定、人力资源社会保障部同意") == 1  # shown once
    assert "发生群体性事件" in refused.content.decode()  # what was typed stays
    open_case.refresh_from_db()
    assert (open_case.status, open_case.recognition.status) == (CaseStatus.OPEN, RecognitionStatus.VALID)

    assert _consent(client, open_case, "省级决定", "晋人社函〔2025〕12号").status_code == 302
    with pytest.raises(ValidationError, match="尚未登记：人力资源社会保障部同意"):
        revocation_case_confirm(case=open_case, by=cast.city_admin, reason="发生群体性事件", plaque_recovered_on=None)
    assert _consent(client, open_case, "人力资源社会保障部同意", "人社厅函〔2025〕3号").status_code == 302

    confirmed = client.post(f"/revocations/cases/{open_case.pk}/confirm/", {"confirm-reason": "发生群体性事件",
                                                                         CONFIRM_FIELD: "1"})
    assert confirmed.status_code == 302
    open_case.refresh_from_db()
    assert (open_case.status, open_case.recognition.status) == (CaseStatus.CONFIRMED, RecognitionStatus.REVOKED)
    page = client.get(f"/revocations/cases/{open_case.pk}/").content.decode()
    assert "晋人社函〔2025〕12号" in page and "人社厅函〔2025〕3号" in page


def test_the_public_notice_uses_the_policy_wording(client, cast, open_case, province_chain):
    for name in ("省级决定", "人力资源社会保障部同意"):
        revocation_consent_record(case=open_case, name=name, given_by="山西省", given_on=datetime.date(2025, 6, 10),
                                  document_number="晋〔2025〕1号", by=cast.city_admin)
    revocation_case_confirm(case=open_case, by=cast.city_admin, reason="发生群体性事件", plaque_recovered_on=None)
    page = client.get("/revocations/notices/").content.decode()
    title = open_case.recognition.full_title
    assert (f"经临汾市协调劳动关系三方会议报请省级审核、人力资源社会保障部同意，取消甲公司“{title}”"
            "称号。原因：发生群体性事件") in page
    assert "经市级协调劳动关系三方核查确认" not in page


def test_without_a_policy_the_notice_names_the_city_office_and_nothing_waits(client, cast, open_case):
    revocation_case_confirm(case=open_case, by=cast.city_admin, reason="发生群体性事件", plaque_recovered_on=None)
    assert "经临汾市协调劳动关系三方核查确认，取消甲公司" in client.get("/revocations/notices/").content.decode()


def test_a_consent_is_recorded_once_and_only_one_the_policy_asks_for(client, cast, open_case, province_chain):
    client.force_login(cast.city_admin)
    assert _consent(client, open_case, "省级决定", "晋人社函〔2025〕12号").status_code == 302
    again = _consent(client, open_case, "省级决定", "晋人社函〔2025〕13号")
    assert again.status_code == 400 and "该项上级意见无需登记或已登记" in again.content.decode()
    with pytest.raises(ValidationError, match="已登记"):
        revocation_consent_record(case=open_case, name="省级决定", given_by="山西省",
                                  given_on=datetime.date(2025, 6, 10), document_number="x", by=cast.city_admin)
    with pytest.raises(ValidationError, match="不要求"):
        revocation_consent_record(case=open_case, name="市长同意", given_by="某机关",
                                  given_on=datetime.date(2025, 6, 10), document_number="x", by=cast.city_admin)
    missing_number = _consent(client, open_case, "人力资源社会保障部同意", "")
    assert missing_number.status_code == 400 and "请填写文号" in missing_number.content.decode()
    assert RevocationConsent.objects.count() == 1


@pytest.mark.parametrize(("username", "status"), [("county_admin_x", 403), ("county_admin_y", 404),
                                                  ("city_admin_other", 404)])
def test_only_the_deciding_office_records_consents(client, cast, open_case, province_chain, username, status):
    client.force_login(getattr(cast, username))
    assert _consent(client, open_case, "省级决定", "晋人社函〔2025〕12号").status_code == status
    assert not RevocationConsent.objects.exists()


def test_where_the_district_decides_its_office_revokes_and_the_city_does_not(client, cast, regions, open_case):
    CampaignPolicy.objects.create(region=regions.county_x, year=2024, naming_level=NamingLevel.COUNTY,
                                  revocation_proposer=RegionLevel.COUNTY, revocation_approver=RegionLevel.COUNTY)
    client.force_login(cast.city_admin)
    assert client.post(f"/revocations/cases/{open_case.pk}/confirm/", {"confirm-reason": "x"}).status_code == 403
    client.force_login(cast.county_admin_y)
    assert client.post(f"/revocations/cases/{open_case.pk}/confirm/", {"confirm-reason": "x"}).status_code == 404
    client.force_login(cast.county_admin_x)
    page = client.get(f"/revocations/cases/{open_case.pk}/").content.decode()
    assert "确认取消命名" in page
    response = client.post(f"/revocations/cases/{open_case.pk}/confirm/", {"confirm-reason": "发生群体性事件",
                                                                        CONFIRM_FIELD: "1"})
    assert response.status_code == 302
    open_case.refresh_from_db()
    assert (open_case.status, open_case.decided_by) == (CaseStatus.CONFIRMED, cast.county_admin_x)


def test_the_nightly_check_tells_the_office_that_decides(cast, regions, title_a, major_rule):
    CampaignPolicy.objects.create(region=regions.county_x, year=2024, naming_level=NamingLevel.COUNTY,
                                  revocation_approver=RegionLevel.COUNTY)
    RiskEventFactory(unit=cast.unit_a, kind="mass_incident", severity=3)
    revocation_check_run(today=datetime.date(2025, 6, 1))
    told = Notification.objects.filter(message__contains="新立案 1 件")
    assert list(told.values_list("user", flat=True)) == [cast.county_admin_x.pk]


def test_a_reader_of_english_sees_the_province_decision_named_in_english_and_records_it_under_its_chinese_name(
        client, cast, open_case, province_chain):
    """The decision is shown as “Province decision”, never “Province级决定”; what is stored stays “省级决定”, so
    the record made in English counts for a reader of Chinese."""
    client.cookies["django_language"] = "en"
    client.force_login(cast.city_admin)
    page = client.get(f"/revocations/cases/{open_case.pk}/").content.decode()
    assert "Province decision, 人力资源社会保障部同意" in page and "Province级" not in page
    assert '<option value="省级决定">Province decision</option>' in page
    refused = client.post(f"/revocations/cases/{open_case.pk}/confirm/", {"confirm-reason": "发生群体性事件",
                                                                       CONFIRM_FIELD: "1"})
    assert "not yet recorded: Province decision, 人力资源社会保障部同意." in refused.content.decode()
    assert _consent(client, open_case, "省级决定", "晋人社函〔2025〕12号").status_code == 302
    assert RevocationConsent.objects.get(case=open_case, document_number="晋人社函〔2025〕12号").name == "省级决定"
    client.cookies["django_language"] = "zh-hans"
    page = client.get(f"/revocations/cases/{open_case.pk}/").content.decode()
    assert "登记齐全后方可确认取消命名：人力资源社会保障部同意<" in page
