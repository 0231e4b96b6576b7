"""The nightly revocation check: every active rule over every valid title, in set-based SQL.

Three statements, all inside one transaction holding an advisory lock (two
runs at once wait for each other; running it again changes nothing):

1. ``CREATE TEMP TABLE ... AS`` the new hits: (title, rule, event) triples
   whose event no case of that title and rule has examined yet, for pairs
   that reach the rule's count or already have an open case. This is a plain
   query, so PostgreSQL may run it with parallel workers — a statement that
   writes to a real table (an ``INSERT ... SELECT`` or a CTE with one) is
   always planned single-process (0.83 s at the benchmark's full size,
   against 0.5–0.7 s for the same query on its own). Leaving out examined
   events makes a run's writes proportional to what is new, not to all the
   flagged titles: a rerun writes nothing.
2. Attach new hits to the cases already open for their title and rule.
3. Open a case for every other flagged pair (``ON CONFLICT`` on the partial
   unique index is the guarantee; the anti-join keeps conflicts rare), with
   its "opened" log row and its events, in one statement.

The temporary table is dropped at the end (and ``ON COMMIT DROP`` covers an
error), so a caller's outer transaction may run the check more than once.

JIT compilation is off for the check's transaction: the planner estimates
these statements from statistics that its own writes have just made stale,
and on a high estimate PostgreSQL spent 0.8 s compiling the audit insert
that then ran in 0.3 s (benchmark at full size).

Nested loops are off for the first statement only. PostgreSQL cannot
estimate the rule match (``kinds ? kind`` and two range filters on joined
columns) and expects a few hundred hits where there are hundreds of
thousands, so it checks each against the examined events by index, one
probe at a time (0.78 s on the benchmark's stress spread, 250k probes).
Hashing the examined events once does the same in 0.47 s, and costs next
to nothing while they are few.
"""

import datetime
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from apps.applications.recognitions.models import Recognition, RecognitionStatus
from apps.core.public_cache import generations_changed
from apps.oversight.risks.models import RiskEvent

from .check_audit import check_audit, check_marks
from .models import CaseAction, CaseEvent, CaseLogEntry, CaseStatus, RevocationCase, RevocationRule
from .selectors import OPEN_CASES_KEY
from .services import revocation_cases_opened_notify

ADVISORY_LOCK_KEY = 7_406_001
HITS_TABLE = "revocation_check_hits"


def _tables() -> dict[str, str]:
    return {
        "recognition": Recognition._meta.db_table,
        "rule": RevocationRule._meta.db_table,
        "event": RiskEvent._meta.db_table,
        "case": RevocationCase._meta.db_table,
        "case_event": CaseEvent._meta.db_table,
        "log": CaseLogEntry._meta.db_table,
        "hits": HITS_TABLE,
    }


# (title, rule, event) triples not yet examined: events already attached to a case of the same title and
# rule (open, or dismissed — a confirmed case's title is no longer valid) are left out. A dismissal is
# thus not undone the next night unless new events arrive, and a rerun finds nothing new to attach.
HITS_SQL = """
    SELECT r.id AS recognition_id, ru.id AS rule_id, ru.min_count, e.id AS event_id, e.kind, e.occurred_on
    FROM {recognition} r
    JOIN {rule} ru ON ru.city_id = r.city_id AND ru.is_active
    JOIN {event} e ON e.unit_id = r.unit_id
        AND ru.kinds ? e.kind
        AND e.severity >= ru.min_severity
        AND e.occurred_on >= r.issued_on
        AND e.occurred_on <= %(today)s
        AND (ru.window_days IS NULL OR e.occurred_on > %(today)s::date - ru.window_days)
    WHERE r.status = %(valid)s AND (r.valid_until IS NULL OR r.valid_until >= %(today)s)
      AND NOT EXISTS (
        SELECT 1 FROM {case_event} ce JOIN {case} c ON c.id = ce.case_id
        WHERE ce.event_id = e.id AND c.recognition_id = r.id AND c.rule_id = ru.id
      )
"""

# The new hits that matter: those of pairs reaching the rule's minimum count (a new case), and any new
# hit of a pair that already has an open case (it joins that case).
FIND_SQL = """
CREATE TEMP TABLE {hits} ON COMMIT DROP AS
SELECT recognition_id, rule_id, event_id, kind, occurred_on FROM (
    SELECT hit.*, count(*) OVER (PARTITION BY recognition_id, rule_id) AS hit_count FROM ({hits_sql}) hit
) counted
WHERE hit_count >= min_count
   OR (recognition_id, rule_id) IN (SELECT recognition_id, rule_id FROM {case} WHERE status = %(open)s)
"""

# New hits of titles that already have an open case for the rule join that case.
ATTACH_SQL = """
INSERT INTO {case_event} (case_id, event_id)
SELECT c.id, h.event_id FROM {hits} h
JOIN {case} c ON c.recognition_id = h.recognition_id AND c.rule_id = h.rule_id AND c.status = %(open)s
ON CONFLICT (case_id, event_id) DO NOTHING
"""

# Every other flagged pair gets a new case, its "opened" log row and its events, in one statement.
OPEN_SQL = """
WITH opened AS (
    INSERT INTO {case} (recognition_id, rule_id, status, opened_at, decision_reason, plaque_note, proposal_reason)
    SELECT DISTINCT h.recognition_id, h.rule_id, %(open)s, %(now)s, '', '', '' FROM {hits} h
    WHERE NOT EXISTS (SELECT 1 FROM {case} c WHERE c.recognition_id = h.recognition_id
                      AND c.rule_id = h.rule_id AND c.status = %(open)s)
    ON CONFLICT (recognition_id, rule_id) WHERE status = %(open)s DO NOTHING
    RETURNING id, recognition_id, rule_id
),
logged AS (
    INSERT INTO {log} (case_id, action, by_id, at, before, after, note)
    SELECT id, %(opened)s, NULL, %(now)s, '{{}}'::jsonb, jsonb_build_object('status', %(open)s::text), %(note)s
    FROM opened
),
linked AS (
    INSERT INTO {case_event} (case_id, event_id)
    SELECT o.id, h.event_id FROM opened o
    JOIN {hits} h ON h.recognition_id = o.recognition_id AND h.rule_id = o.rule_id
    RETURNING 1
)
SELECT (SELECT count(*) FROM opened), (SELECT count(*) FROM linked)
"""


@contextmanager
def _planner_setting(cursor, name: str, value: str):
    """``name`` set to ``value`` for the statements inside, then back to what it was.

    Set for the transaction only: if a statement inside fails, the check's rollback undoes it too.
    """
    cursor.execute("SELECT current_setting(%s), set_config(%s, %s, true)", [name, name, value])
    previous = cursor.fetchone()[0]
    yield
    cursor.execute("SELECT set_config(%s, %s, true)", [name, previous])


@dataclass
class CheckResult:
    opened: int
    attached: int


def revocation_check_run(*, today: datetime.date | None = None) -> CheckResult:
    """Open revocation cases for every valid title a rule flags; safe to run any number of times."""
    today = today or timezone.localdate()
    tables = _tables()
    params = {
        "today": today, "now": timezone.now(), "note": "每日自动检查触发",
        "valid": RecognitionStatus.VALID, "open": CaseStatus.OPEN, "opened": CaseAction.OPENED,
    }
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
        cursor.execute("SET LOCAL jit = off")
        marks = check_marks()
        with _planner_setting(cursor, "enable_nestloop", "off"):
            cursor.execute(FIND_SQL.format(hits_sql=HITS_SQL.format(**tables), **tables), params)
        # Statistics on the hits let the planner pick hash joins below instead of guessing a handful of rows.
        cursor.execute(f"ANALYZE {HITS_TABLE}")
        cursor.execute(ATTACH_SQL.format(**tables), params)
        attached = cursor.rowcount
        cursor.execute(OPEN_SQL.format(**tables), params)
        opened, linked = cursor.fetchone()
        attached += linked
        # The audit statements join the cases just written: without fresh statistics PostgreSQL believes the
        # table as small as before this run, and once nested-looped 107k new cases against each other (8 min).
        cursor.execute(f"ANALYZE {tables['case']}")
        check_audit(marks=marks, hits_table=HITS_TABLE)  # the set-based writes bypass the models' signals
        cursor.execute(f"DROP TABLE {HITS_TABLE}")
        if opened:
            generations_changed([OPEN_CASES_KEY])
            revocation_cases_opened_notify(after_case_id=marks[0])
    return CheckResult(opened=opened, attached=attached)
