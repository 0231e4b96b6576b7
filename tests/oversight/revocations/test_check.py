import datetime

import pytest
from django.db import connection

from apps.oversight.revocations.checks import revocation_check_run
from apps.oversight.revocations.models import CaseStatus, RevocationCase
from apps.oversight.revocations.services import revocation_case_dismiss
from apps.oversight.risks.models import RiskKind, Severity
from tests.factories import RiskEventFactory, named

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2025, 6, 1)


def _event(unit, **fields):
    return RiskEventFactory(unit=unit, **({"occurred_on": datetime.date(2025, 3, 1)} | fields))


def test_a_major_violation_in_the_validity_period_opens_a_case_with_the_event(title_a, major_rule, cast):
    event = _event(cast.unit_a, kind=RiskKind.WAGE_ARREARS, severity=Severity.SERIOUS)
    result = revocation_check_run(today=TODAY)
    case = RevocationCase.objects.get()
    assert (result.opened, case.recognition, case.rule, case.status) == (1, title_a, major_rule, CaseStatus.OPEN)
    assert list(case.events.all()) == [event]
    assert case.log.get().action == "opened"


@pytest.mark.parametrize("fields", [
    {"severity": Severity.MINOR},  # below the rule's severity
    {"kind": RiskKind.NEGATIVE_OPINION, "severity": Severity.SERIOUS},  # not a listed kind
    {"occurred_on": datetime.date(2024, 11, 30), "severity": Severity.SERIOUS},  # before the naming
    {"occurred_on": datetime.date(2025, 7, 1), "severity": Severity.SERIOUS},  # after the check day
])
def test_events_outside_the_rule_open_nothing(title_a, major_rule, cast, fields):
    _event(cast.unit_a, **({"kind": RiskKind.WAGE_ARREARS} | fields))
    assert revocation_check_run(today=TODAY).opened == 0
    assert not RevocationCase.objects.exists()


def test_n_arbitration_cases_within_the_window_open_a_case_and_fewer_do_not(title_a, arbitration_rule, cast):
    _event(cast.unit_a, occurred_on=datetime.date(2025, 1, 10))
    _event(cast.unit_a, occurred_on=datetime.date(2025, 2, 10))
    assert revocation_check_run(today=TODAY).opened == 0
    _event(cast.unit_a, occurred_on=datetime.date(2025, 5, 10))
    assert revocation_check_run(today=TODAY).opened == 1
    assert RevocationCase.objects.get().events.count() == 3


def test_events_older_than_the_window_do_not_count(cast, regions, arbitration_rule):
    named(cast.unit_a, city=regions.city, by=cast.city_admin, issued_on=datetime.date(2023, 1, 1))
    for day in (datetime.date(2023, 6, 1), datetime.date(2023, 7, 1), datetime.date(2025, 5, 1)):
        _event(cast.unit_a, occurred_on=day)
    assert revocation_check_run(today=TODAY).opened == 0


def test_running_the_check_twice_opens_one_case_and_later_events_join_it(title_a, major_rule, cast):
    _event(cast.unit_a, kind=RiskKind.MASS_INCIDENT, severity=Severity.MAJOR)
    assert revocation_check_run(today=TODAY).opened == 1
    second = revocation_check_run(today=TODAY)
    assert (second.opened, second.attached) == (0, 0)
    _event(cast.unit_a, kind=RiskKind.WAGE_ARREARS, severity=Severity.MAJOR, occurred_on=datetime.date(2025, 4, 1))
    third = revocation_check_run(today=TODAY)
    assert (third.opened, third.attached) == (0, 1)
    assert RevocationCase.objects.get().events.count() == 2


def test_one_more_event_joins_an_open_case_below_the_rules_count_and_a_rerun_adds_nothing(
        title_a, arbitration_rule, cast):
    for day in (datetime.date(2025, 1, 10), datetime.date(2025, 2, 10), datetime.date(2025, 3, 10)):
        _event(cast.unit_a, occurred_on=day)
    assert revocation_check_run(today=TODAY).opened == 1
    _event(cast.unit_a, occurred_on=datetime.date(2025, 5, 10))
    assert (revocation_check_run(today=TODAY).attached, revocation_check_run(today=TODAY).attached) == (1, 0)
    assert RevocationCase.objects.get().events.count() == 4


def test_two_rules_flagging_one_title_open_one_case_each_with_their_own_events(
        title_a, major_rule, arbitration_rule, cast):
    serious = _event(cast.unit_a, kind=RiskKind.MASS_INCIDENT, severity=Severity.SERIOUS)
    disputes = {_event(cast.unit_a, occurred_on=datetime.date(2025, month, 1)) for month in (2, 3, 4)}
    assert revocation_check_run(today=TODAY).opened == 2
    assert list(RevocationCase.objects.get(rule=major_rule).events.all()) == [serious]
    assert set(RevocationCase.objects.get(rule=arbitration_rule).events.all()) == disputes


def test_titles_of_other_cities_revoked_or_expired_titles_are_not_checked(cast, regions, major_rule):
    from apps.applications.workflow.service import title_revoke
    from tests.factories import UnitFactory

    other_unit = UnitFactory(region=regions.other_county)
    named(other_unit, city=regions.other_city, by=cast.city_admin_other)
    revoked = named(cast.unit_a, city=regions.city, by=cast.city_admin)
    title_revoke(recognition=revoked, by=cast.city_admin, reason="已撤销", on=datetime.date(2025, 2, 1))
    named(cast.unit_b, city=regions.city, by=cast.city_admin, issued_on=datetime.date(2021, 1, 1))  # expired 2023
    for unit in (other_unit, cast.unit_a, cast.unit_b):
        _event(unit, kind=RiskKind.MASS_INCIDENT, severity=Severity.EXTREME)
    assert revocation_check_run(today=TODAY).opened == 0


def test_an_inactive_rule_opens_nothing(title_a, major_rule, cast):
    major_rule.is_active = False
    major_rule.save()
    _event(cast.unit_a, kind=RiskKind.MASS_INCIDENT, severity=Severity.EXTREME)
    assert revocation_check_run(today=TODAY).opened == 0


def test_a_dismissed_case_is_not_reopened_by_the_same_events_but_new_ones_reopen_it(title_a, major_rule, cast):
    _event(cast.unit_a, kind=RiskKind.MASS_INCIDENT, severity=Severity.MAJOR)
    revocation_check_run(today=TODAY)
    revocation_case_dismiss(case=RevocationCase.objects.get(), by=cast.city_admin, reason="经核查已整改")
    assert revocation_check_run(today=TODAY).opened == 0
    _event(cast.unit_a, kind=RiskKind.MASS_INCIDENT, severity=Severity.MAJOR, occurred_on=datetime.date(2025, 5, 1))
    assert revocation_check_run(today=TODAY).opened == 1
    assert RevocationCase.objects.filter(status=CaseStatus.OPEN).get().events.count() == 1


def test_the_nightly_task_is_in_the_beat_schedule():
    from hlr_portal.celery import app

    tasks = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "apps.oversight.revocations.tasks.revocation_check_nightly" in tasks


@pytest.mark.parametrize("before", ["on", "off"])
def test_the_check_gives_back_the_planner_setting_it_changes_for_its_search(title_a, major_rule, cast, before):
    _event(cast.unit_a, kind=RiskKind.MASS_INCIDENT, severity=Severity.MAJOR)
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('enable_nestloop', %s, false)", [before])
        revocation_check_run(today=TODAY)
        cursor.execute("SHOW enable_nestloop")
        after = cursor.fetchone()[0]
        cursor.execute("RESET enable_nestloop")
    assert after == before
