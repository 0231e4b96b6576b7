"""Report pages: happy path, anonymous, wrong role, other county and other city; constant query counts."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse

from apps.core.jobs import JobStatus
from apps.reports.models import AnnualReport, CountyNarrative, ReportKind, TypicalCase
from apps.reports.services import report_build, report_request
from tests.browser_form import form_values
from tests.fixtures.reports import YEAR

pytestmark = pytest.mark.django_db


def as_user(client, user):
    client.force_login(user)
    return client


def done(kind, region, by) -> AnnualReport:
    report = report_request(kind=kind, region=region, year=YEAR, by=by)
    report_build(report_id=report.pk)
    report.refresh_from_db()
    return report


# Dashboard

def test_city_dashboard_shows_counties_side_by_side_with_charts(client, city_data, cast, regions):
    body = as_user(client, cast.city_admin).get(reverse("reports:dashboard"), {"year": YEAR}).content.decode()
    assert "各县(市、区)对比" in body and regions.county_x.name in body and regions.county_y.name in body
    assert "<svg" in body and "WenQuanYi Micro Hei" in body
    assert "历年变化" in body


def test_county_dashboard_shows_only_its_county(client, city_data, cast, regions):
    response = as_user(client, cast.county_admin_x).get(reverse("reports:dashboard"), {"year": YEAR})
    body = response.content.decode()
    assert response.status_code == 200 and "各县(市、区)对比" not in body and "尧都区" in body
    assert "薄弱条目" in body


def test_county_admin_cannot_open_another_countys_dashboard(client, regions, cast):
    response = as_user(client, cast.county_admin_x).get(reverse("reports:dashboard"),
                                                        {"region": regions.county_y.pk})
    assert response.status_code == 404


def test_county_admin_cannot_open_the_city_dashboard(client, regions, cast):
    response = as_user(client, cast.county_admin_x).get(reverse("reports:dashboard"), {"region": regions.city.pk})
    assert response.status_code == 404


def test_other_city_admin_gets_404_for_this_city(client, regions, cast):
    response = as_user(client, cast.city_admin_other).get(reverse("reports:dashboard"),
                                                          {"region": regions.city.pk})
    assert response.status_code == 404


@pytest.mark.parametrize("name", ["reports:dashboard", "reports:list", "reports:case_list"])
def test_anonymous_goes_to_login_and_unit_rep_is_refused(client, cast, name):
    assert client.get(reverse(name))["Location"].startswith(reverse("accounts:login"))
    assert as_user(client, cast.rep_a).get(reverse(name)).status_code == 403


def _bulk_applications(regions, n: int) -> None:
    from apps.applications.assessments.models import Application
    from apps.campaigns.models import CampaignYear
    from apps.registry.units.models import Unit
    from apps.standards.models import Standard

    campaign = CampaignYear.objects.get(city=regions.city, year=YEAR)
    standard = Standard.objects.first()
    units = Unit.objects.bulk_create(Unit(name=f"批量{i}", kind="enterprise", region=regions.county_x)
                                     for i in range(n))
    Application.objects.bulk_create(Application(unit=u, campaign_year=campaign, standard=standard,
                                                status="submitted") for u in units)


def test_dashboard_queries_do_not_grow_with_the_number_of_units(client, city_data, cast, regions,
                                                                django_assert_max_num_queries):
    as_user(client, cast.city_admin)
    _bulk_applications(regions, 5)
    # 45: the figures of every section, the target and supervision panels (issue 20) included; what matters
    # is the second half: 500 units cost no more queries than 5. Both requests start from an empty cache (the
    # session is then read from the database too), so they are counted alike.
    cache.clear()
    with django_assert_max_num_queries(45) as small:
        client.get(reverse("reports:dashboard"), {"year": YEAR})
    _bulk_applications(regions, 495)
    cache.clear()  # the dashboard keeps its figures for ten minutes; this compares two computations
    with django_assert_max_num_queries(len(small.captured_queries)):
        body = client.get(reverse("reports:dashboard"), {"year": YEAR}).content.decode()
    # 尧都区: 500 bulk + 8 listed units + unit A registered; 500 bulk + 6 listed applications submitted.
    assert '<td>尧都区</td><td class="text-end">509</td><td class="text-end">506</td>' in body


def test_dashboard_figures_are_shared_for_ten_minutes_and_say_when_they_were_computed(
        client, city_data, cast, regions, django_assert_max_num_queries):
    as_user(client, cast.city_admin)
    _bulk_applications(regions, 5)
    with time_machine.travel(datetime(2026, 11, 20, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        first = client.get(reverse("reports:dashboard"), {"year": YEAR}).content.decode()
        _bulk_applications(regions, 10)
        with django_assert_max_num_queries(12):
            again = client.get(reverse("reports:dashboard"), {"year": YEAR}).content.decode()
    assert "统计时间：2026-11-20 09:30" in first and "统计时间：2026-11-20 09:30" in again
    assert '<td>尧都区</td><td class="text-end">14</td>' in again  # the figures of 09:30, before the 10 new units
    assert 590 <= cache.ttl(f"reports:dashboard:{regions.city.pk}:{YEAR}") <= 600


def test_the_rendered_figures_are_kept_per_language_and_never_longer_than_the_figures(client, city_data, cast,
                                                                                     regions):
    """The page keeps its figures' markup (reports/views.py ``_dashboard_figures``) per language, and drops it when
    the figures it shows are recomputed: built six minutes after them, it is kept four minutes more."""
    as_user(client, cast.city_admin)
    computed = datetime(2026, 11, 20, 9, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(computed, tick=False):
        chinese = client.get(reverse("reports:dashboard"), {"year": YEAR}).content.decode()
    client.cookies["django_language"] = "en"
    with time_machine.travel(computed + timedelta(minutes=6), tick=False):
        english = client.get(reverse("reports:dashboard"), {"year": YEAR}).content.decode()
    assert "目标责任完成情况" in chinese and "Target responsibility" not in chinese
    assert "Target responsibility" in english and "目标责任完成情况" not in english
    assert "2026-11-20 09:30" in english  # the figures of 09:30, in English
    assert 590 <= cache.ttl(f"reports:dashboard:page:{regions.city.pk}:{YEAR}:zh-hans") <= 600
    assert 230 <= cache.ttl(f"reports:dashboard:page:{regions.city.pk}:{YEAR}:en") <= 240


# Report list, start, progress, download

def test_city_admin_starts_the_city_summary_and_downloads_it(client, city_data, cast, regions,
                                                            django_capture_on_commit_callbacks):
    as_user(client, cast.city_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:start"), {"kind": "city", "region": regions.city.pk, "year": YEAR})
    report = AnnualReport.objects.get()
    assert response["Location"] == reverse("reports:detail", args=[report.pk])
    page = client.get(response["Location"]).content.decode()
    assert "下载 PDF" in page and "下载 Excel" in page
    download = client.get(reverse("reports:download", args=[report.pk, "pdf"]))
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    xlsx = client.get(reverse("reports:download", args=[report.pk, "xlsx"]))
    assert xlsx.status_code == 200 and "attachment" in xlsx["Content-Disposition"]


def test_progress_fragment_polls_while_building(client, cast, regions):
    report = report_request(kind=ReportKind.CITY, region=regions.city, year=YEAR, by=cast.city_admin)
    AnnualReport.objects.filter(pk=report.pk).update(status=JobStatus.RUNNING, progress=42)
    response = as_user(client, cast.city_admin).get(reverse("reports:detail", args=[report.pk]),
                                                     HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert 'hx-trigger="every 2s"' in body and "42%" in body and "<html" not in body
    assert client.get(reverse("reports:download", args=[report.pk, "pdf"])).status_code == 404


def test_failed_report_shows_the_reason_and_can_be_started_again(client, city_data, cast, regions,
                                                                 django_capture_on_commit_callbacks):
    report = AnnualReport.objects.create(kind=ReportKind.CITY, region=regions.city, year=YEAR, version=1,
                                         status=JobStatus.FAILED, error="生成过程中断，请重新生成。")
    as_user(client, cast.city_admin)
    assert "生成过程中断" in client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert client.get(reverse("reports:download", args=[report.pk, "pdf"])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:retry", args=[report.pk]))
    new = AnnualReport.objects.get(version=2)
    assert response["Location"] == reverse("reports:detail", args=[new.pk]) and new.status == JobStatus.DONE


@pytest.mark.parametrize("admin", ["city_admin", "county_admin_x"])
def test_the_start_form_as_it_opens_generates_a_report(client, city_data, cast, admin,
                                                       django_capture_on_commit_callbacks):
    # A city admin's form opened on the city with the county's yearly report, and Generate was refused.
    page = as_user(client, getattr(cast, admin)).get(reverse("reports:list")).content.decode()
    form = page[page.index(f'action="{reverse("reports:start")}"'):]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:start"), form_values(form[:form.index("</form>")]))
    assert response.status_code == 302, response.content.decode()
    assert AnnualReport.objects.get().kind == (ReportKind.CITY if admin == "city_admin" else ReportKind.COUNTY)


def test_county_admin_cannot_start_the_city_summary(client, cast, regions):
    response = as_user(client, cast.county_admin_x).post(
        reverse("reports:start"), {"kind": "city", "region": regions.city.pk, "year": YEAR})
    assert response.status_code == 400 and AnnualReport.objects.count() == 0
    assert "选择一个有效的选项" in response.content.decode()  # the city is not among the county admin's regions


def test_county_admin_cannot_start_a_city_kind_for_the_county(client, cast, regions):
    # A mid-term evaluation is the city's unless the county's own policy makes the county write one (test_duties).
    response = as_user(client, cast.county_admin_x).post(
        reverse("reports:start"), {"kind": "midterm", "region": regions.county_x.pk, "year": YEAR})
    body = response.content.decode()
    assert response.status_code == 400 and "中期、终期评估按市生成" in body
    assert f'value="{YEAR}"' in body  # what was entered is kept


def test_county_admin_starts_and_downloads_the_county_report(client, city_data, cast, regions,
                                                            django_capture_on_commit_callbacks):
    as_user(client, cast.county_admin_x)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("reports:start"), {"kind": "county", "region": regions.county_x.pk, "year": YEAR})
    report = AnnualReport.objects.get()
    assert client.get(reverse("reports:download", args=[report.pk, "pdf"])).status_code == 200


def test_reports_of_other_regions_are_404(client, city_data, cast, regions):
    city_report = done(ReportKind.CITY, regions.city, cast.city_admin)
    county_y_report = done(ReportKind.COUNTY, regions.county_y, cast.county_admin_y)
    as_user(client, cast.county_admin_x)
    for report in (city_report, county_y_report):
        assert client.get(reverse("reports:detail", args=[report.pk])).status_code == 404
        assert client.get(reverse("reports:download", args=[report.pk, "pdf"])).status_code == 404
        assert client.post(reverse("reports:retry", args=[report.pk])).status_code == 404
    as_user(client, cast.city_admin_other)
    assert client.get(reverse("reports:download", args=[city_report.pk, "pdf"])).status_code == 404
    as_user(client, cast.city_admin)
    assert client.get(reverse("reports:download", args=[county_y_report.pk, "xlsx"])).status_code == 200


def test_report_list_shows_the_jurisdiction_only(client, cast, regions):
    AnnualReport.objects.create(kind=ReportKind.COUNTY, region=regions.county_x, year=YEAR, version=1,
                                status=JobStatus.FAILED)
    AnnualReport.objects.create(kind=ReportKind.COUNTY, region=regions.county_y, year=YEAR, version=1,
                                status=JobStatus.FAILED)
    body = as_user(client, cast.county_admin_x).get(reverse("reports:list")).content.decode()
    assert "尧都区" in body and "曲沃县</td>" not in body


def test_report_list_queries_are_constant(client, cast, regions, django_assert_max_num_queries):
    def add(n, start):
        AnnualReport.objects.bulk_create(
            AnnualReport(kind=ReportKind.COUNTY, region=regions.county_x, year=YEAR, version=start + i,
                         status=JobStatus.FAILED, requested_by=cast.county_admin_x) for i in range(n))

    as_user(client, cast.city_admin)
    add(5, 1)
    with django_assert_max_num_queries(20) as small:
        client.get(reverse("reports:list"))
    add(495, 6)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get(reverse("reports:list"))
    assert "第 1 / 17 页" in response.content.decode()


# Narratives and typical cases

def test_county_admin_writes_the_narrative(client, cast, regions):
    as_user(client, cast.county_admin_x)
    url = reverse("reports:narrative") + f"?year={YEAR}"
    assert "主要做法" in client.get(url).content.decode()
    response = client.post(url, {"practices": "包联指导", "achievements": "成效明显", "shortcomings": "覆盖不足"})
    assert response.status_code == 302
    narrative = CountyNarrative.objects.get(region=regions.county_x, year=YEAR)
    assert (narrative.practices, narrative.updated_by) == ("包联指导", cast.county_admin_x)


def test_narrative_of_another_county_is_404_and_city_admin_is_refused(client, cast, regions):
    response = as_user(client, cast.county_admin_x).get(reverse("reports:narrative"), {"region": regions.county_y.pk})
    assert response.status_code == 404
    assert as_user(client, cast.city_admin).get(reverse("reports:narrative")).status_code == 403


def test_case_missing_its_title_keeps_what_was_typed(client, cast, regions):
    response = as_user(client, cast.county_admin_x).post(reverse("reports:case_new"), {
        "region": regions.county_x.pk, "year": YEAR, "title": "", "unit_name": "甲公司", "body": "一段很长的案例正文",
    })
    body = response.content.decode()
    assert response.status_code == 400 and "这个字段是必填项" in body and "一段很长的案例正文" in body


def test_published_cases_are_public_and_drafts_are_not(client, cast, regions):
    as_user(client, cast.county_admin_x)
    client.post(reverse("reports:case_new"), {"region": regions.county_x.pk, "year": YEAR, "title": "协商共赢",
                                              "unit_name": "", "body": "正文"})
    case = TypicalCase.objects.get()
    client.logout()
    assert client.get(reverse("reports:public_case", args=[case.pk])).status_code == 404
    assert "协商共赢" not in client.get(reverse("reports:public_cases")).content.decode()
    as_user(client, cast.county_admin_x).post(reverse("reports:case_publish", args=[case.pk]))
    client.logout()
    assert "协商共赢" in client.get(reverse("reports:public_cases")).content.decode()
    assert "正文" in client.get(reverse("reports:public_case", args=[case.pk])).content.decode()


def test_a_withdrawn_or_edited_case_leaves_the_kept_public_list(client, cast, regions):
    """The public list is kept per page: withdrawing a case (case_publish) and editing a published one (case_save)
    each drop it."""
    case = TypicalCase.objects.create(region=regions.county_x, year=YEAR, title="协商共赢", body="正文",
                                      created_by=cast.county_admin_x)
    as_user(client, cast.county_admin_x).post(reverse("reports:case_publish", args=[case.pk]))
    client.logout()
    assert "协商共赢" in client.get(reverse("reports:public_cases")).content.decode()
    as_user(client, cast.county_admin_x).post(reverse("reports:case_edit", args=[case.pk]), {
        "region": regions.county_x.pk, "year": YEAR, "title": "共商共建", "unit_name": "", "body": "正文"})
    client.logout()
    page = client.get(reverse("reports:public_cases")).content.decode()
    assert "共商共建" in page and "协商共赢" not in page
    as_user(client, cast.county_admin_x).post(reverse("reports:case_publish", args=[case.pk]))
    client.logout()
    assert "共商共建" not in client.get(reverse("reports:public_cases")).content.decode()


def test_a_kept_public_case_list_is_read_without_queries(client, cast, regions, django_assert_num_queries):
    TypicalCase.objects.create(region=regions.county_x, year=YEAR, title="协商共赢", body="正文",
                               published_at=datetime.now(ZoneInfo("Asia/Shanghai")))
    assert "协商共赢" in client.get(reverse("reports:public_cases")).content.decode()
    with django_assert_num_queries(0):
        assert "协商共赢" in client.get(reverse("reports:public_cases")).content.decode()


def test_another_countys_admin_cannot_edit_or_publish_a_case(client, cast, regions):
    case = TypicalCase.objects.create(region=regions.county_x, year=YEAR, title="案例", body="正文")
    as_user(client, cast.county_admin_y)
    assert client.get(reverse("reports:case_edit", args=[case.pk])).status_code == 404
    assert client.post(reverse("reports:case_publish", args=[case.pk])).status_code == 404
    case.refresh_from_db()
    assert not case.is_published


def test_home_page_lists_the_latest_reports_of_the_region(client, cast, regions):
    AnnualReport.objects.create(kind=ReportKind.COUNTY, region=regions.county_x, year=YEAR, version=3,
                                status=JobStatus.FAILED)
    AnnualReport.objects.create(kind=ReportKind.COUNTY, region=regions.county_y, year=YEAR, version=7,
                                status=JobStatus.FAILED)
    body = as_user(client, cast.county_admin_x).get(reverse("home:home")).content.decode()
    assert "尧都区 2026 县级年度报告 v3" in body and "查看统计分析" in body
    assert "曲沃县 2026 县级年度报告" not in body
