"""The audit trail: changes made through the portal, by tasks and by commands, and who may read them."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from apps.accounts.models import Party
from apps.applications.assessments.models import Answer, Application
from apps.applications.recognitions.models import Recognition
from apps.applications.reviews.batches import confirmation_batch_run
from apps.applications.reviews.models import ConfirmationBatch, MemberScore, PanelMember, ReviewPanel
from apps.applications.workflow.states import Status
from apps.audit.services import audit_acting_as
from apps.oversight.incentives.models import IncentiveGrant, IncentiveMeasure
from apps.oversight.incentives.services import incentive_grant_create
from apps.oversight.revocations.models import RevocationCase, RevocationRule
from apps.oversight.revocations.tasks import nightly_dynamic_management
from apps.oversight.risks.importer import import_commit
from apps.oversight.risks.models import RiskEvent, RiskKind
from apps.registry.units.models import Unit
from tests.factories import EnterpriseFactory, RiskEventFactory, named
from tests.fixtures.reviews import GOOD, approved, form_panel

pytestmark = pytest.mark.django_db


def entries_of(model, **filters):
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), **filters)


def audit_page(client, user, **params) -> str:
    client.force_login(user)
    response = client.get(reverse("audit:list"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_forming_a_panel_and_scoring_in_the_browser_are_recorded_with_the_actor(client, application, cast, standard):
    client.force_login(cast.county_admin_x)
    response = client.post(reverse("reviews:panel_form", args=[application.pk]),
                           {"reviewers": [u.pk for u in cast.reviewers_x.values()], "rule": "mean"})
    assert response.status_code == 302

    panel = ReviewPanel.objects.get()
    assert entries_of(ReviewPanel, object_id=panel.pk, action=LogEntry.Action.CREATE).get().actor == \
        cast.county_admin_x
    # The members are written with bulk_create, which sends no signal: recorded explicitly, same actor.
    members = entries_of(PanelMember, action=LogEntry.Action.CREATE)
    assert members.count() == 4 and {e.actor for e in members} == {cast.county_admin_x}
    status_change = entries_of(Application, object_id=application.pk, action=LogEntry.Action.UPDATE).get()
    assert (status_change.actor, status_change.changes["status"]) == (cast.county_admin_x,
                                                                      ["submitted", "county_review"])

    reviewer = cast.reviewers_x[Party.UNION]
    client.force_login(reviewer)
    criteria = {c.code: c for c in standard.criteria.all()}
    data = {f"v_{criteria[code].pk}": value for code, value in GOOD.items()}
    assert client.post(reverse("reviews:sheet", args=[application.pk]), data).status_code == 302
    data[f"v_{criteria['B2'].pk}"] = "20"
    assert client.post(reverse("reviews:sheet", args=[application.pk]), data).status_code == 302
    b2 = MemberScore.objects.get(member__user=reviewer, criterion=criteria["B2"])
    change = entries_of(MemberScore, object_id=b2.pk, action=LogEntry.Action.UPDATE).get()
    assert (change.actor, change.changes["value"], change.scope.application_id) == (reviewer, ["24", "20"],
                                                                              application.pk)

    page = audit_page(client, cast.city_admin, kind="applications.memberscore")
    assert "评分</dt>" in page
    assert '<span class="audit-before">24</span> → <span class="audit-after">20</span>' in page
    assert "reviewer_union_x" in page
    page = audit_page(client, cast.city_admin, kind="applications.application")
    # Status codes are shown as their Chinese labels.
    assert '<span class="audit-before">已提交</span> → <span class="audit-after">县级评估验收中</span>' in page


def test_a_unit_reps_answer_change_is_recorded_before_and_after(client, cast, campaign, standard):
    application = Application.objects.create(unit=cast.unit_a, campaign_year=campaign, standard=standard)
    criterion = standard.criteria.get(code="B2")
    client.force_login(cast.rep_a)
    url = reverse("assessments:answer_save", args=[application.pk, criterion.pk])
    assert client.post(url, {"value": "20", "narrative": "已签订集体合同"}).status_code == 200
    assert client.post(url, {"value": "18", "narrative": "已签订集体合同"}).status_code == 200

    answer = Answer.objects.get(application=application, criterion=criterion)
    created, updated = entries_of(Answer, object_id=answer.pk).order_by("timestamp", "pk")
    assert created.action == LogEntry.Action.CREATE and created.actor == cast.rep_a
    assert updated.changes == {"value": ["20", "18"]} and updated.actor == cast.rep_a

    client.force_login(cast.county_admin_x)
    history = client.get(reverse("assessments:history", args=[application.pk])).content.decode()
    assert '<span class="audit-before">20</span> → <span class="audit-after">18</span>' in history
    assert "自评分</dt>" in history and "rep_a" in history


def test_the_nightly_job_records_opened_cases_and_ended_grants_as_system(client, cast, regions, title_a, major_rule,
                                                                        linfen_catalogue):
    event = RiskEventFactory(unit=cast.unit_a, kind="mass_incident", severity=3,
                             occurred_on=datetime.date.today() - datetime.timedelta(days=1))
    expired = named(cast.unit_b, city=regions.city, by=cast.city_admin, issued_on=datetime.date(2020, 1, 1))
    grant = IncentiveGrant.objects.create(measure=IncentiveMeasure.objects.get(code="fewer-inspections"),
                                          recognition=expired, unit=cast.unit_b, department="人社局",
                                          granted_on=datetime.date(2020, 2, 1), granted_by=cast.city_admin)

    result = nightly_dynamic_management()
    assert (result["opened"], result["grants_ended"]) == (1, 1)

    case = RevocationCase.objects.get()
    opened = entries_of(RevocationCase, object_id=case.pk, action=LogEntry.Action.CREATE).get()
    assert opened.actor is None and opened.remote_addr is None
    assert opened.changes["status"] == [None, "open"] and opened.scope.region == regions.county_x
    assert opened.changes["events"]["objects"] == [str(event)]
    ended = entries_of(IncentiveGrant, object_id=grant.pk, action=LogEntry.Action.UPDATE).get()
    assert ended.actor is None
    assert ended.changes == {"ended_on": [None, str(expired.valid_until)], "end_reason": ["", "expired"]}

    assert nightly_dynamic_management()["opened"] == 0
    assert entries_of(RevocationCase).count() == 1  # a run that changes nothing records nothing

    later = RiskEventFactory(unit=cast.unit_a, kind="mass_incident", severity=3, occurred_on=datetime.date.today())
    assert nightly_dynamic_management()["opened"] == 0
    attached = entries_of(RevocationCase, object_id=case.pk, action=LogEntry.Action.UPDATE).get()
    assert attached.actor is None and attached.changes["events"]["objects"] == [str(later)]

    page = audit_page(client, cast.city_admin, actor="系统")
    by_system = LogEntry.objects.filter(actor__isnull=True, remote_addr__isnull=True)
    assert page.count('data-testid="audit-entry"') == by_system.count() and by_system.filter(pk=ended.pk).exists()
    assert "称号到期" in page and "触发事件" in page and "待处理" in page


def test_a_case_opened_by_several_events_lists_each_of_them_in_its_entry(cast, regions, title_a):
    rule = RevocationRule.objects.create(city=regions.city, name="12个月内3件仲裁案",
                                         kinds=[RiskKind.ARBITRATION_CASE], min_count=3, window_days=365)
    today = datetime.date.today()
    events = [RiskEventFactory(unit=cast.unit_a, kind="arbitration_case", severity=1,
                               occurred_on=today - datetime.timedelta(days=days)) for days in (30, 20, 10)]
    RiskEventFactory(unit=cast.unit_b, kind="arbitration_case", severity=1, occurred_on=today)  # not a named unit

    assert nightly_dynamic_management()["opened"] == 1

    case = RevocationCase.objects.get(rule=rule)
    opened = entries_of(RevocationCase, object_id=case.pk, action=LogEntry.Action.CREATE).get()
    assert opened.object_repr == str(case)
    assert opened.changes["events"]["objects"] == [str(event) for event in events]
    assert opened.changes["recognition"] == [None, title_a.pk] and opened.changes["rule"] == [None, rule.pk]


def test_confirming_a_revocation_records_title_grant_and_case_by_the_city_admin(client, cast, regions, title_a,
                                                                               major_rule, linfen_catalogue):
    EnterpriseFactory(unit=cast.unit_a, credit_grade="A")
    grant = incentive_grant_create(measure=IncentiveMeasure.objects.get(code="fewer-inspections"),
                                   recognition=title_a, granted_on=datetime.date(2025, 1, 1), by=cast.city_admin)
    RiskEventFactory(unit=cast.unit_a, kind="mass_incident", severity=3, occurred_on=datetime.date(2025, 5, 1))
    nightly_dynamic_management()
    case = RevocationCase.objects.get()

    client.force_login(cast.city_admin)
    response = client.post(reverse("revocations:confirm", args=[case.pk]), {
        "confirm-reason": "发生重大群体性事件", "confirm-plaque_recovered_on": "2025-06-02", "confirmed": "1"})
    assert response.status_code == 302

    revoked = entries_of(Recognition, object_id=title_a.pk, action=LogEntry.Action.UPDATE).get()
    assert revoked.actor == cast.city_admin and revoked.changes["status"] == ["valid", "revoked"]
    ended = entries_of(IncentiveGrant, object_id=grant.pk, action=LogEntry.Action.UPDATE).get()
    assert ended.actor == cast.city_admin and ended.changes["end_reason"] == ["", "revoked"]
    decided = entries_of(RevocationCase, object_id=case.pk, action=LogEntry.Action.UPDATE).exclude(
        changes__has_key="events").get()
    assert decided.actor == cast.city_admin and decided.changes["status"] == ["open", "confirmed"]

    page = audit_page(client, cast.city_admin, kind="applications.recognition", action=LogEntry.Action.UPDATE)
    assert '<span class="audit-before">有效</span> → <span class="audit-after">已撤销</span>' in page
    assert "发生重大群体性事件" in page


def test_a_background_batch_is_recorded_as_the_city_admin_who_started_it(cast, campaign, standard):
    from tests.fixtures.reviews import make_application

    application = make_application(cast.unit_a, campaign, standard, status=Status.COUNTY_APPROVED)
    batch = ConfirmationBatch.objects.create(city=cast.city_admin.memberships.get().region,
                                             application_ids=[application.pk], total=1,
                                             requested_by=cast.city_admin)
    assert confirmation_batch_run(batch_id=batch.pk)
    confirmed = entries_of(Application, object_id=application.pk, action=LogEntry.Action.UPDATE).get()
    assert confirmed.actor == cast.city_admin
    assert confirmed.changes["status"] == ["county_approved", "city_confirmed"]


def test_an_excel_import_is_recorded_row_by_row_with_the_importer(cast):
    rows = [{"unit_id": cast.unit_a.pk, "kind": "wage_arrears", "severity": 2, "occurred_on": "2025-03-01",
             "source": "监察支队", "description": f"拖欠工资{n}"} for n in range(3)]
    with audit_acting_as(cast.county_admin_x):
        import_commit(rows=rows, units=Unit.objects.all(), by=cast.county_admin_x)
    entries = entries_of(RiskEvent, action=LogEntry.Action.CREATE)
    assert entries.count() == 3
    assert {(e.actor, e.scope.region_id) for e in entries} == {(cast.county_admin_x, cast.unit_a.region_id)}
    assert sorted(e.changes["description"][1] for e in entries) == ["拖欠工资0", "拖欠工资1", "拖欠工资2"]


def test_a_city_admin_of_another_city_sees_none_of_it(client, application, cast, standard):
    approved(application, cast, standard)
    assert LogEntry.objects.filter(scope__application_id=application.pk).count() > 10
    page = audit_page(client, cast.city_admin_other)
    assert "共 0 条记录" in page and "甲公司" not in page
    page = audit_page(client, cast.city_admin_other, application=application.pk, kind="applications.application")
    assert "共 0 条记录" in page
    assert client.get(reverse("assessments:history", args=[application.pk])).status_code == 404
    # The city's own admin sees them all.
    assert "甲公司" in audit_page(client, cast.city_admin, application=application.pk)


def test_county_admins_and_unit_reps_are_refused_the_list(client, cast):
    for user in (cast.county_admin_x, cast.rep_a, cast.reviewers_x[Party.HRSS], cast.township_staff_x):
        client.force_login(user)
        assert client.get(reverse("audit:list")).status_code == 403
    client.logout()
    response = client.get(reverse("audit:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_audit_admin_sees_every_city_and_the_system_admin_none(client, application, cast, standard):
    form_panel(application, cast)
    assert "甲公司" in audit_page(client, cast.audit_admin)
    client.force_login(cast.system_admin)  # 三员分立: the system administrator does not audit itself
    assert client.get(reverse("audit:list")).status_code == 403


def test_application_history_is_for_staff_who_can_see_the_application(client, application, cast):
    form_panel(application, cast)
    url = reverse("assessments:history", args=[application.pk])
    detail = reverse("assessments:detail", args=[application.pk])
    client.force_login(cast.county_admin_x)
    assert "县级评估验收中" in client.get(url).content.decode()
    assert url in client.get(detail).content.decode()
    client.force_login(cast.county_admin_y)
    assert client.get(url).status_code == 404
    client.force_login(cast.rep_a)
    assert client.get(url).status_code == 403
    assert url not in client.get(detail).content.decode()


def test_no_route_changes_an_entry(client, admin_client, application, cast):
    form_panel(application, cast)
    entry = LogEntry.objects.first()
    before = list(LogEntry.objects.order_by("pk").values_list("pk", "changes", "actor_id"))
    client.force_login(cast.city_admin)
    for url in (reverse("audit:list"), reverse("assessments:history", args=[application.pk])):
        assert client.post(url, {"changes": "{}"}).status_code == 405
    change_url = reverse("admin:auditlog_logentry_change", args=[entry.pk])
    assert admin_client.get(change_url).status_code == 200  # the admin shows it, read-only
    assert admin_client.post(change_url, {"object_repr": "x"}).status_code == 403
    assert admin_client.post(reverse("admin:auditlog_logentry_delete", args=[entry.pk]), {"post": "yes"}
                             ).status_code == 403
    assert admin_client.get(reverse("admin:auditlog_logentry_add")).status_code == 403
    assert list(LogEntry.objects.order_by("pk").values_list("pk", "changes", "actor_id")) == before


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_costs_the_same_queries_however_many_entries(client, cast, campaign, standard, count,
                                                            django_assert_max_num_queries):
    from tests.fixtures.reviews import make_application

    for _ in range(count):
        form_panel(make_application(Unit.objects.create(name="丙公司", region=cast.unit_a.region),
                                    campaign, standard), cast)
    client.force_login(cast.city_admin)
    client.get(reverse("audit:list"))  # warms the content-type cache, which lives for the process
    # Session, user, memberships, count, page, then one query per kind of related object named on the page (the
    # campaign calendar's creation is among them while it is on the first page).
    with django_assert_max_num_queries(14):
        response = client.get(reverse("audit:list"))
    # Per application: created, panel formed, four members seated, status changed; and the calendar's creation.
    assert response.content.decode().count('data-testid="audit-entry"') == min(50, 7 * count + 1)


def test_the_list_filters_by_date_range_and_survives_bad_input(client, application, cast):
    from django.utils import timezone

    form_panel(application, cast)
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    # The application's entries and its campaign calendar's creation.
    total = (LogEntry.objects.filter(scope__application_id=application.pk).count()
             + LogEntry.objects.get_for_object(application.campaign_year).count())
    page = audit_page(client, cast.city_admin, date_from=today.isoformat(), date_to=today.isoformat())
    assert page.count('data-testid="audit-entry"') == total
    assert "共 0 条记录" in audit_page(client, cast.city_admin, date_from=(today + day).isoformat())
    assert "共 0 条记录" in audit_page(client, cast.city_admin, date_to=(today - day).isoformat())
    page = audit_page(client, cast.city_admin, kind="auth.user", application="abc")
    assert "选择一个有效的选项。 auth.user 不在可用的选项中。" in page and "输入一个数字。" in page


def test_each_language_reads_its_own_field_and_choice_labels(client, application, cast):
    """The labels are read once per model and language (display.py ``_labels``, ``_choice_labels``): the page
    in Chinese after the page in English, and back, each in its own words."""
    application.status = Status.SUBMITTED
    application.save()
    application.status = Status.COUNTY_REVIEW
    application.save()
    pages = []
    for language in ("en", "zh-hans", "en"):
        client.cookies["django_language"] = language
        pages.append(audit_page(client, cast.city_admin, kind="applications.application"))
    english = '<dt class="col-sm-3">Status</dt>'
    assert english in pages[0] and english in pages[2] and english not in pages[1]
    assert '<span class="audit-before">Submitted</span> → <span class="audit-after">County review and acceptance' \
           '</span>' in pages[2]
    assert '<dt class="col-sm-3">状态</dt>' in pages[1]
    assert '<span class="audit-before">已提交</span> → <span class="audit-after">县级评估验收中</span>' in pages[1]
