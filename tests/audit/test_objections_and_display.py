"""What the public's objection and the city's decision leave in the trail, how values read, and append-only rows."""

from datetime import date

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, transaction
from django.urls import reverse

from apps.applications.notices.models import Objection
from apps.applications.notices.services import notice_publish
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import Status
from apps.audit.display import entries_described
from apps.oversight.revocations.models import RevocationRule
from apps.oversight.risks.models import RiskEvent
from tests.factories import RiskEventFactory
from tests.fixtures.reviews import approved

pytestmark = pytest.mark.django_db


def test_a_public_objection_and_its_decision_are_recorded_without_the_objectors_details(
        client, application, cast, standard):
    approved(application, cast, standard)
    application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.city_admin)
    notice = notice_publish(city=application.campaign_year.city, applications=[application],
                            starts_on=date.today(), working_days=5, by=cast.city_admin)
    entry = notice.entries.get()
    assert client.post(reverse("notices:object", args=[notice.pk]), {
        "entry": entry.pk, "content": "该企业拖欠工资", "contact": "13800000000"}).status_code == 302
    objection = Objection.objects.get()
    client.force_login(cast.city_admin)
    client.post(reverse("notices:handle", args=[objection.pk]), {"outcome": "dismissed", "resolution": "经核实不属实",
                                                                         "confirmed": "1"})

    filed, decided = LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Objection)).order_by("pk")
    assert filed.actor is None and filed.remote_addr == "127.0.0.1"
    assert decided.actor == cast.city_admin and decided.changes["status"] == ["pending", "dismissed"]
    assert decided.scope.application_id == application.pk
    page = client.get(reverse("audit:list"), {"kind": "applications.objection"}).content.decode()
    assert "未登录访问（127.0.0.1）" in page and "异议不成立" in page and "经核实不属实" in page
    assert "13800000000" not in page and "该企业拖欠工资" not in page


def test_values_read_as_labels_names_and_local_times(cast, regions):
    rule = RevocationRule.objects.create(city=regions.city, name="群体性事件", kinds=["mass_incident"],
                                         min_severity=2, updated_by=cast.city_admin)
    rule.is_active = False
    rule.kinds = ["mass_incident", "wage_arrears"]
    rule.save()
    event = RiskEventFactory(unit=cast.unit_a, severity=4, kind="wage_arrears")

    def described(model, pk, action):
        return entries_described(LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id=pk, action=action))[0]

    rule_change = described(RevocationRule, rule.pk, LogEntry.Action.UPDATE)
    assert {c.label: (c.before, c.after) for c in rule_change.changes} == {
        "事件类型": ("群体性事件", "群体性事件、拖欠工资"), "启用": ("是", "否")}
    event_created = described(RiskEvent, event.pk, LogEntry.Action.CREATE)
    shown = {c.label: c.after for c in event_created.changes}
    assert (shown["严重程度"], shown["单位"], shown["事件类型"]) == ("特别重大", "甲公司", "拖欠工资")
    assert (event_created.actor, event_created.action, event_created.kind) == ("系统", "新建", "风险事件")


def test_a_datetime_is_shown_in_china_time(cast, application, standard):
    from tests.fixtures.reviews import form_panel

    form_panel(application, cast)
    member = application.review_panel.members.first()
    entry = LogEntry(content_type=ContentType.objects.get_for_model(member), object_pk=str(member.pk),
                       object_id=member.pk, object_repr="x", action=LogEntry.Action.UPDATE,
                       changes={"sheet_submitted_at": [None, "2026-03-01 16:30:00"]})
    (change,) = entries_described([entry])[0].changes
    assert (change.label, change.before, change.after) == ("评分提交时间", "—", "2026-03-02 00:30:00")


def test_a_veto_answer_reads_as_yes_or_no_in_chinese_and_a_score_as_typed(cast, application):
    from apps.applications.assessments.models import Answer

    answer = Answer.objects.filter(application=application).first() or Answer(pk=1)
    entry = LogEntry(content_type=ContentType.objects.get_for_model(Answer), object_pk=str(answer.pk),
                     object_id=answer.pk, object_repr="x", action=LogEntry.Action.UPDATE,
                     changes={"value": ["no", "yes"], "narrative": ["", "存在欠薪"]})
    shown = {c.label: (c.before, c.after) for c in entries_described([entry])[0].changes}
    assert shown["自评分"] == ("否", "是")
    entry.changes = {"value": ["8", "9.5"]}
    assert [(c.before, c.after) for c in entries_described([entry])[0].changes] == [("8", "9.5")]


def test_the_database_refuses_to_change_or_delete_an_entry(cast):
    RiskEventFactory(unit=cast.unit_a)
    entry = LogEntry.objects.get()
    for attempt in (lambda: LogEntry.objects.filter(pk=entry.pk).update(object_repr="改过"),
                    lambda: LogEntry.objects.filter(pk=entry.pk).delete()):
        with pytest.raises(DatabaseError, match="变更记录只能新增"), transaction.atomic():
            attempt()
    assert LogEntry.objects.get().object_repr == entry.object_repr


def test_a_task_run_inside_a_request_leaves_the_requests_actor_in_place(cast):
    from auditlog.context import set_actor

    from apps.audit.services import audit_acting_as

    with set_actor(cast.rep_a):
        with audit_acting_as(cast.city_admin):
            by_task = RiskEventFactory(unit=cast.unit_a)
        after = RiskEventFactory(unit=cast.unit_a)
    actors = {entry.object_id: entry.actor for entry in LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(RiskEvent))}
    assert (actors[by_task.pk], actors[after.pk]) == (cast.city_admin, cast.rep_a)
