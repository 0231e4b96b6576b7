"""Two people acting on one application at the same moment: exactly one succeeds."""

import threading

import pytest
from django.db import connection

from apps.assessments.workflow import Status, TransitionRefused, application_transition

from .conftest import approved

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
    assert "当前状态为" in loser and "不能变更" in loser
    application.refresh_from_db()
    assert application.status == (Status.CITY_CONFIRMED if winners == ["confirm"] else Status.CITY_RETURNED)
    assert application.events.filter(from_status=Status.COUNTY_APPROVED).count() == 1
