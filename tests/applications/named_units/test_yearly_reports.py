from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from apps.applications.named_units.models import YearlyReport, YearlyReportReminder, YearlyReportStatus
from apps.applications.named_units.services import (
    yearly_report_reminders_send,
    yearly_report_review,
    yearly_report_save,
)
from apps.applications.workflow.service import title_revoke
from hlr_portal.celery import app as celery_app
from tests.factories import UnitFactory
from tests.fixtures.named_units import THIS_YEAR, many_titles

pytestmark = pytest.mark.django_db

TEXTS = {"practices": "坚持厂务公开，每季度召开职工代表座谈会。",
         "conditions": "劳动合同签订率100%，按时足额发放工资。",
         "problems": "一线岗位流动性偏高。", "plans": "明年开展工资集体协商。"}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _file(client, title, data):
    return client.post(reverse("named_units:report_file", args=[title.pk]), data)


def test_rep_saves_a_draft_then_submits_and_the_county_is_told(client, cast, titles,
                                                               django_capture_on_commit_callbacks):
    title = titles[0]
    client.force_login(cast.rep_a)
    assert "填报年度工作报告" in client.get(reverse("named_units:mine")).content.decode()
    response = _file(client, title, {"practices": "草稿内容", "save": "1"})
    assert response.status_code == 302
    report = YearlyReport.objects.get(recognition=title, year=THIS_YEAR)
    assert (report.status, report.practices) == (YearlyReportStatus.DRAFT, "草稿内容")
    with django_capture_on_commit_callbacks(execute=True):
        response = _file(client, title, {**TEXTS, "submit": "1"})
    report.refresh_from_db()
    assert response.status_code == 302 and report.status == YearlyReportStatus.SUBMITTED
    assert report.submitted_by == cast.rep_a
    assert cast.county_admin_x.notifications.filter(message__contains="年度工作报告").exists()
    assert not cast.county_admin_y.notifications.exists()
    # Once filed, the form sends the rep to the read-only page.
    assert _file(client, title, {**TEXTS, "practices": "改", "submit": "1"}).status_code == 302
    report.refresh_from_db()
    assert report.practices == TEXTS["practices"]


def test_submitting_with_empty_sections_keeps_what_was_typed(client, cast, titles):
    client.force_login(cast.rep_a)
    response = _file(client, titles[0], {"practices": "只写了这一段", "problems": "问题若干", "submit": "1"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "提交前请填写“劳动合同、集体协商、工资支付、社会保险和职工民主管理情况”" in body
    assert "提交前请填写“下一年度工作打算”" in body
    assert "只写了这一段" in body and "问题若干" in body
    assert not YearlyReport.objects.exists()


def test_an_attachment_that_is_not_a_document_is_refused_and_nothing_is_lost(client, cast, titles):
    client.force_login(cast.rep_a)
    upload = SimpleUploadedFile("report.exe", b"MZ\x90\x00" + b"\x00" * 200, content_type="application/pdf")
    response = _file(client, titles[0], {**TEXTS, "submit": "1", "attachment": upload})
    body = response.content.decode()
    assert response.status_code == 400
    assert "不能上传" in body and TEXTS["plans"] in body
    assert not YearlyReport.objects.exists()


def test_the_attachment_is_private_and_served_only_within_jurisdiction(client, cast, titles, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    report = yearly_report_save(recognition=titles[0], by=cast.rep_a, texts=TEXTS, submit=True,
                                attachment=SimpleUploadedFile("职代会决议.pdf", PDF, content_type="application/pdf"))
    assert report.attachment.path.startswith(str(tmp_path))
    url = reverse("named_units:report_attachment", args=[report.pk])
    client.force_login(cast.county_admin_x)
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == PDF
    client.force_login(cast.county_admin_y)
    assert client.get(url).status_code == 404
    client.force_login(cast.rep_b)
    assert client.get(url).status_code == 404


def test_county_returns_with_comments_and_the_unit_resubmits_then_it_is_accepted(client, cast, titles):
    report = yearly_report_save(recognition=titles[0], by=cast.rep_a, texts=TEXTS, submit=True)
    client.force_login(cast.county_admin_x)
    assert "提交审查结论" in client.get(reverse("named_units:report_detail", args=[report.pk])).content.decode()
    client.post(reverse("named_units:report_review", args=[report.pk]), {"outcome": "return", "comment": ""})
    report.refresh_from_db()
    assert report.status == YearlyReportStatus.SUBMITTED  # a return needs comments
    client.post(reverse("named_units:report_review", args=[report.pk]),
                {"outcome": "return", "comment": "请补充工资集体协商情况"})
    report.refresh_from_db()
    assert report.status == YearlyReportStatus.RETURNED
    assert cast.rep_a.notifications.filter(message__contains="请补充工资集体协商情况").exists()

    client.force_login(cast.rep_a)
    page = client.get(reverse("named_units:report_file", args=[titles[0].pk])).content.decode()
    assert "请补充工资集体协商情况" in page and TEXTS["practices"] in page
    _file(client, titles[0], {**TEXTS, "conditions": "已于9月签订工资集体协议。", "submit": "1"})
    report.refresh_from_db()
    assert report.status == YearlyReportStatus.SUBMITTED

    client.force_login(cast.county_admin_x)
    client.post(reverse("named_units:report_review", args=[report.pk]), {"outcome": "accept", "comment": ""})
    report.refresh_from_db()
    assert (report.status, report.reviewed_by) == (YearlyReportStatus.ACCEPTED, cast.county_admin_x)
    with pytest.raises(ValidationError, match="可能已由他人审查"):
        yearly_report_review(report=report, by=cast.county_admin_x, accept=True, comment="")


def test_other_county_anonymous_and_wrong_role_are_turned_away(client, cast, titles):
    report = yearly_report_save(recognition=titles[0], by=cast.rep_a, texts=TEXTS, submit=True)
    detail = reverse("named_units:report_detail", args=[report.pk])
    review = reverse("named_units:report_review", args=[report.pk])
    file_url = reverse("named_units:report_file", args=[titles[0].pk])
    assert client.get(detail).status_code == 302
    client.force_login(cast.county_admin_y)
    assert client.get(detail).status_code == 404
    assert client.post(review, {"outcome": "accept"}).status_code == 404
    client.force_login(cast.rep_b)
    assert client.get(detail).status_code == 404
    assert client.get(file_url).status_code == 404
    client.force_login(cast.coordinator_x)
    assert client.get(reverse("named_units:report_list")).status_code == 403
    client.force_login(cast.reviewers_x["hrss"])
    assert client.get(detail).status_code == 200
    assert client.post(review, {"outcome": "accept"}).status_code == 403
    report.refresh_from_db()
    assert report.status == YearlyReportStatus.SUBMITTED
    with pytest.raises(ValidationError, match="无权"):
        yearly_report_review(report=report, by=cast.county_admin_y, accept=True, comment="")


def test_a_revoked_title_owes_no_report(cast, titles):
    title_revoke(recognition=titles[0], by=cast.city_admin, reason="发生重大劳动关系事件", on=date.today())
    with pytest.raises(ValidationError, match="不需填报"):
        yearly_report_save(recognition=titles[0], by=cast.rep_a, texts=TEXTS, submit=True)


def test_missing_lists_for_county_and_city(client, cast, titles, regions):
    yearly_report_save(recognition=titles[1], by=cast.rep_b, texts={"practices": "未完成"}, submit=False)
    url = reverse("named_units:missing") + f"?year={THIS_YEAR}"
    client.force_login(cast.county_admin_x)
    body = client.get(url).content.decode()
    assert cast.unit_a.name in body and cast.unit_b.name not in body
    client.force_login(cast.city_admin)
    body = client.get(url).content.decode()
    assert cast.unit_a.name in body and cast.unit_b.name in body and "草稿" in body
    client.force_login(cast.city_admin_other)
    body = client.get(url).content.decode()
    assert cast.unit_a.name not in body and cast.unit_b.name not in body
    yearly_report_save(recognition=titles[0], by=cast.rep_a, texts=TEXTS, submit=True)
    client.force_login(cast.county_admin_x)
    assert cast.unit_a.name not in client.get(url).content.decode()
    client.force_login(cast.rep_a)
    assert client.get(url).status_code == 403


def test_the_city_sees_the_missing_titles_by_county_then_unit_name_with_each_drafts_status(client, cast, titles,
                                                                                           regions):
    from tests.fixtures.named_units import name

    later = name(UnitFactory(name="丙公司", region=regions.county_x), regions.city, cast.city_admin)
    earlier = name(UnitFactory(name="一公司", region=regions.county_x), regions.city, cast.city_admin)
    YearlyReport.objects.create(recognition=later, year=THIS_YEAR, status=YearlyReportStatus.DRAFT)
    x_first = regions.county_x.path < regions.county_y.path
    client.force_login(cast.city_admin)
    page = client.get(reverse("named_units:missing") + f"?year={THIS_YEAR}").context["page"]
    county_x = sorted([earlier, titles[0], later], key=lambda title: (title.unit.name, title.pk))
    county_x = [title.pk for title in county_x]
    expected = county_x + [titles[1].pk] if x_first else [titles[1].pk] + county_x
    assert [title.pk for title in page] == expected
    assert {title.pk: title.report_status for title in page} == {
        pk: (YearlyReportStatus.DRAFT if pk == later.pk else None) for pk in expected}
    assert "草稿" in client.get(reverse("named_units:missing") + f"?year={THIS_YEAR}").content.decode()


def test_a_title_named_this_year_owes_no_report_yet(client, cast, regions):
    from tests.fixtures.named_units import name

    name(cast.unit_a, regions.city, cast.city_admin, year=THIS_YEAR)
    client.force_login(cast.county_admin_x)
    assert cast.unit_a.name not in client.get(reverse("named_units:missing")).content.decode()


def test_reminders_go_out_after_the_due_date_once(cast, titles, settings, django_capture_on_commit_callbacks):
    settings.YEARLY_REPORT_DUE = "06-30"
    yearly_report_save(recognition=titles[1], by=cast.rep_b, texts=TEXTS, submit=True)
    assert yearly_report_reminders_send(today=date(THIS_YEAR, 6, 30)) == 0
    assert yearly_report_reminders_send(today=date(THIS_YEAR, 7, 1)) == 1
    assert yearly_report_reminders_send(today=date(THIS_YEAR, 7, 2)) == 0
    assert cast.rep_a.notifications.filter(message__contains="已逾期").count() == 1
    assert not cast.rep_b.notifications.filter(message__contains="已逾期").exists()
    assert YearlyReportReminder.objects.count() == 1


def test_the_reminder_task_is_scheduled_daily_and_runs():
    from apps.applications.named_units.tasks import yearly_report_reminders

    entry = celery_app.conf.beat_schedule["named-units-yearly-report-reminders"]
    assert entry["task"] == yearly_report_reminders.name
    assert yearly_report_reminders.delay().get() >= 0


@pytest.mark.parametrize("count", [5, 500])
def test_missing_and_report_lists_use_constant_queries(client, cast, regions, count, django_assert_max_num_queries):
    many_titles(regions, cast.city_admin, count)
    client.force_login(cast.county_admin_x)
    with django_assert_max_num_queries(10):
        body = client.get(reverse("named_units:missing")).content.decode()
    assert "批量企业0000" in body
    YearlyReport.objects.bulk_create([YearlyReport(recognition=r, year=THIS_YEAR, status="submitted")
                                      for r in titles_of(regions)])
    with django_assert_max_num_queries(10):
        body = client.get(reverse("named_units:report_list")).content.decode()
    assert "批量企业0000" in body


def test_the_missing_list_is_linked_only_for_those_who_may_open_it(client, cast):
    missing = reverse("named_units:missing")
    client.force_login(cast.county_admin_x)
    assert missing in client.get(reverse("named_units:report_list")).content.decode()
    client.force_login(cast.township_staff_x)
    assert missing not in client.get(reverse("named_units:report_list")).content.decode()
    assert client.get(missing).status_code == 403


def titles_of(regions):
    from apps.applications.recognitions.models import Recognition

    return Recognition.objects.filter(unit__region=regions.county_x)
