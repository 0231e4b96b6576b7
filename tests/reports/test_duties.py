"""Report duties as data: who reports what by when, built on schedule, edited by the level that set them."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.campaigns.models import CampaignPolicy, NamingLevel
from apps.home.workbench import home_for
from apps.reports.duties import DutyState, duty_occurrences
from apps.reports.models import AnnualReport, ReportDuty, ReportingLevel, ReportKind
from apps.reports.services import ReportError, report_duties_run, report_request

pytestmark = pytest.mark.django_db


def zaozhuang_like(region) -> CampaignPolicy:
    """A city's plan: counties report by 30 November; the city evaluates mid-term 2025 and finally 2027."""
    policy = CampaignPolicy.objects.create(region=region, year=2023)
    ReportDuty.objects.create(policy=policy, kind=ReportKind.COUNTY, reporting_level=ReportingLevel.COUNTY,
                              due_month=11, due_day=30, lead_days=10, recipient="市协调劳动关系三方委员会办公室")
    ReportDuty.objects.create(policy=policy, kind=ReportKind.MIDTERM, reporting_level=ReportingLevel.CITY,
                              due_date=datetime.date(2025, 12, 31), lead_days=20)
    ReportDuty.objects.create(policy=policy, kind=ReportKind.FINAL, reporting_level=ReportingLevel.CITY,
                              due_date=datetime.date(2027, 12, 31), lead_days=20)
    return policy


def hedong_like(county) -> CampaignPolicy:
    """A district that runs its own campaign: its mid-term before November 2025, its final before November 2027."""
    policy = CampaignPolicy.objects.create(region=county, year=2023, naming_level=NamingLevel.COUNTY)
    ReportDuty.objects.create(policy=policy, kind=ReportKind.MIDTERM, reporting_level=ReportingLevel.COUNTY,
                              due_date=datetime.date(2025, 10, 31), lead_days=15)
    ReportDuty.objects.create(policy=policy, kind=ReportKind.FINAL, reporting_level=ReportingLevel.COUNTY,
                              due_date=datetime.date(2027, 10, 31), lead_days=15)
    return policy


def built(today) -> set[tuple[str, str, int]]:
    return {(r.kind, r.region.name, r.year) for r in report_duties_run(today=today)}


def test_county_yearly_reports_build_lead_days_before_30_november(regions, django_capture_on_commit_callbacks,
                                                                 private_media):
    zaozhuang_like(regions.city)
    assert built(datetime.date(2026, 11, 19)) == set()
    with django_capture_on_commit_callbacks(execute=False):
        assert built(datetime.date(2026, 11, 20)) == {("county", "尧都区", 2026), ("county", "曲沃县", 2026)}
    # The next day, and every day after, nothing new: each report exists once.
    assert built(datetime.date(2026, 11, 21)) == set()
    assert AnnualReport.objects.filter(kind=ReportKind.COUNTY, year=2026, requested_by=None).count() == 2


def test_midterm_and_final_build_only_in_their_years(regions, django_capture_on_commit_callbacks, private_media):
    zaozhuang_like(regions.city)
    with django_capture_on_commit_callbacks(execute=False):
        assert ("midterm", "临汾市", 2025) in built(datetime.date(2025, 12, 11))
        # 2026: no evaluation; the county reports a missed run left are caught up.
        assert {kind for kind, _region, _year in built(datetime.date(2026, 12, 11))} == {"county"}
        assert ("final", "临汾市", 2027) in built(datetime.date(2027, 12, 11))


def test_a_district_with_its_own_policy_builds_its_own_midterm_and_not_the_citys_county_report(
        regions, django_capture_on_commit_callbacks, private_media):
    zaozhuang_like(regions.city)
    hedong_like(regions.county_x)
    with django_capture_on_commit_callbacks(execute=False):
        assert built(datetime.date(2025, 10, 16)) == {("midterm", "尧都区", 2025)}
        # 曲沃县 follows the city's plan; 尧都区 runs its own, which sets no yearly county report.
        assert built(datetime.date(2025, 11, 20)) == {("county", "曲沃县", 2025)}


def test_a_county_may_request_its_midterm_only_when_its_policy_makes_it_write_one(regions, cast, private_media,
                                                                                 django_capture_on_commit_callbacks):
    with pytest.raises(ReportError):
        report_request(kind=ReportKind.MIDTERM, region=regions.county_x, year=2025, by=cast.county_admin_x)
    hedong_like(regions.county_x)
    with django_capture_on_commit_callbacks(execute=False):
        report = report_request(kind=ReportKind.MIDTERM, region=regions.county_x, year=2025,
                                by=cast.county_admin_x)
    assert report.region == regions.county_x
    with pytest.raises(ReportError):  # its final is due in 2027, not 2025
        report_request(kind=ReportKind.FINAL, region=regions.county_x, year=2025, by=cast.county_admin_x)
    with pytest.raises(ReportError):  # 曲沃县 has no such duty
        report_request(kind=ReportKind.MIDTERM, region=regions.county_y, year=2025, by=cast.county_admin_y)


def test_occurrences_say_overdue_and_upcoming(regions):
    zaozhuang_like(regions.city)
    occurrences = duty_occurrences(year=2026, within=regions.county_x)
    assert [(o.duty.kind, o.due) for o in occurrences] == [("county", datetime.date(2026, 11, 30))]
    assert occurrences[0].state(datetime.date(2026, 10, 15)) == DutyState.UPCOMING
    assert occurrences[0].state(datetime.date(2026, 12, 1)) == DutyState.OVERDUE
    assert occurrences[0].state(datetime.date(2026, 3, 1)) == DutyState.LATER


@pytest.mark.parametrize("fields, field", [
    ({"kind": ReportKind.COUNTY, "reporting_level": ReportingLevel.CITY, "due_month": 11, "due_day": 30},
     "reporting_level"),
    ({"kind": ReportKind.COUNTY, "reporting_level": ReportingLevel.COUNTY, "due_month": 2, "due_day": 30},
     "due_day"),
    ({"kind": ReportKind.COUNTY, "reporting_level": ReportingLevel.COUNTY}, "due_month"),
    ({"kind": ReportKind.MIDTERM, "reporting_level": ReportingLevel.CITY, "due_month": 11, "due_day": 30},
     "due_date"),
])
def test_a_duty_refuses_a_due_rule_that_does_not_fit_its_kind(regions, fields, field):
    policy = CampaignPolicy.objects.create(region=regions.city, year=2023)
    with pytest.raises(ValidationError) as error:
        ReportDuty(policy=policy, **fields).full_clean()
    assert field in error.value.message_dict


def test_a_districts_policy_cannot_set_a_city_level_report(regions):
    policy = CampaignPolicy.objects.create(region=regions.county_x, year=2023)
    with pytest.raises(ValidationError) as error:
        ReportDuty(policy=policy, kind=ReportKind.MIDTERM, reporting_level=ReportingLevel.CITY,
                   due_date=datetime.date(2025, 10, 31)).full_clean()
    assert "reporting_level" in error.value.message_dict


def test_the_workbench_lists_the_offices_overdue_duty(regions, cast, time_machine):
    zaozhuang_like(regions.city)
    time_machine.move_to(datetime.datetime(2026, 12, 3, 9, 0))
    sections = {str(s.title): s for home in home_for(cast.county_admin_x) for s in home.sections}
    items = sections["报告任务"].items
    assert [(i.label, i.note) for i in items] == [("县级年度报告 · 2026-11-30 截止", "逾期未生成")]
    city_items = {str(s.title): s for home in home_for(cast.city_admin) for s in home.sections}["报告任务"].items
    assert [i.label for i in city_items] == ["下级地区逾期未生成的报告 2 份"]


def _formset_post(policy, rows, *, initial=0):
    data = {"duty-TOTAL_FORMS": str(len(rows)), "duty-INITIAL_FORMS": str(initial), "duty-MIN_NUM_FORMS": "0",
            "duty-MAX_NUM_FORMS": "1000"}
    for n, row in enumerate(rows):
        for key, value in row.items():
            data[f"duty-{n}-{key}"] = value
    return data


def test_the_city_admin_adds_a_duty_and_it_is_audited(client, regions, cast):
    policy = CampaignPolicy.objects.create(region=regions.city, year=2023)
    client.force_login(cast.city_admin)
    url = reverse("reports:duty_edit", args=[policy.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _formset_post(policy, [{
        "kind": "county", "reporting_level": "county", "due_month": "11", "due_day": "30", "lead_days": "10",
        "recipient": "市协调劳动关系三方委员会办公室", "provision": "四(四)1 每年11月底前"}]))
    assert response.status_code == 302
    duty = ReportDuty.objects.get(policy=policy)
    assert (duty.due_month, duty.due_day) == (11, 30)
    assert LogEntry.objects.get_for_object(duty).exists()


def test_bad_due_date_is_refused_with_a_message_and_the_input_kept(client, regions, cast):
    policy = CampaignPolicy.objects.create(region=regions.city, year=2023)
    client.force_login(cast.city_admin)
    response = client.post(reverse("reports:duty_edit", args=[policy.pk]), _formset_post(policy, [{
        "kind": "county", "reporting_level": "county", "due_month": "2", "due_day": "30", "lead_days": "10",
        "recipient": "市三方办公室"}]))
    assert response.status_code == 400
    text = response.content.decode()
    assert "2 月没有 30 日" in text and "市三方办公室" in text
    assert not ReportDuty.objects.exists()


def test_only_the_office_of_the_policys_level_edits_its_duties(client, regions, cast):
    city_policy = CampaignPolicy.objects.create(region=regions.city, year=2023)
    district_policy = CampaignPolicy.objects.create(region=regions.county_x, year=2023)
    for user, policy, status in [
        (cast.city_admin_other, city_policy, 404),   # another city
        (cast.county_admin_x, city_policy, 404),     # reads the city's duties, may not change them
        (cast.city_admin, district_policy, 404),     # the district's own plan is the district's
        (cast.county_admin_y, district_policy, 404),
        (cast.county_admin_x, district_policy, 200),
        (cast.reviewers_x["hrss"], district_policy, 403),
    ]:
        client.force_login(user)
        assert client.get(reverse("reports:duty_edit", args=[policy.pk])).status_code == status, (user, policy)


def test_the_duty_list_shows_inherited_duties_to_the_county_and_nothing_of_another_city(client, regions, cast):
    zaozhuang_like(regions.other_city)
    policy = zaozhuang_like(regions.city)
    client.force_login(cast.county_admin_x)
    response = client.get(reverse("reports:duties") + "?year=2026")
    assert response.status_code == 200
    assert "尧都区" in response.content.decode()
    assert [p.pk for p, _duties, _edit in response.context["policies"]] == [policy.pk]
    assert all(not editable for _p, _d, editable in response.context["policies"])
    assert "曲沃县" not in {o.region.name for o, _s, _l in response.context["occurrences"]}
