"""Time the nightly revocation check against one hand-written SQL query computing the same set.

Run against a scratch database (it creates and then deletes its data inside a rolled-back transaction):

    DATABASE_URL=postgres://.../hlr_bench .venv/bin/python bench/revocation_bench.py --units 200000 --events 1000000

Seeding the full size takes minutes; with ``--keep`` the generated titles, events and rules are committed
on the first run and reused by later runs with the same sizes (the cases the check opens are still rolled
back, so every run starts from the same state).

The hand-written query returns the flagged (title, rule) pairs; the check computes the same pairs and also
inserts the cases, their log rows and their events (its times include the foreign-key checks PostgreSQL
runs at commit). Both run on the same data; the ratios are printed for the first run (every flagged title
gets a case), a second run (nothing new) and a steady-state night (``--new-events`` new serious events).

A first run over a backlog writes a case for every flagged title, which no read-only query does; the
hand-written insert (the same cases and their events, no log rows, no audit entries) is timed too, as the
least any check that stores its cases must pay, and the first run's ratio to it printed beside the other.
"""

import argparse
import datetime
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlr_portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402

from apps.accounts.models import User  # noqa: E402
from apps.applications.recognitions.models import RecognitionStatus  # noqa: E402
from apps.oversight.revocations.models import CaseStatus  # noqa: E402
from apps.registry.units.models import VerificationStatus  # noqa: E402

# The status values the hand-written statements compare with, passed as parameters from the models' choices.
STATUSES = {"valid": RecognitionStatus.VALID, "open": CaseStatus.OPEN, "dismissed": CaseStatus.DISMISSED}

# The flagged events: every event a rule matches for a valid title, less those a dismissed case examined.
HAND_WRITTEN_HITS = """
FROM applications_recognition r
JOIN oversight_revocationrule ru ON ru.city_id = r.city_id AND ru.is_active
JOIN oversight_riskevent e ON e.unit_id = r.unit_id AND ru.kinds ? e.kind AND e.severity >= ru.min_severity
    AND e.occurred_on BETWEEN r.issued_on AND %(today)s
    AND (ru.window_days IS NULL OR e.occurred_on > %(today)s::date - ru.window_days)
WHERE r.status = %(valid)s AND r.valid_until >= %(today)s
  AND NOT EXISTS (SELECT 1 FROM oversight_caseevent ce JOIN oversight_revocationcase c ON c.id = ce.case_id
                  WHERE ce.event_id = e.id AND c.recognition_id = r.id AND c.rule_id = ru.id
                    AND c.status = %(dismissed)s)
"""

HAND_WRITTEN = f"""
SELECT r.id, ru.id
{HAND_WRITTEN_HITS}
GROUP BY r.id, ru.id, ru.min_count
HAVING count(*) >= ru.min_count
"""

# What any check that stores its cases pays at least on a first run: one hand-written statement inserting the
# flagged cases and their events, and nothing else (no log row, no audit entry). Being a write, PostgreSQL plans
# it single-process, and every row it writes passes its foreign-key checks.
HAND_WRITTEN_INSERT = f"""
WITH hits AS (
    SELECT r.id AS recognition_id, ru.id AS rule_id, e.id AS event_id, ru.min_count,
           count(*) OVER (PARTITION BY r.id, ru.id) AS hit_count
    {HAND_WRITTEN_HITS}
),
cases AS (
    INSERT INTO oversight_revocationcase (recognition_id, rule_id, status, opened_at, decision_reason, plaque_note,
                                          proposal_reason)
    SELECT DISTINCT recognition_id, rule_id, %(open)s, now(), '', '', '' FROM hits WHERE hit_count >= min_count
    RETURNING id, recognition_id, rule_id
)
INSERT INTO oversight_caseevent (case_id, event_id)
SELECT c.id, h.event_id FROM cases c JOIN hits h ON h.recognition_id = c.recognition_id AND h.rule_id = c.rule_id
"""


# Two spreads of the generated events (each unit gets events // units of them, over 500 days):
# - realistic: most events are minor (arbitration cases, complaints, wage disputes of severity 1); about 2 % are
#   serious and a third of those are of a kind the "major" rule flags; arbitration cases are 15 % of events.
#   The first run flags roughly one title in twenty — still far more than any real city, where a handful of
#   named units a year lose their title.
# - stress: every fourth event is a wage arrears and every seventh serious; the first run flags over half of the
#   titles (107k of 200k) and opens a case for each at once.
EVENTS_SQL = {
    "realistic": """
        INSERT INTO oversight_riskevent (unit_id, kind, occurred_on, severity, source, description, channel,
            external_id, created_at)
        SELECT %(first)s + (g %% %(units)s),
            CASE WHEN k.kind < 15 THEN 'arbitration_case' WHEN k.kind < 45 THEN 'negative_opinion'
                 WHEN k.kind < 95 THEN 'wage_arrears' ELSE 'mass_incident' END,
            DATE '2024-01-01' + (g %% 500 + 97 * (g / %(units)s)) %% 500,
            1 + (k.severity < 20)::int + (k.severity < 1)::int, 'bench', '', 'api', '', now()
        FROM generate_series(1, %(n)s) g,
             -- Knuth's multiplicative hashes (top bits): a unit's events differ in kind, severity and date.
             LATERAL (SELECT (g * 2654435761 %% 4294967296) / 42949673 AS kind,
                             (g * 2246822519 %% 4294967296) / 4294968 AS severity) k
    """,
    "stress": """
        INSERT INTO oversight_riskevent (unit_id, kind, occurred_on, severity, source, description, channel,
            external_id, created_at)
        SELECT %(first)s + (g %% %(units)s),
            (ARRAY['arbitration_case','wage_arrears','negative_opinion','mass_incident'])[1 + (g %% 4)],
            DATE '2024-01-01' + (g %% 500), 1 + (g %% 7 = 0)::int + (g %% 97 = 0)::int, 'bench', '', 'api', '', now()
        FROM generate_series(1, %(n)s) g
    """,
}


def generate(cursor, units: int, events: int, profile: str) -> None:
    cursor.execute("SELECT id FROM regions_region WHERE level = 'city' LIMIT 1")
    row = cursor.fetchone()
    if row is None:
        cursor.execute("INSERT INTO regions_region (code, name, level, parent_id, path) "
                       "VALUES ('', '基准市', 'city', NULL, '/0/') RETURNING id")
        row = cursor.fetchone()
    city = row[0]
    # Through the ORM, so every column the model adds later gets its default.
    user = (User.objects.order_by("pk").values_list("pk").first()
            or (User.objects.create_user(username="bench", password=None).pk,))
    cursor.execute("""
        WITH u AS (
            INSERT INTO registry_unit (kind, name, region_id, verification_status, created_at, updated_at)
            SELECT 'enterprise', 'bench-' || g, %(city)s, %(verified)s, now(), now() FROM generate_series(1, %(n)s) g
            RETURNING id)
        INSERT INTO applications_recognition (unit_id, city_id, year, sequence, number, title, level, grade,
            issued_on, valid_until, status, revoked_reason, issued_by_id, created_at)
        SELECT id, %(city)s, 2099, id, 'BENCH-' || id, '劳动关系和谐企业', '', '', DATE '2024-01-01', DATE '2026-12-31',
            %(valid)s, '', %(user)s, now() FROM u
    """, {"city": city, "n": units, "user": user[0], "verified": VerificationStatus.VERIFIED,
          "valid": RecognitionStatus.VALID})
    # The bench units were inserted by one statement, so their ids are contiguous from the smallest.
    cursor.execute("SELECT min(id) FROM registry_unit WHERE name = 'bench-1'")
    first_unit = cursor.fetchone()[0]
    cursor.execute(EVENTS_SQL[profile], {"n": events, "units": units, "first": first_unit})
    cursor.execute("""
        INSERT INTO oversight_revocationrule (city_id, name, kinds, min_severity, min_count, window_days,
            is_active, updated_at)
        VALUES (%(city)s, 'bench-major', '["mass_incident", "wage_arrears"]'::jsonb, 2, 1, NULL, true, now()),
               (%(city)s, 'bench-arbitration', '["arbitration_case"]'::jsonb, 1, 3, 365, true, now())
    """, {"city": city})
    # Inside the benchmark's transaction the foreign-key checks of these rows are deferred to COMMIT; run
    # them now, or the first timed check (which runs the deferred checks, see timed_check) would pay for them.
    cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    cursor.execute("ANALYZE")


def kept_sizes(cursor) -> tuple[int, int]:
    """How many bench titles and events a previous ``--keep`` run left in the database."""
    cursor.execute("SELECT count(*) FROM applications_recognition WHERE number LIKE 'BENCH-%%'")
    titles = cursor.fetchone()[0]
    cursor.execute("SELECT count(*) FROM oversight_riskevent WHERE source = 'bench'")
    return titles, cursor.fetchone()[0]


def seed_kept(units: int, events: int, profile: str) -> None:
    with connection.cursor() as cursor:
        present = kept_sizes(cursor)
        if present == (units, events):
            print(f"reusing {units} titles and {events} events kept by an earlier run")
            vacuum_written()  # so that every run starts alike, even after one that was stopped
            return
        if present != (0, 0):
            sys.exit(f"this database holds bench data of another size {present}; use a fresh database")
    with transaction.atomic(), connection.cursor() as cursor:
        started = time.perf_counter()
        generate(cursor, units, events, profile)
        print(f"generated {units} titles and {events} events in {time.perf_counter() - started:.1f}s (kept)")


def timed_check(today: datetime.date):
    """One run of the check, including the foreign-key checks PostgreSQL defers to COMMIT.

    The benchmark runs inside a transaction it rolls back, where deferred checks would never fire;
    ``SET CONSTRAINTS ALL IMMEDIATE`` runs them now so that the time is what a real nightly run pays.
    """
    from apps.oversight.revocations.checks import revocation_check_run

    started = time.perf_counter()
    result = revocation_check_run(today=today)
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    return result, time.perf_counter() - started


def timed_insert(today: datetime.date, jit: str) -> float:
    """One run of the hand-written insert with its foreign-key checks, rolled back (``jit`` as for the query)."""
    sid = transaction.savepoint()
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL jit = {jit}")
        started = time.perf_counter()
        cursor.execute(HAND_WRITTEN_INSERT, {"today": today, **STATUSES})
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        seconds = time.perf_counter() - started
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    transaction.savepoint_rollback(sid)  # which also undoes the SET LOCAL
    return seconds


def add_new_events(count: int, today: datetime.date) -> None:
    """A night's worth of new serious events for some of the bench titles."""
    with connection.cursor() as cursor:
        cursor.execute("""
            INSERT INTO oversight_riskevent (unit_id, kind, occurred_on, severity, source, description, channel,
                external_id, created_at)
            SELECT r.unit_id, 'mass_incident', %(day)s, 3, 'bench-new', '', 'api', '', now()
            FROM applications_recognition r WHERE r.number LIKE 'BENCH-%%' ORDER BY r.id DESC LIMIT %(n)s
        """, {"day": today - datetime.timedelta(days=1), "n": count})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=20000)
    parser.add_argument("--events", type=int, default=100000)
    parser.add_argument("--keep", action="store_true",
                        help="commit the generated data on the first run and reuse it on later runs")
    parser.add_argument("--repeat", type=int, default=1,
                        help="time each step this many times (each from the same state) and report the fastest")
    parser.add_argument("--profile", choices=sorted(EVENTS_SQL), default="realistic",
                        help="spread of the generated events (see EVENTS_SQL); --keep databases hold one profile")
    parser.add_argument("--new-events", type=int, default=1000,
                        help="new serious events added before the last, steady-state nightly run")
    args = parser.parse_args()

    today = datetime.date(2025, 6, 1)
    if args.keep:
        seed_kept(args.units, args.events, args.profile)
    with transaction.atomic():
        if not args.keep:
            with connection.cursor() as cursor:
                started = time.perf_counter()
                generate(cursor, args.units, args.events, args.profile)
                print(f"generated {args.units} titles and {args.events} events "
                      f"in {time.perf_counter() - started:.1f}s")
        # The reference is the hand-written query's best time, with PostgreSQL's JIT compilation on (the
        # server's default) and off (as the check runs): the ratio never flatters the check.
        hand_times = []
        for _ in range(args.repeat):
            for jit in ("on", "off"):
                with connection.cursor() as cursor:
                    cursor.execute(f"SET LOCAL jit = {jit}")
                    started = time.perf_counter()
                    cursor.execute(HAND_WRITTEN, {"today": today, **STATUSES})
                    expected = set(cursor.fetchall())
                    hand_times.append(time.perf_counter() - started)
                    cursor.execute("SET LOCAL jit = DEFAULT")
        hand = min(hand_times)
        insert_times = [timed_insert(today, jit) for _ in range(args.repeat) for jit in ("on", "off")]
        insert = min(insert_times)
        # Each repetition of the first run starts from no cases: it runs in a savepoint that is rolled back,
        # except the last one, whose cases the later steps build on.
        first_times = []
        for attempt in range(args.repeat):
            sid = transaction.savepoint()
            result, seconds = timed_check(today)
            first_times.append(seconds)
            if attempt < args.repeat - 1:
                transaction.savepoint_rollback(sid)
            else:
                transaction.savepoint_commit(sid)
        check = min(first_times)
        with connection.cursor() as cursor:
            cursor.execute("SELECT recognition_id, rule_id FROM oversight_revocationcase WHERE status = %s",
                           [CaseStatus.OPEN])
            opened = set(cursor.fetchall())
        rerun = min(timed_check(today)[1] for _ in range(args.repeat))
        again = timed_check(today)[0]
        add_new_events(args.new_events, today)
        nightly_times = []
        for _ in range(args.repeat):
            sid = transaction.savepoint()
            nightly, seconds = timed_check(today)
            nightly_times.append(seconds)
            transaction.savepoint_rollback(sid)
        nightly_seconds = min(nightly_times)
        print(f"hand-written query: {hand:.2f}s, {len(expected)} pairs")
        print(f"hand-written insert of those cases and their events, nothing else: {insert:.2f}s")
        print(f"check (first run):  {check:.2f}s, opened {result.opened}, attached {result.attached} events")
        print(f"check (second run): {rerun:.2f}s, opened {again.opened}")
        print(f"check (nightly, {args.new_events} new events): {nightly_seconds:.2f}s, opened {nightly.opened}, "
              f"attached {nightly.attached} events")
        print(f"same set: {opened == expected}; ratio first run / hand-written: {check / hand:.2f}; "
              f"second run: {rerun / hand:.2f}; nightly: {nightly_seconds / hand:.2f}")
        print(f"ratio first run / hand-written insert: {check / insert:.2f}; "
              f"hand-written insert / hand-written query: {insert / hand:.2f}")
        if args.repeat > 1:
            print("all times (s): hand " + " ".join(f"{t:.2f}" for t in hand_times)
                  + " | insert " + " ".join(f"{t:.2f}" for t in insert_times)
                  + " | first " + " ".join(f"{t:.2f}" for t in first_times)
                  + " | nightly " + " ".join(f"{t:.2f}" for t in nightly_times))
        transaction.set_rollback(True)
    vacuum_written()


# Every table a run writes to (generated rows, cases, their log rows, links and audit entries).
WRITTEN = ("registry_unit", "applications_recognition", "oversight_riskevent", "oversight_revocationrule",
           "oversight_revocationcase", "oversight_caseevent", "oversight_caselogentry", "auditlog_logentry",
           "audit_entryscope")


def vacuum_written() -> None:
    """Clear the rolled-back rows out of the tables a run wrote.

    Without this every run leaves its rows behind as dead tuples (1.4 million at full size), and where
    autovacuum is off they stay: in the seeded province they slowed planning of every page joining units
    by 3–7 ms in the next HTTP benchmark, and they slow the next run of this one.
    """
    with connection.cursor() as cursor:
        for table in WRITTEN:
            cursor.execute(f"VACUUM (ANALYZE) {table}")


if __name__ == "__main__":
    main()
