"""Periodic checks of named units (临汾 seed 000, 五(四)): the province or city office starts a round (抽查 drawn with a
recorded seed, or 普查), fills a record per title, 建议取消命名 opens a revocation case; counties read their units'
checks; the levels that check are the policy's."""

import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from apps.accounts.models import Role
from apps.applications.recognitions.models import RecognitionStatus
from apps.oversight.revocations.models import CaseStatus, RevocationCase
from apps.oversight.title_checks.models import CheckRound, RoundMethod, TitleCheck
from apps.oversight.title_checks.services import check_round_start, title_check_record
from apps.regions.models import RegionLevel
from apps.reports.figures import figures_for, scope_for
from apps.reports.models import ReportKind
from apps.reports.writing import Facts
from apps.reports.writing import title_checks as title_checks_sentence
from tests.factories import CampaignPolicyFactory, MembershipFactory, RegionFactory, UnitFactory, UserFactory, named

pytestmark = pytest.mark.django_db

YEAR = timezone.localdate().year
TODAY = timezone.localdate()


@pytest.fixture
def titles(cast, regions):
    """Six valid titles in 尧都区 (unit A and five more), four in 曲沃县 (unit B and three more), one revoked."""
    units_x = [cast.unit_a, *(UnitFactory(name=f"尧都企业{i}", region=regions.county_x) for i in range(5))]
    units_y = [cast.unit_b, *(UnitFactory(name=f"曲沃企业{i}", region=regions.county_y) for i in range(3))]
    made = {"x": [named(unit, city=regions.city, by=cast.city_admin) for unit in units_x],
            "y": [named(unit, city=regions.city, by=cast.city_admin) for unit in units_y]}
    revoked = named(UnitFactory(name="已撤销企业", region=regions.county_x), city=regions.city, by=cast.city_admin)
    revoked.status = RecognitionStatus.REVOKED
    revoked.save(update_fields=["status"])
    return made


def _start(cast, regions, **fields) -> CheckRound:
    data = {"office": regions.city, "region": regions.city, "year": YEAR, "method": RoundMethod.SAMPLE,
            "sample_share": 30, "by": cast.city_admin} | fields
    return check_round_start(**data)


# --- the draw ----------------------------------------------------------------------------------------------

def test_a_sample_draws_its_share_of_the_titles_in_force_with_a_seed_that_reproduces_it(cast, regions, titles):
    check_round = _start(cast, regions)
    in_force = {title.pk for group in titles.values() for title in group}
    assert set(check_round.candidates["all"]) == in_force, "the revoked title is not a candidate"
    assert check_round.drawn_count == 3  # 30 % of 10, rounded up
    assert check_round.seed and check_round.reproduces
    assert set(check_round.checks.values_list("recognition_id", flat=True)) == set(check_round.drawn["all"])
    again = _start(cast, regions, seed=check_round.seed)
    assert again.drawn == check_round.drawn, "the same candidates and seed draw the same titles"


def test_a_draw_per_county_takes_the_size_from_each_county(cast, regions, titles):
    check_round = _start(cast, regions, sample_share=None, sample_size=2, per_county=True)
    drawn = check_round.drawn
    assert sorted(drawn) == sorted([str(regions.county_x.pk), str(regions.county_y.pk)])
    assert [len(ids) for _key, ids in sorted(drawn.items())] == [2, 2] and check_round.reproduces


def test_a_census_of_one_county_covers_every_title_in_force_there(cast, regions, titles):
    check_round = _start(cast, regions, region=regions.county_y, method=RoundMethod.CENSUS)
    assert check_round.seed == "" and check_round.drawn_count == 4
    assert set(check_round.checks.values_list("unit__region", flat=True)) == {regions.county_y.pk}


def test_a_sample_needs_a_share_or_a_size(cast, regions, titles):
    with pytest.raises(ValidationError, match="抽查比例或抽查数量"):
        _start(cast, regions, sample_share=None)
    with pytest.raises(ValidationError, match="抽查比例或抽查数量中的一项"):
        _start(cast, regions, sample_share=10, sample_size=2)
    assert not CheckRound.objects.exists()


def test_the_round_and_its_records_are_in_the_audit_trail(cast, regions, titles):
    check_round = _start(cast, regions)
    assert LogEntry.objects.get_for_object(check_round).filter(action=LogEntry.Action.CREATE).exists()
    check = check_round.checks.first()
    assert LogEntry.objects.get_for_object(check).filter(action=LogEntry.Action.CREATE).exists()


# --- who checks: the policy's levels -------------------------------------------------------------------------

def test_by_default_the_city_checks_and_a_county_may_not(cast, regions, titles):
    with pytest.raises(ValidationError, match="核查层级不包括贵单位"):
        _start(cast, regions, office=regions.county_x, region=regions.county_x, by=cast.county_admin_x)


def test_a_policy_that_names_the_county_lets_it_check_and_one_without_the_city_stops_the_city(
        cast, regions, titles):
    CampaignPolicyFactory(region=regions.city, year=YEAR, title_check_levels=["province", "county"])
    check_round = _start(cast, regions, office=regions.county_x, region=regions.county_x, by=cast.county_admin_x)
    assert check_round.drawn_count == 2
    with pytest.raises(ValidationError, match="核查层级不包括贵单位"):
        _start(cast, regions)


def test_the_province_office_checks_across_its_cities(cast, regions, titles):
    province_office = UserFactory(username="province_office")
    MembershipFactory(user=province_office, role=Role.CITY_ADMIN, region=regions.province)
    check_round = _start(cast, regions, office=regions.province, region=regions.province, by=province_office,
                         method=RoundMethod.CENSUS)
    assert check_round.drawn_count == 10


def test_a_city_whose_policy_leaves_the_province_out_is_not_drawn_by_the_province(cast, regions, titles):
    """临汾's policy names only the city for checks: the province's round over the province draws the other city's
    titles only, and a round over one of 临汾's counties is refused, saying why."""
    CampaignPolicyFactory(region=regions.city, year=YEAR, title_check_levels=["city"])
    province_office = UserFactory(username="province_office")
    MembershipFactory(user=province_office, role=Role.CITY_ADMIN, region=regions.province)
    other_city = RegionFactory(name="运城市", level=RegionLevel.CITY, parent=regions.province)
    other_county = RegionFactory(name="盐湖区", level=RegionLevel.COUNTY, parent=other_city)
    others = [named(UnitFactory(name=f"运城企业{i}", region=other_county), city=other_city, by=cast.city_admin)
              for i in range(3)]
    check_round = _start(cast, regions, office=regions.province, region=regions.province, by=province_office,
                         method=RoundMethod.CENSUS)
    assert sorted(check_round.checks.values_list("recognition_id", flat=True)) == sorted(t.pk for t in others)
    with pytest.raises(ValidationError, match="尧都区的实施方案规定的命名单位核查层级不包括省级"):
        _start(cast, regions, office=regions.province, region=regions.county_x, by=province_office,
               method=RoundMethod.CENSUS)
    assert _start(cast, regions).drawn_count == 3  # the city itself still checks (30 % of its ten)


# --- the record ----------------------------------------------------------------------------------------------

def _check_of(check_round, unit) -> TitleCheck:
    return check_round.checks.get(unit=unit)


def test_rectification_needs_a_deadline_and_passing_clears_it(cast, regions, titles):
    check = _check_of(_start(cast, regions, method=RoundMethod.CENSUS), cast.unit_a)
    with pytest.raises(ValidationError, match="限期整改须填写整改期限"):
        title_check_record(check=check, by=cast.city_admin, checked_on=TODAY, method="on_site", findings="台账缺失",
                           result="rectify")
    saved = title_check_record(check=check, by=cast.city_admin, checked_on=TODAY, method="documents",
                               findings="台账缺失", result="rectify",
                               rectification_deadline=TODAY + datetime.timedelta(days=30))
    assert saved.result == "rectify" and saved.rectification_deadline == TODAY + datetime.timedelta(days=30)
    saved = title_check_record(check=check, by=cast.city_admin, checked_on=TODAY, method="on_site",
                               findings="已整改", result="passed", rectification_deadline=TODAY)
    assert saved.rectification_deadline is None and saved.checked_by == cast.city_admin


def test_a_recommendation_to_revoke_opens_a_case_through_the_revocation_service(cast, regions, titles):
    check = _check_of(_start(cast, regions, method=RoundMethod.CENSUS), cast.unit_a)
    saved = title_check_record(check=check, by=cast.city_admin, checked_on=TODAY, method="on_site",
                               findings="发生重大劳资纠纷", result="revoke")
    case = RevocationCase.objects.get(recognition=check.recognition)
    assert saved.case == case and case.status == CaseStatus.OPEN and case.proposed_by == cast.city_admin
    assert "建议取消命名：发生重大劳资纠纷" in case.proposal_reason
    with pytest.raises(ValidationError, match="不能再修改"):
        title_check_record(check=saved, by=cast.city_admin, checked_on=TODAY, method="on_site", findings="x",
                           result="passed")


def test_where_the_policy_lets_another_level_propose_nothing_is_saved(cast, regions, titles):
    CampaignPolicyFactory(region=regions.city, year=YEAR, revocation_proposer="county",
                          revocation_approver="province")
    check = _check_of(_start(cast, regions, method=RoundMethod.CENSUS), cast.unit_a)
    with pytest.raises(ValidationError, match="提出层级不是贵单位"):
        title_check_record(check=check, by=cast.city_admin, checked_on=TODAY, method="on_site",
                           findings="发生重大劳资纠纷", result="revoke")
    check.refresh_from_db()
    assert check.result == "" and not RevocationCase.objects.exists()


def test_only_the_checking_office_records(cast, regions, titles):
    check = _check_of(_start(cast, regions, method=RoundMethod.CENSUS), cast.unit_a)
    with pytest.raises(ValidationError, match="只有发起核查的单位"):
        title_check_record(check=check, by=cast.county_admin_x, checked_on=TODAY, method="on_site", findings="x",
                           result="passed")


# --- pages ---------------------------------------------------------------------------------------------------

def test_the_city_starts_a_round_from_the_page_and_fills_a_record(client, cast, regions, titles):
    client.force_login(cast.city_admin)
    assert reverse("title_checks:new") in client.get(reverse("title_checks:list")).content.decode()
    response = client.post(reverse("title_checks:new"), {
        "region": regions.county_x.pk, "year": YEAR, "method": "census", "note": "2026年度核查"})
    check_round = CheckRound.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("title_checks:round",
                                                                           args=[check_round.pk])
    page = client.get(response["Location"]).content.decode()
    assert "6 项，核查 6 项" in page and cast.unit_a.name in page and cast.unit_b.name not in page
    check = _check_of(check_round, cast.unit_a)
    response = client.post(reverse("title_checks:check", args=[check.pk]), {
        "checked_on": TODAY.isoformat(), "method": "on_site", "findings": "劳动合同签订率100%", "result": "passed"})
    assert response.status_code == 302
    check.refresh_from_db()
    assert (check.result, check.method, check.checked_by) == ("passed", "on_site", cast.city_admin)


def test_bad_input_on_the_round_form_is_refused_in_chinese_keeping_the_input(client, cast, regions, titles):
    client.force_login(cast.city_admin)
    response = client.post(reverse("title_checks:new"), {
        "region": regions.city.pk, "year": YEAR, "method": "sample", "sample_share": "", "sample_size": "",
        "note": "重点核查工资支付"})
    page = response.content.decode()
    assert response.status_code == 400 and "抽查请填写抽查比例或抽查数量" in page and "重点核查工资支付" in page
    response = client.post(reverse("title_checks:new"), {
        "region": regions.city.pk, "year": YEAR, "method": "sample", "sample_share": "150"})
    assert response.status_code == 400 and "抽查比例应为 1 至 100" in response.content.decode()
    assert not CheckRound.objects.exists()


def test_bad_input_on_a_record_keeps_what_was_typed(client, cast, regions, titles):
    check = _check_of(_start(cast, regions, method=RoundMethod.CENSUS), cast.unit_a)
    client.force_login(cast.city_admin)
    tomorrow = (TODAY + datetime.timedelta(days=1)).isoformat()
    response = client.post(reverse("title_checks:check", args=[check.pk]), {
        "checked_on": tomorrow, "method": "on_site", "findings": "工资台账不全", "result": "rectify"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "核查日期不能晚于今天" in page and "限期整改须填写整改期限" in page and "工资台账不全" in page


def test_a_county_office_may_not_start_a_round(client, cast, regions, titles):
    client.force_login(cast.county_admin_x)
    assert reverse("title_checks:new") not in client.get(reverse("title_checks:list")).content.decode()
    assert client.get(reverse("title_checks:new")).status_code == 403
    assert client.post(reverse("title_checks:new"), {"region": regions.county_x.pk, "year": YEAR,
                                                     "method": "census"}).status_code == 403


def test_the_county_reads_its_units_checks_and_another_county_gets_404(client, cast, regions, titles):
    check_round = _start(cast, regions, method=RoundMethod.CENSUS)
    mine, theirs = _check_of(check_round, cast.unit_a), _check_of(check_round, cast.unit_b)
    title_check_record(check=mine, by=cast.city_admin, checked_on=TODAY, method="documents", findings="材料齐全",
                       result="passed")
    client.force_login(cast.county_admin_x)
    page = client.get(reverse("title_checks:check", args=[mine.pk])).content.decode()
    assert "材料齐全" in page and "保存核查结论" not in page
    assert client.post(reverse("title_checks:check", args=[mine.pk]), {
        "checked_on": TODAY.isoformat(), "method": "on_site", "findings": "改", "result": "revoke"}).status_code == 403
    assert client.get(reverse("title_checks:check", args=[theirs.pk])).status_code == 404
    listed = client.get(reverse("title_checks:list")).content.decode()
    assert cast.unit_a.name in listed and cast.unit_b.name not in listed
    round_page = client.get(reverse("title_checks:round", args=[check_round.pk])).content.decode()
    assert cast.unit_a.name in round_page and cast.unit_b.name not in round_page
    client.force_login(cast.county_admin_y)
    assert client.get(reverse("title_checks:check", args=[mine.pk])).status_code == 404


def test_a_round_of_one_county_is_404_to_another_county_and_to_another_city(client, cast, regions, titles):
    check_round = _start(cast, regions, region=regions.county_x, method=RoundMethod.CENSUS)
    for user in (cast.county_admin_y, cast.city_admin_other):
        client.force_login(user)
        assert client.get(reverse("title_checks:round", args=[check_round.pk])).status_code == 404
    client.force_login(cast.rep_a)
    assert client.get(reverse("title_checks:list")).status_code == 403


def test_the_export_lists_the_viewers_checks_and_is_audited(client, cast, regions, titles):
    _start(cast, regions, method=RoundMethod.CENSUS)
    entries = LogEntry.objects.count()
    client.force_login(cast.county_admin_y)
    response = client.get(reverse("title_checks:export"), {"year": YEAR})
    sheet = load_workbook(io.BytesIO(response.content)).active
    units = {row[4] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert cast.unit_b.name in units and cast.unit_a.name not in units
    assert LogEntry.objects.count() == entries + 1
    assert "命名单位核查" in str(LogEntry.objects.latest("pk").changes)


# --- the yearly report ---------------------------------------------------------------------------------------

def test_the_yearly_report_counts_the_checks_and_says_so(cast, regions, titles):
    check_round = _start(cast, regions, method=RoundMethod.CENSUS)
    title_check_record(check=_check_of(check_round, cast.unit_a), by=cast.city_admin, checked_on=TODAY,
                       method="on_site", findings="合格", result="passed")
    title_check_record(check=_check_of(check_round, cast.unit_b), by=cast.city_admin, checked_on=TODAY,
                       method="on_site", findings="台账缺失", result="rectify", rectification_deadline=TODAY)
    scope = scope_for(region=regions.city, year=YEAR)
    facts = Facts(kind=ReportKind.CITY, scope=scope, sections=figures_for(scope))
    table = facts.table("title_checks")
    assert table.total[1:] == [10, 2, 1, 1, 0]
    assert title_checks_sentence(facts) == ("命名单位核查方面，本期对10项称号开展核查，已登记结论2项，"
                                            "其中合格1项、限期整改1项、建议取消命名0项。")
