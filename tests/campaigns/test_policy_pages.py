"""The campaign policy pages: every staff member reads the policy in force, the admin of its region changes it."""

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import translation

from apps.accounts.models import Party
from apps.audit.display import entries_described
from apps.campaigns.models import CampaignPolicy, CampaignYear, NamingLevel
from tests.factories import CampaignPolicyFactory

pytestmark = pytest.mark.django_db

OVERVIEW = reverse("campaigns:policy")
CREATE = reverse("campaigns:policy_create")


def _form(**overrides) -> dict:
    """What a browser posts for a complete version: the national four on the panel, one title, one upload."""
    data = {
        "year": "2026", "source_document": "临人社发〔2024〕1号", "issuing_office": "临汾市人力资源和社会保障局",
        "naming_level": "city", "title_level": "市级", "notice_working_days": "7", "validity_years": "",
        "satisfaction_threshold": "", "revocation_proposer": "county", "revocation_approver": "city",
        "title_enterprise": "临汾市劳动关系和谐企业",
        "party_hrss": "on", "party_hrss_required": "on", "party_union": "on", "party_union_required": "on",
        "evidence_park_commitment": "on", "evidence_park_commitment_label": "园区承诺书",
        "revocation_consents_text": "省级审核\n\n 全国协调劳动关系三方会议同意 ",
        "renewal_opens_days": "180", "reminder_days_text": "90、30", "title_check_levels": ["province", "city"],
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_every_staff_member_reads_the_policy_in_force_and_where_it_comes_from(client, cast, regions):
    CampaignPolicyFactory(region=regions.city, year=2024, source_document="临人社发〔2024〕1号",
                          titles={"enterprise": "临汾市劳动关系和谐企业"})
    for user in (cast.township_staff_x, cast.reviewers_x[Party.UNION], cast.coordinator_x, cast.county_admin_x):
        client.force_login(user)
        page = client.get(OVERVIEW, {"year": "2026"}).content.decode()
        assert "临人社发〔2024〕1号" in page and "临汾市劳动关系和谐企业" in page, user
        assert "沿用临汾市的政策（2024 年起）" in page, user
    client.force_login(cast.city_admin)
    assert "本级制定（2024 年起）" in client.get(OVERVIEW, {"year": "2026"}).content.decode()


def test_without_a_policy_the_page_says_the_defaults_are_not_set_by_a_document(client, cast):
    client.force_login(cast.county_admin_x)
    page = client.get(OVERVIEW).content.decode()
    assert "未由文件规定" in page and "并非本地实施方案的规定" in page and "市级劳动关系和谐企业" in page


def test_a_unit_representative_cannot_open_the_policy_pages(client, cast, regions):
    policy = CampaignPolicyFactory(region=regions.city, year=2024)
    client.force_login(cast.rep_a)
    assert client.get(OVERVIEW).status_code == 403
    assert client.get(reverse("campaigns:policy_detail", args=[policy.pk])).status_code == 403


def test_only_admins_get_the_list_of_versions(client, cast, regions):
    CampaignPolicyFactory(region=regions.city, year=2024, source_document="甲文件")
    CampaignPolicyFactory(region=regions.city, year=2022, source_document="乙文件")
    client.force_login(cast.city_admin)
    page = client.get(OVERVIEW, {"year": "2026"}).content.decode()
    assert "各版本" in page and "乙文件" in page
    client.force_login(cast.township_staff_x)
    page = client.get(OVERVIEW, {"year": "2026"}).content.decode()
    assert "各版本" not in page and "乙文件" not in page


def test_another_citys_admin_gets_404_on_a_version_and_its_edit_page(client, cast, regions):
    policy = CampaignPolicyFactory(region=regions.city, year=2024, source_document="临人社发〔2024〕1号")
    client.force_login(cast.city_admin_other)
    assert client.get(reverse("campaigns:policy_detail", args=[policy.pk])).status_code == 404
    assert client.get(reverse("campaigns:policy_edit", args=[policy.pk])).status_code == 404
    assert client.post(reverse("campaigns:policy_edit", args=[policy.pk]), _form()).status_code == 404
    assert "临人社发〔2024〕1号" not in client.get(OVERVIEW, {"year": "2026"}).content.decode()


def test_a_county_admin_reads_the_citys_policy_but_cannot_change_it(client, cast, regions):
    policy = CampaignPolicyFactory(region=regions.city, year=2024)
    client.force_login(cast.county_admin_x)
    assert client.get(reverse("campaigns:policy_detail", args=[policy.pk])).status_code == 200
    assert client.post(reverse("campaigns:policy_edit", args=[policy.pk]), _form()).status_code == 404
    policy.refresh_from_db()
    assert policy.notice_working_days is None and policy.source_document != "临人社发〔2024〕1号"


def test_a_county_admin_sets_the_own_countys_policy_which_the_city_admin_cannot_change(client, cast, regions):
    client.force_login(cast.county_admin_x)
    response = client.post(CREATE, _form(region=str(regions.county_x.pk), naming_level="county",
                                         title_level="区级"))
    assert response.status_code == 302
    policy = CampaignPolicy.objects.get(region=regions.county_x)
    assert policy.naming_level == NamingLevel.COUNTY and policy.updated_by == cast.county_admin_x
    client.force_login(cast.city_admin)
    assert client.get(reverse("campaigns:policy_detail", args=[policy.pk])).status_code == 200
    assert client.get(reverse("campaigns:policy_edit", args=[policy.pk])).status_code == 404


def test_a_county_admin_cannot_create_a_version_for_the_city(client, cast, regions):
    client.force_login(cast.county_admin_x)
    response = client.post(CREATE, _form(region=str(regions.city.pk)))
    assert response.status_code == 200 and "选择一个有效的选项" in response.content.decode()
    assert not CampaignPolicy.objects.exists()


def test_the_city_admin_creates_a_version_from_human_fields(client, cast, regions):
    client.force_login(cast.city_admin)
    response = client.post(CREATE, _form(region=str(regions.city.pk)))
    assert response.status_code == 302
    policy = CampaignPolicy.objects.get()
    assert policy.panel_parties == [{"party": "hrss", "required": True}, {"party": "union", "required": True}]
    assert policy.titles == {"enterprise": "临汾市劳动关系和谐企业"}
    assert policy.required_evidence == {"park": [{"kind": "commitment", "label": "园区承诺书"}]}
    assert policy.revocation_consents == ["省级审核", "全国协调劳动关系三方会议同意"]
    assert policy.validity_years is None and policy.satisfaction_threshold is None
    assert policy.notice_working_days == 7


def test_a_new_version_is_prefilled_from_the_one_in_force(client, cast, regions):
    CampaignPolicyFactory(region=regions.city, year=2024, source_document="临人社发〔2024〕1号",
                          panel_parties=[{"party": "sasac", "required": True}])
    client.force_login(cast.city_admin)
    page = client.get(CREATE, {"region": regions.city.pk, "year": "2026"}).content.decode()
    assert 'value="临人社发〔2024〕1号"' in page and 'value="2026"' in page
    assert 'name="party_sasac_required" id="id_party_sasac_required" checked' in page


def test_a_second_version_for_the_same_year_is_refused_in_chinese(client, cast, regions):
    CampaignPolicyFactory(region=regions.city, year=2026)
    client.force_login(cast.city_admin)
    response = client.post(CREATE, _form(region=str(regions.city.pk)))
    assert response.status_code == 200
    assert "该地区这一年度的政策版本已经存在" in response.content.decode()
    assert CampaignPolicy.objects.count() == 1


def test_bad_input_gets_chinese_messages_and_keeps_everything_entered(client, cast, regions):
    client.force_login(cast.city_admin)
    response = client.post(CREATE, _form(region=str(regions.city.pk), satisfaction_threshold="120",
                                         party_union=None, notice_working_days="0"))
    page = response.content.decode()
    assert response.status_code == 200 and not CampaignPolicy.objects.exists()
    assert "工会 标为必须参加，请同时勾选“参加评估组”" in page
    assert "满意率达标线应在 0 到 100 之间" in page and "公示期应为 1 至 30 个工作日" in page
    assert 'value="临人社发〔2024〕1号"' in page and 'value="园区承诺书"' in page
    assert 'value="临汾市劳动关系和谐企业"' in page and "省级审核" in page
    assert 'name="party_hrss_required" id="id_party_hrss_required" checked' in page


def test_the_system_admin_changes_any_regions_policy(client, cast, regions):
    policy = CampaignPolicyFactory(region=regions.other_city, year=2026)
    client.force_login(cast.system_admin)
    response = client.post(reverse("campaigns:policy_edit", args=[policy.pk]),
                           _form(region=str(regions.city.pk), year="2020", source_document="枣人社字〔2023〕34号"))
    assert response.status_code == 302
    policy.refresh_from_db()
    # A version stays with its region and year, whatever is posted.
    assert (policy.region, policy.year, policy.source_document) == (regions.other_city, 2026, "枣人社字〔2023〕34号")


def test_every_change_is_in_the_audit_trail_with_who_and_what(client, cast, regions):
    policy = CampaignPolicyFactory(region=regions.city, year=2026, notice_working_days=5)
    client.force_login(cast.city_admin)
    client.post(reverse("campaigns:policy_edit", args=[policy.pk]), _form(region=str(regions.city.pk)))
    entry = LogEntry.objects.get_for_object(policy).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == cast.city_admin
    assert entry.scope.region_id == regions.city.pk
    [described] = entries_described([entry])
    changes = {change.label: (change.before, change.after) for change in described.changes}
    assert changes["公示期（工作日）"] == ("5", "7")
    assert changes["评估组成员单位"][1] == "人力资源社会保障部门（必须）、工会（必须）"
    assert changes["撤销前须取得的上级意见"][1] == "省级审核、全国协调劳动关系三方会议同意"
    client.force_login(cast.city_admin)
    assert "创建活动政策" in client.get(reverse("audit:list")).content.decode()


# --- renewal window, reminders and who checks named units (issue 20 item 7; 临汾 五(四)) ---------------------

def test_the_renewal_window_reminders_and_checking_levels_are_saved_and_stated(client, cast, regions):
    policy = CampaignPolicyFactory(region=regions.city, year=2026)
    client.force_login(cast.city_admin)
    page = client.get(reverse("campaigns:policy_edit", args=[policy.pk])).content.decode()
    assert 'value="180"' in page and 'value="90、30"' in page and "开展命名单位核查的层级" in page
    response = client.post(reverse("campaigns:policy_edit", args=[policy.pk]), _form(
        region=str(regions.city.pk), renewal_opens_days="120", reminder_days_text="30，60, 100",
        title_check_levels=["city", "county"]))
    assert response.status_code == 302
    policy.refresh_from_db()
    assert (policy.renewal_opens_days, policy.reminder_days, policy.title_check_levels) == (
        120, [100, 60, 30], ["city", "county"])
    detail = client.get(reverse("campaigns:policy_detail", args=[policy.pk])).content.decode()
    assert "到期前 120 天内可申请复审；到期前 100、60、30 天提醒" in detail
    assert "市、县(市、区)三方办公室定期抽查、普查" in detail


def test_a_window_shorter_than_the_first_reminder_is_refused_at_the_field_keeping_the_input(client, cast, regions):
    policy = CampaignPolicyFactory(region=regions.city, year=2026, source_document="旧文件")
    client.force_login(cast.city_admin)
    response = client.post(reverse("campaigns:policy_edit", args=[policy.pk]), _form(
        region=str(regions.city.pk), renewal_opens_days="60", reminder_days_text="90、30"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "复审申请期（60 天）不能短于最早的到期提醒（到期前 90 天）" in page
    assert 'value="60"' in page and 'value="90、30"' in page
    assert 'value="临人社发〔2024〕1号"' in page, "nothing typed is lost"
    policy.refresh_from_db()
    assert (policy.source_document, policy.renewal_opens_days, policy.reminder_days) == ("旧文件", 180, [90, 30])


@pytest.mark.parametrize(("field", "value", "message"), [
    ("reminder_days_text", "九十、30", "到期提醒天数须为正整数"),
    ("reminder_days_text", "30、30", "到期提醒天数不能重复"),
    ("reminder_days_text", "0", "到期提醒天数须为正整数"),
    ("reminder_days_text", "", "请至少填写一个到期提醒天数"),
    ("renewal_opens_days", "0", "复审申请期应为 1 至 730 天"),
    ("renewal_opens_days", "abc", "复审申请期请填写整数天数"),
    ("title_check_levels", [], "请至少勾选一个开展命名单位核查的层级"),
])
def test_bad_renewal_and_reminder_input_gets_a_chinese_message(client, cast, regions, field, value, message):
    client.force_login(cast.city_admin)
    response = client.post(CREATE, _form(region=str(regions.city.pk), **{field: value}))
    assert response.status_code == 200 and message in response.content.decode()
    assert not CampaignPolicy.objects.exists()


def test_the_saved_message_in_english_has_no_chinese_but_the_regions_name(client, cast, regions):
    """"Campaign policy 尧都区 2026 年起 saved.": the region is data, the words around the year are translated."""
    policy = CampaignPolicyFactory(region=regions.city, year=2026)
    client.force_login(cast.city_admin)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("campaigns:policy_edit", args=[policy.pk]), _form(), follow=True)
    page = response.content.decode()
    assert f"Campaign policy {regions.city.name} from 2026 saved." in page and "年起" not in page
    # The rules below it join English labels with English punctuation, not "、" and "（）".
    assert "Province, City tripartite offices run" in page
    assert "Human resources and social security (required), Trade union (required)" in page
    assert "、" not in page.split("Checks of named units")[1].split("</dd>")[0]
    client.cookies["django_language"] = "zh-hans"
    page = client.post(reverse("campaigns:policy_edit", args=[policy.pk]), _form(), follow=True).content.decode()
    assert f"已保存 {regions.city.name} 2026 年起 的创建活动政策。" in page


def test_the_name_of_a_campaign_year_is_translated(cast, regions):
    year = CampaignYear(city=regions.city, year=2026)
    with translation.override("en"):
        assert str(year) == f"{regions.city.name} 2026"
    with translation.override("zh-hans"):
        assert str(year) == f"{regions.city.name} 2026 年度"


def test_a_unit_kind_without_required_uploads_reads_none_required(client, cast, regions):
    CampaignPolicyFactory(region=regions.city, year=2024, required_evidence={"enterprise": []})
    client.force_login(cast.county_admin_x)
    page = client.get(OVERVIEW, {"year": "2026"}).content.decode()
    assert "<li>企业：无</li>" in page
    client.cookies["django_language"] = "en"
    page = client.get(OVERVIEW, {"year": "2026"}).content.decode()
    assert "<li>Enterprise: None required</li>" in page and ": None<" not in page


def test_the_blank_form_is_written_once_and_anew_for_another_version_or_region(client, cast, regions, monkeypatch):
    from apps.campaigns import views

    written = []
    write = views._policy_fields
    monkeypatch.setattr(views, "_policy_fields", lambda form: written.append(form) or write(form))
    policy = CampaignPolicyFactory(region=regions.city, year=2024, source_document="临人社发〔2024〕1号")
    client.force_login(cast.city_admin)
    first = client.get(CREATE, {"region": regions.city.pk, "year": "2026"}).content.decode()
    client.get(CREATE, {"region": regions.city.pk, "year": "2026"})
    assert len(written) == 1 and 'value="临人社发〔2024〕1号"' in first

    CampaignPolicy.objects.filter(pk=policy.pk).update(source_document="临人社发〔2025〕9号")
    page = client.get(CREATE, {"region": regions.city.pk, "year": "2026"}).content.decode()
    assert 'value="临人社发〔2025〕9号"' in page and len(written) == 2  # the version it is filled from changed

    client.force_login(cast.county_admin_x)  # the county's own region offered, never the city's kept form
    page = client.get(CREATE, {"year": "2026"}).content.decode()
    assert f'<option value="{regions.county_x.pk}" selected>' in page
    assert f'<option value="{regions.city.pk}"' not in page and len(written) == 3

    refused = client.post(CREATE, _form(region=str(regions.county_x.pk), notice_working_days="abc")).content.decode()
    assert 'value="abc"' in refused and len(written) == 4  # a refused form is written with what was typed
