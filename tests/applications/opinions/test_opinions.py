"""Department opinions before the notice (征求部门意见): the office sends, departments answer per unit by a deadline,
the notice waits for them, and an objection is decided like a public one."""

from datetime import date, timedelta
from io import BytesIO

import pytest
import time_machine
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse
from openpyxl import load_workbook

from apps.accounts.models import Role
from apps.applications.opinions.models import (
    ConsultationRequest,
    Department,
    DepartmentOpinion,
    OpinionStatus,
    Verdict,
)
from apps.applications.opinions.services import (
    Answer,
    consultation_answer,
    consultation_send,
    department_save,
    opinion_handle,
)
from apps.applications.workflow.service import TransitionRefused, application_transition
from apps.applications.workflow.states import Status
from apps.notifications.models import Notification
from tests.factories import MembershipFactory, UserFactory
from tests.fixtures.reviews import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirmed(application, cast, standard):
    approved(application, cast, standard)
    return application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.city_admin)


@pytest.fixture
def departments(cast, regions):
    """Two of 临汾市's departments: 市场监管 answered by the cast's department user, 税务 by another."""
    market = Department.objects.create(region=regions.city, name="市场监督管理局")
    market.staff.add(cast.department_staff)
    tax_staff = MembershipFactory(user=UserFactory(username="tax_staff"), role=Role.DEPARTMENT_STAFF,
                                  region=regions.city).user
    tax = Department.objects.create(region=regions.city, name="税务局")
    tax.staff.add(tax_staff)
    return market, tax


def _send(confirmed, departments, cast, deadline=None):
    return consultation_send(region=confirmed.campaign_year.city, applications=[confirmed],
                             departments=list(departments), deadline=deadline or date.today() + timedelta(days=5),
                             by=cast.city_admin)


def _answer(consultation, department, verdict=Verdict.NO_OBJECTION, reasons=""):
    request = consultation.requests.get(department=department)
    entry = consultation.entries.get()
    return consultation_answer(request=request, answers={entry.pk: Answer(verdict, reasons)},
                               by=department.staff.get())


def _to_notice(confirmed, cast):
    return application_transition(application=confirmed, to=Status.IN_NOTICE, by=cast.city_admin, comment="公示")


def test_the_notice_waits_until_every_department_answered(confirmed, departments, cast):
    market, tax = departments
    consultation = _send(confirmed, departments, cast)
    with pytest.raises(TransitionRefused, match="市场监督管理局、税务局尚未答复"):
        _to_notice(confirmed, cast)
    _answer(consultation, market)
    with pytest.raises(TransitionRefused, match="税务局尚未答复"):
        _to_notice(confirmed, cast)
    _answer(consultation, tax)
    assert _to_notice(confirmed, cast).status == Status.IN_NOTICE


def test_the_notice_may_start_once_the_deadline_passed_without_every_answer(confirmed, departments, cast):
    deadline = date.today() + timedelta(days=2)
    _send(confirmed, departments, cast, deadline=deadline)
    with time_machine.travel(deadline + timedelta(days=1)):
        assert _to_notice(confirmed, cast).status == Status.IN_NOTICE


def test_an_answer_after_the_deadline_is_refused(confirmed, departments, cast):
    deadline = date.today() + timedelta(days=1)
    consultation = _send(confirmed, departments, cast, deadline=deadline)
    with time_machine.travel(deadline + timedelta(days=1)), pytest.raises(ValidationError, match="截止日期"):
        _answer(consultation, departments[0])


def test_an_upheld_objection_blocks_the_notice_and_sends_the_application_back_to_the_county(
        confirmed, departments, cast):
    market, tax = departments
    consultation = _send(confirmed, departments, cast)
    _answer(consultation, market, Verdict.OBJECTION, "2025年有未结案的行政处罚")
    _answer(consultation, tax)
    with pytest.raises(TransitionRefused, match="部门提出的异议尚有 1 条未处理"):
        _to_notice(confirmed, cast)
    opinion = DepartmentOpinion.objects.get(verdict=Verdict.OBJECTION)
    told = Notification.objects.filter(user=cast.county_admin_x).count()
    opinion_handle(opinion=opinion, upheld=True, resolution="经核实属实", by=cast.city_admin)
    confirmed.refresh_from_db()
    assert confirmed.status == Status.CITY_RETURNED
    event = confirmed.events.latest("pk")
    assert event.comment == "市场监督管理局异议成立：经核实属实"
    assert Notification.objects.filter(user=cast.county_admin_x).count() == told + 1


def test_a_dismissed_objection_lets_the_notice_start(confirmed, departments, cast):
    market, tax = departments
    consultation = _send(confirmed, departments, cast)
    _answer(consultation, market, Verdict.OBJECTION, "有投诉")
    _answer(consultation, tax)
    opinion_handle(opinion=DepartmentOpinion.objects.get(verdict=Verdict.OBJECTION), upheld=False,
                   resolution="投诉已办结，不影响", by=cast.city_admin)
    assert _to_notice(confirmed, cast).status == Status.IN_NOTICE


def test_an_application_is_not_sent_twice_while_its_consultation_runs(confirmed, departments, cast):
    _send(confirmed, departments, cast)
    with pytest.raises(ValidationError, match="已在征求部门意见中"):
        _send(confirmed, departments, cast)


def test_the_office_sends_only_to_its_own_active_departments(confirmed, departments, cast, regions):
    elsewhere = Department.objects.create(region=regions.other_city, name="枣庄市税务局")
    with pytest.raises(ValidationError, match="只能向本地区"):
        _send(confirmed, [departments[0], elsewhere], cast)
    with pytest.raises(ValidationError):
        consultation_send(region=regions.city, applications=[confirmed], departments=list(departments),
                          deadline=date.today() + timedelta(days=3), by=cast.city_admin_other)


def test_the_city_sends_from_the_page_and_each_department_is_told(client, confirmed, departments, cast):
    market, tax = departments
    client.force_login(cast.city_admin)
    page = client.get(reverse("opinions:send")).content.decode()
    assert "甲公司" in page and "市场监督管理局" in page and "税务局" in page
    data = {"ids": [confirmed.pk], "deadline": (date.today() + timedelta(days=5)).isoformat(),
            "departments": [market.pk, tax.pk], "title": "", "note": "请于截止日期前反馈"}
    response = client.post(reverse("opinions:send"), data)
    assert "确认发送征求部门意见" in response.content.decode()
    response = client.post(reverse("opinions:send"), {**data, "confirmed": "1"})
    assert response.status_code == 302
    request = ConsultationRequest.objects.get(department=market)
    note = Notification.objects.get(user=cast.department_staff)
    assert "请于" in note.message and note.url == reverse("opinions:answer", args=[request.pk])


def test_the_send_form_keeps_what_was_typed_when_no_department_is_chosen(client, confirmed, departments, cast):
    client.force_login(cast.city_admin)
    response = client.post(reverse("opinions:send"), {
        "ids": [confirmed.pk], "deadline": (date.today() + timedelta(days=5)).isoformat(), "title": "第一批征求意见"})
    body = response.content.decode()
    assert response.status_code == 400 and "请至少选择一个征求意见的部门" in body and "第一批征求意见" in body


def test_a_department_answers_on_its_page_reasons_required_for_an_objection(client, confirmed, departments, cast):
    consultation = _send(confirmed, departments, cast)
    request = consultation.requests.get(department=departments[0])
    entry = consultation.entries.get()
    client.force_login(cast.department_staff)
    inbox = client.get(reverse("opinions:inbox")).content.decode()
    assert consultation.title in inbox and "待答复" in inbox
    url = reverse("opinions:answer", args=[request.pk])
    assert "甲公司" in client.get(url).content.decode()
    response = client.post(url, {f"verdict-{entry.pk}": Verdict.OBJECTION, f"reasons-{entry.pk}": ""})
    assert response.status_code == 400 and "有异议时请填写异议理由" in response.content.decode()
    assert 'value="objection" checked' in response.content.decode(), "the choice stays"
    answer = {f"verdict-{entry.pk}": Verdict.OBJECTION, f"reasons-{entry.pk}": "存在欠税"}
    body = client.post(url, answer).content.decode()  # an answer is final: asked first, nothing recorded yet
    assert "确认提交意见？提交后不能修改。" in body and "有异议：存在欠税" in body and "甲公司" in body
    assert not DepartmentOpinion.objects.exists()
    response = client.post(url, {**answer, "confirmed": "1"})
    assert response.status_code == 302
    opinion = DepartmentOpinion.objects.get()
    assert (opinion.verdict, opinion.reasons, opinion.status) == (Verdict.OBJECTION, "存在欠税", OpinionStatus.PENDING)
    assert Notification.objects.filter(user=cast.city_admin, message__contains="有异议").exists()
    assert client.post(url, {f"verdict-{entry.pk}": Verdict.NO_OBJECTION}).status_code == 400  # answered once


def test_department_staff_see_only_their_departments_consultations(client, confirmed, departments, cast):
    consultation = _send(confirmed, departments, cast)
    tax_request = consultation.requests.get(department=departments[1])
    client.force_login(cast.department_staff)
    assert client.get(reverse("opinions:answer", args=[tax_request.pk])).status_code == 404
    assert "税务局" not in client.get(reverse("opinions:inbox")).content.decode()
    for name in ("opinions:list", "registry:unit_list", "recognitions:list", "assessments:list", "notices:manage"):
        assert client.get(reverse(name)).status_code == 403, name
    assert client.get(reverse("opinions:detail", args=[consultation.pk])).status_code == 403


def test_a_department_user_whose_role_was_withdrawn_opens_nothing(client, confirmed, departments, cast):
    consultation = _send(confirmed, departments, cast)
    request = consultation.requests.get(department=departments[0])
    cast.department_staff.memberships.all().delete()
    MembershipFactory(user=cast.department_staff, role=Role.DEPARTMENT_STAFF, region=cast.city_admin_other
                      .memberships.get().region)
    client.force_login(cast.department_staff)
    assert client.get(reverse("opinions:answer", args=[request.pk])).status_code == 404


def test_the_city_sees_the_objection_decides_it_and_another_city_gets_404(client, confirmed, departments, cast):
    market, tax = departments
    consultation = _send(confirmed, departments, cast)
    _answer(consultation, market, Verdict.OBJECTION, "有环境违法记录")
    client.force_login(cast.city_admin)
    page = client.get(reverse("opinions:detail", args=[consultation.pk])).content.decode()
    assert "有环境违法记录" in page and "未答复" in page and "有异议" in page
    opinion = DepartmentOpinion.objects.get()
    url = reverse("opinions:handle", args=[opinion.pk])
    client.post(url, {"outcome": "dismissed", "resolution": "已整改", "confirmed": "1"})
    opinion.refresh_from_db()
    assert opinion.status == OpinionStatus.DISMISSED and opinion.handled_by == cast.city_admin
    client.force_login(cast.city_admin_other)
    assert client.get(reverse("opinions:detail", args=[consultation.pk])).status_code == 404
    assert client.get(reverse("opinions:export", args=[consultation.pk])).status_code == 404


def test_the_consultation_page_reads_in_english_without_chinese_punctuation_around_names(
        client, confirmed, departments, cast):
    market, tax = departments
    consultation = _send(confirmed, departments, cast)
    _answer(consultation, market, Verdict.OBJECTION, "有环境违法记录")
    opinion = DepartmentOpinion.objects.get()
    client.force_login(cast.city_admin)
    client.post(reverse("opinions:handle", args=[opinion.pk]),
                {"outcome": "dismissed", "resolution": "已整改", "confirmed": "1"})
    client.cookies["django_language"] = "en"
    page = client.get(reverse("opinions:detail", args=[consultation.pk])).content.decode()
    answered_by = market.staff.get()
    assert f"Started by: {cast.city_admin}, " in page
    assert f"市场监督管理局: Answered ({answered_by}, " in page and "税务局: Not answered" in page
    assert f"Objection not upheld: 已整改 ({cast.city_admin}, " in page
    assert "，" not in page.split("<main", 1)[1]


def test_the_export_has_a_row_per_unit_and_department_with_the_answers(client, confirmed, departments, cast):
    market, tax = departments
    consultation = _send(confirmed, departments, cast)
    _answer(consultation, market, Verdict.OBJECTION, "有行政处罚")
    client.force_login(cast.city_admin)
    response = client.get(reverse("opinions:export", args=[consultation.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    body = [row for row in rows if row and row[1] == "甲公司"]
    assert {(row[3], row[4], row[5] or "") for row in body} == {
        ("市场监督管理局", "有异议", "有行政处罚"), ("税务局", "未答复", "")}


def test_the_office_keeps_its_own_department_list_with_staff_who_hold_the_role(client, cast, regions):
    client.force_login(cast.city_admin)
    response = client.post(reverse("opinions:departments"), {
        "name": "生态环境局", "is_active": "on", "staff": [str(cast.department_staff.pk)]})
    assert response.status_code == 302
    department = Department.objects.get(name="生态环境局")
    assert department.region == regions.city and list(department.staff.all()) == [cast.department_staff]
    with pytest.raises(ValidationError, match="不是本地区的征求意见部门人员"):
        department_save(region=regions.city, name="应急管理局", staff=[cast.county_admin_x], by=cast.city_admin)
    with pytest.raises(ValidationError, match="只有本级三方办公室"):
        department_save(region=regions.city, name="信访局", by=cast.county_admin_x)
    response = client.post(reverse("opinions:departments"), {"name": "生态环境局", "is_active": "on"})
    assert response.status_code == 400 and "本地区已有同名部门" in response.content.decode()


def test_answers_and_decisions_are_in_the_audit_trail(confirmed, departments, cast):
    market, tax = departments
    consultation = _send(confirmed, departments, cast)
    _answer(consultation, market, Verdict.OBJECTION, "有投诉")
    opinion_handle(opinion=DepartmentOpinion.objects.get(), upheld=False, resolution="已核实", by=cast.city_admin)
    entries = LogEntry.objects.get_for_model(DepartmentOpinion)
    assert entries.filter(action=LogEntry.Action.CREATE).count() == 1
    update = entries.filter(action=LogEntry.Action.UPDATE).get()
    assert update.changes["status"][1] == "dismissed" and update.scope.application_id == confirmed.pk
    assert LogEntry.objects.get_for_model(ConsultationRequest).filter(action=LogEntry.Action.CREATE).count() == 2


def test_each_candidate_is_a_labelled_checkbox_checked_until_a_refused_form_says_otherwise(
        client, confirmed, departments, cast):
    client.force_login(cast.city_admin)
    pk, unit = confirmed.pk, confirmed.unit
    row = ('<div class="form-check"><input class="form-check-input" type="checkbox" name="ids" value="{pk}" '
           'id="app-{pk}"{checked}><label class="form-check-label" for="app-{pk}">{region} · {name}（{year}）</label>'
           "</div>")
    fields = {"pk": pk, "region": unit.region.name, "name": unit.name, "year": confirmed.campaign_year.year}
    assert row.format(checked=" checked", **fields) in client.get(reverse("opinions:send")).content.decode()
    refused = client.post(reverse("opinions:send"), {"ids": ["0"], "title": "x"}).content.decode()
    assert row.format(checked="", **fields) in refused


def test_a_unit_whose_consultation_runs_is_named_on_the_send_form_and_not_offered_again(
        client, confirmed, departments, cast):
    _send(confirmed, departments, cast)
    client.force_login(cast.city_admin)
    page = client.get(reverse("opinions:send")).content.decode()
    assert f"正在征求意见中（不能重复发送）：{confirmed.unit.name}" in page
    assert f'name="ids" value="{confirmed.pk}"' not in page


def test_a_department_objection_has_no_outcome_chosen_and_a_refused_decision_keeps_what_was_typed(
        client, confirmed, departments, cast):
    market, _tax = departments
    consultation = _send(confirmed, departments, cast)
    _answer(consultation, market, Verdict.OBJECTION, "有环境违法记录")
    opinion = DepartmentOpinion.objects.get()
    client.force_login(cast.city_admin)
    page = client.get(reverse("opinions:detail", args=[consultation.pk])).content.decode()
    radios = [tag for tag in page.split("<input")[1:] if 'name="outcome"' in tag]
    assert len(radios) == 2 and not any("checked" in tag.split(">")[0] for tag in radios)
    response = client.post(reverse("opinions:handle", args=[opinion.pk]), {"outcome": "upheld", "resolution": ""})
    body = response.content.decode()
    assert response.status_code == 400 and "请填写处理意见。" in body
    chosen = [tag.split(">")[0] for tag in body.split("<input")[1:] if 'name="outcome"' in tag]
    assert ["checked" in tag for tag in chosen] == [False, True]  # 异议成立 stays chosen
    opinion.refresh_from_db()
    assert opinion.status == OpinionStatus.PENDING
