"""Notifications where people expect them (14.12): who is told of what, how many messages, and what the mail says."""

import datetime

import pytest
import time_machine
from django.core import mail

from apps.applications.notices.services import notice_publish, objection_file
from apps.applications.recognitions.services import recognition_create
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import Status
from apps.notifications.models import Notification
from apps.notifications.services import notify
from apps.oversight.revocations.checks import revocation_check_run
from apps.oversight.revocations.models import RevocationCase
from apps.oversight.revocations.services import revocation_case_confirm
from apps.oversight.risks.models import RiskKind, Severity
from apps.oversight.risks.services import api_client_create, risk_event_create, risk_event_receive
from tests.factories import RiskEventFactory
from tests.fixtures.reviews import approved, make_application

pytestmark = pytest.mark.django_db


def _told(**filters) -> dict[str, list[str]]:
    """Username → the messages they received."""
    told: dict[str, list[str]] = {}
    for notification in Notification.objects.filter(**filters).select_related("user").order_by("pk"):
        told.setdefault(notification.user.username, []).append(notification.message)
    return told


def test_the_mail_subject_says_what_happened_and_the_link_is_absolute(cast, settings,
                                                                      django_capture_on_commit_callbacks):
    settings.PUBLIC_BASE_URL = "https://hlr.example.gov.cn/"
    cast.rep_a.email = "rep@example.org"
    cast.rep_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[cast.rep_a], message="甲公司的2026年度创建申报：退回修改。理由：材料不全", url="/applications/7/")
    message = mail.outbox[0]
    assert "甲公司的2026年度创建申报：退回修改" in message.subject
    assert "https://hlr.example.gov.cn/applications/7/" in message.body


def test_a_long_reason_is_shortened_to_fit_the_message_not_refused(cast):
    notify(users=[cast.rep_a], message="理由：" + "很长" * 400)
    assert len(Notification.objects.get(user=cast.rep_a).message) == 500


def test_a_city_send_back_tells_the_county_office_with_its_reason(application, cast, standard):
    approved(application, cast, standard)
    Notification.objects.all().delete()
    application_transition(application=application, to=Status.CITY_RETURNED, by=cast.city_admin,
                           comment="现场核查记录缺少签字")
    told = _told()
    assert list(told) == ["county_admin_x"]
    assert len(told["county_admin_x"]) == 1 and "理由：现场核查记录缺少签字" in told["county_admin_x"][0]


def test_a_new_objection_tells_the_city_office_of_the_unit_once(application, cast, standard):
    approved(application, cast, standard)
    application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.city_admin)
    today = datetime.date.today()
    with time_machine.travel(datetime.datetime.combine(today, datetime.time(12)), tick=False):
        notice = notice_publish(city=application.campaign_year.city, applications=[application], starts_on=today,
                                working_days=5, by=cast.city_admin)
    Notification.objects.all().delete()
    objection_file(entry=notice.entries.get(), contact="139", content="有欠薪")
    told = _told()
    assert list(told) == ["city_admin"] and len(told["city_admin"]) == 1
    assert "甲公司" in told["city_admin"][0] and "异议" in told["city_admin"][0]


def test_a_new_risk_event_tells_the_county_office_of_the_unit(cast):
    risk_event_create(unit=cast.unit_a, kind=RiskKind.WAGE_ARREARS, occurred_on=datetime.date(2026, 3, 1),
                      severity=Severity.MAJOR, source="劳动监察大队", description="拖欠工资", by=cast.township_staff_x)
    told = _told()
    assert list(told) == ["county_admin_x"] and len(told["county_admin_x"]) == 1
    assert "甲公司" in told["county_admin_x"][0] and "拖欠工资" in told["county_admin_x"][0]


def test_the_county_office_is_not_told_of_the_event_it_recorded_itself(cast):
    risk_event_create(unit=cast.unit_a, kind=RiskKind.WAGE_ARREARS, occurred_on=datetime.date(2026, 3, 1),
                      severity=Severity.MAJOR, source="劳动监察大队", description="拖欠工资", by=cast.county_admin_x)
    assert _told() == {}


def test_an_event_sent_by_another_system_tells_the_county_once_however_often_it_is_sent(cast, regions):
    client, _ = api_client_create(name="仲裁院系统", source="arbitration", region=regions.city)
    for _attempt in range(2):
        risk_event_receive(client=client, external_id="A-1", unit=cast.unit_b, kind=RiskKind.ARBITRATION_CASE,
                           occurred_on=datetime.date(2026, 3, 1), severity=Severity.MINOR, source="",
                           description="仲裁立案")
    told = _told()
    assert list(told) == ["county_admin_y"] and len(told["county_admin_y"]) == 1


def _named_with_case(cast, regions, campaign, standard):
    named = make_application(cast.unit_a, campaign, standard, status=Status.NAMED)
    recognition_create(unit=cast.unit_a, city=regions.city, year=2024, issued_on=datetime.date(2024, 12, 1),
                       by=cast.city_admin, application=named)
    RiskEventFactory(unit=cast.unit_a, kind=RiskKind.MASS_INCIDENT, severity=Severity.SERIOUS)
    revocation_check_run(today=datetime.date(2025, 6, 1))


def test_a_new_revocation_case_tells_the_city_office_once_per_run(cast, regions, campaign, standard,
                                                                   major_rule):
    _named_with_case(cast, regions, campaign, standard)
    told = _told()
    assert list(told) == ["city_admin"] and len(told["city_admin"]) == 1
    assert "1 件" in told["city_admin"][0]
    revocation_check_run(today=datetime.date(2025, 6, 2))
    assert Notification.objects.count() == 1, "a run that opens nothing tells nobody"


def test_a_revocation_tells_the_unit_once_with_the_title_and_reason(cast, regions, campaign, standard,
                                                                    major_rule):
    _named_with_case(cast, regions, campaign, standard)
    Notification.objects.all().delete()
    revocation_case_confirm(case=RevocationCase.objects.get(), by=cast.city_admin, reason="发生群体性事件",
                            plaque_recovered_on=None)
    told = _told()
    assert list(told) == ["rep_a"]
    assert len(told["rep_a"]) == 1, "one revocation, one message"
    assert "取消命名" in told["rep_a"][0] and "发生群体性事件" in told["rep_a"][0]


def test_an_import_of_many_events_tells_each_county_office_once_with_the_count(cast):
    from apps.oversight.risks.importer import import_commit
    from apps.registry.units.models import Unit

    rows = [{"unit_id": unit.pk, "kind": RiskKind.ARBITRATION_CASE, "severity": Severity.MINOR,
             "occurred_on": "2026-03-01", "source": "仲裁院", "description": f"仲裁{n}"}
            for unit in (cast.unit_a, cast.unit_b) for n in range(3)]
    import_commit(rows=rows, units=Unit.objects.all(), by=cast.city_admin)
    told = _told()
    assert sorted(told) == ["county_admin_x", "county_admin_y"]
    assert [len(messages) for messages in told.values()] == [1, 1]
    assert "3 条" in told["county_admin_x"][0]
