"""The nightly revocation check: every active rule over every valid title, in set-based SQL.

One statement finds the (title, rule) pairs whose events meet the rule,
opens a case for each pair that has no open case yet (``ON CONFLICT`` on
the partial unique index), and attaches the triggering events to the open
cases. Events already examined in a dismissed case of the same title and
rule no longer count, so a dismissal is not undone the next night unless
new events arrive. A transaction-level advisory lock makes two runs at
once wait for each other; running it again changes nothing.
"""

import datetime
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from apps.recognitions.models import Recognition
from apps.risks.models import RiskEvent

from .check_audit import check_audit, check_marks
from .models import CaseEvent, CaseLogEntry, RevocationCase, RevocationRule

ADVISORY_LOCK_KEY = 7_406_001


def _tables() -> dict[str, str]:
    return {
        "recognition": Recognition._meta.db_table,
        "rule": RevocationRule._meta.db_table,
        "event": RiskEvent._meta.db_table,
        "case": RevocationCase._meta.db_table,
        "case_event": CaseEvent._meta.db_table,
        "log": CaseLogEntry._meta.db_table,
    }


# (title, rule, event) triples that count towards a rule; shared by the check and the benchmark.
HITS_SQL = """
    SELECT r.id AS recognition_id, ru.id AS rule_id, ru.min_count, e.id AS event_id
    FROM {recognition} r
    JOIN {rule} ru ON ru.city_id = r.city_id AND ru.is_active
    JOIN {event} e ON e.unit_id = r.unit_id
        AND ru.kinds ? e.kind
        AND e.severity >= ru.min_severity
        AND e.occurred_on >= r.issued_on
        AND e.occurred_on <= %(today)s
        AND (ru.window_days IS NULL OR e.occurred_on > %(today)s::date - ru.window_days)
    WHERE r.status = 'valid' AND r.valid_until >= %(today)s
      AND NOT EXISTS (
        SELECT 1 FROM {case_event} ce JOIN {case} c ON c.id = ce.case_id
        WHERE ce.event_id = e.id AND c.recognition_id = r.id AND c.rule_id = ru.id AND c.status = 'dismissed'
      )
"""

CHECK_SQL = """
WITH hits AS ({hits}),
triggered AS (
    SELECT recognition_id, rule_id FROM hits
    GROUP BY recognition_id, rule_id, min_count HAVING count(*) >= min_count
),
opened AS (
    INSERT INTO {case} (recognition_id, rule_id, status, opened_at, decision_reason, plaque_note)
    SELECT recognition_id, rule_id, 'open', %(now)s, '', '' FROM triggered
    ON CONFLICT (recognition_id, rule_id) WHERE status = 'open' DO NOTHING
    RETURNING id, recognition_id, rule_id
),
logged AS (
    INSERT INTO {log} (case_id, action, by_id, at, before, after, note)
    SELECT id, 'opened', NULL, %(now)s, '{{}}'::jsonb, '{{"status": "open"}}'::jsonb, %(note)s FROM opened
),
targets AS (
    SELECT id, recognition_id, rule_id FROM opened
    UNION ALL
    SELECT c.id, c.recognition_id, c.rule_id FROM {case} c
    JOIN triggered t ON t.recognition_id = c.recognition_id AND t.rule_id = c.rule_id
    WHERE c.status = 'open'
),
attached AS (
    INSERT INTO {case_event} (case_id, event_id)
    SELECT t.id, h.event_id FROM targets t
    JOIN hits h ON h.recognition_id = t.recognition_id AND h.rule_id = t.rule_id
    ON CONFLICT (case_id, event_id) DO NOTHING
    RETURNING 1
)
SELECT (SELECT count(*) FROM opened), (SELECT count(*) FROM attached)
"""


@dataclass
class CheckResult:
    opened: int
    attached: int


def revocation_check_run(*, today: datetime.date | None = None) -> CheckResult:
    """Open revocation cases for every valid title a rule flags; safe to run any number of times."""
    today = today or timezone.localdate()
    tables = _tables()
    sql = CHECK_SQL.format(hits=HITS_SQL.format(**tables), **tables)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [ADVISORY_LOCK_KEY])
        marks = check_marks()
        cursor.execute(sql, {"today": today, "now": timezone.now(), "note": "每日自动检查触发"})
        opened, attached = cursor.fetchone()
        if opened:
            # The next run's anti-join reads these tables; without fresh statistics after a large
            # batch of new cases the planner guesses one row and picks quadratic nested loops.
            cursor.execute(f"ANALYZE {tables['case']}, {tables['case_event']}")
        check_audit(marks=marks)  # after ANALYZE, for the same reason: it reads the new cases and events
    return CheckResult(opened=opened, attached=attached)
