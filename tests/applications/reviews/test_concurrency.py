"""Two people acting on one application at the same moment: exactly one succeeds."""

import threading
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.accounts.models import Party, Role
from apps.applications.reviews import services
from apps.applications.reviews.models import ItemComment, MemberScore
from apps.applications.workflow.service import TransitionRefused, application_transition
from apps.applications.workflow.states import Status
from tests.factories import MembershipFactory, UserFactory
from tests.fixtures.reviews import GOOD, approved, form_panel, score_all, sheet

pytestmark = pytest.mark.django_db(transaction=True)


def test_city_confirm_and_send_back_at_once_only_one_wins(application, cast, standard):
    approved(application, cast, standard)
    barrier = threading.Barrier(2)
    outcomes: dict[str, object] = {}

    def act(name: str, to: str, comment: str) -> None:
        try:
            barrier.wait()
            application_transition(application=application, to=to, by=cast.city_admin, comment=comment)
            outcomes[name] = "ok"
        except TransitionRefused as exc:
            outcomes[name] = exc.messages[0]
        finally:
            connection.close()  # each thread has its own database connection

    threads = [
        threading.Thread(target=act, args=("confirm", Status.CITY_CONFIRMED, "")),
        threading.Thread(target=act, args=("send_back", Status.CITY_RETURNED, "材料不全")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["confirm", "send_back"]
    winners = [name for name, outcome in outcomes.items() if outcome == "ok"]
    assert len(winners) == 1
    loser = next(outcome for name, outcome in outcomes.items() if name not in winners)
    # Confirmed first, a send-back is the department-objection step (city_confirmed → city_returned), refused
    # by its guard; sent back first, confirming finds the status moved on.
    guard_refusal = "只有部门异议经核实成立时，才能将已确认的申报退回县级。"
    assert ("当前状态为" in loser and "不能变更" in loser) or loser == guard_refusal
    application.refresh_from_db()
    assert application.status == (Status.CITY_CONFIRMED if winners == ["confirm"] else Status.CITY_RETURNED)
    assert application.events.filter(from_status=Status.COUNTY_APPROVED).count() == 1


def test_two_county_admins_approve_and_return_at_once_only_one_wins(application, cast, standard, regions):
    form_panel(application, cast)
    application.refresh_from_db()
    score_all(application, cast, standard)
    colleague = MembershipFactory(user=UserFactory(username="county_admin_x2"), role=Role.COUNTY_ADMIN,
                                  region=regions.county_x).user
    criterion = standard.criteria.get(code="C1")
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def act(name: str, decide) -> None:
        try:
            barrier.wait()
            decide()
            outcomes[name] = "ok"
        except ValidationError as exc:
            outcomes[name] = exc.messages[0]
        finally:
            connection.close()

    threads = [
        threading.Thread(target=act, args=("approve", lambda: services.review_decide(
            application=application, by=cast.county_admin_x, decision="approve", reason="材料齐全"))),
        threading.Thread(target=act, args=("return", lambda: services.review_return(
            application=application, by=colleague, reason="请补充材料", item_comments={criterion.pk: "补充工资台账"}))),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    winners = [name for name, outcome in outcomes.items() if outcome == "ok"]
    assert sorted(outcomes) == ["approve", "return"] and len(winners) == 1
    loser = next(outcome for name, outcome in outcomes.items() if name not in winners)
    assert "当前状态为" in loser and "不能变更" in loser
    application.refresh_from_db()
    assert application.status == (Status.COUNTY_APPROVED if winners == ["approve"] else Status.RETURNED)
    assert application.events.filter(from_status=Status.COUNTY_REVIEW).count() == 1
    # The returning admin's item comment exists only if the return won: the loser wrote nothing.
    assert ItemComment.objects.exists() == (winners == ["return"])


def test_a_sheet_sent_while_the_county_approves_is_refused_not_slipped_in_after(application, cast, standard):
    form_panel(application, cast)
    application.refresh_from_db()
    score_all(application, cast, standard)
    union = application.review_panel.members.get(party=Party.UNION)
    checked, decided = threading.Event(), threading.Event()
    outcome: dict[str, str] = {}
    check_values = services._check_values

    def check_then_wait_for_the_decision(*args, **kwargs):
        result = check_values(*args, **kwargs)
        checked.set()
        decided.wait(timeout=30)
        return result

    def rescore() -> None:
        try:
            services.sheet_save(member=union, values=sheet(standard, {**GOOD, "C1": "10"}), submit=True,
                                by=union.user)
            outcome["sheet"] = "saved"
        except ValidationError as exc:
            outcome["sheet"] = exc.messages[0]
        finally:
            connection.close()

    with mock.patch.object(services, "_check_values", check_then_wait_for_the_decision):
        reviewer = threading.Thread(target=rescore)
        reviewer.start()
        assert checked.wait(timeout=30)
        services.review_decide(application=application, by=cast.county_admin_x, decision="approve")
        decided.set()
        reviewer.join()

    assert outcome["sheet"] == "申报当前状态为“县级验收通过”，不能评分。"
    assert MemberScore.objects.get(member=union, criterion__code="C1").value == GOOD["C1"]
