"""The audit trail of the nightly check, whose set-based SQL bypasses the models' signals.

Called inside the check's transaction, under its advisory lock: rows with
ids above the marks taken before the check's statement are exactly what
this run wrote. Two statements record them in the database (a case opened,
with its events; events added to an older case), whatever their number;
the entries read as the models' own ones do (their ``__str__`` and
django-auditlog's change format), by the system.
"""

import json

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Max

from apps.audit.services import audit_from_sql
from apps.oversight.risks.models import RiskKind

from .models import CaseEvent, CaseStatus, RevocationCase

# Case, title and unit of every case above the mark: what both entries need.
_CASES = """
    SELECT c.id, c.recognition_id, c.rule_id, c.opened_at, u.region_id, r.application_id, u.name AS unit_name,
           r.number || ' ' || u.name || ' · ' || ru.name AS object_repr
    FROM oversight_revocationcase c
    JOIN applications_recognition r ON r.id = c.recognition_id
    JOIN registry_unit u ON u.id = r.unit_id
    JOIN oversight_revocationrule ru ON ru.id = c.rule_id
"""

# An event as RiskEvent.__str__ shows it (unit · kind · date), from the event's unit name, kind and date.
_EVENT_LABEL = "{unit} || ' · ' || (%(kind_labels)s::jsonb ->> {kind}) || ' · ' || {day}"

# The events this run attached to case ``c``, each looked up by key: the statistics of the tables the check
# has just written are stale inside its transaction, and a join left to the planner once re-read the links for
# every case (over 20 minutes at province scale instead of seconds).
_EVENTS_OF_CASE = f"""
    SELECT jsonb_agg((SELECT {_EVENT_LABEL.format(unit="u.name", kind="e.kind", day="e.occurred_on")}
                      FROM oversight_riskevent e JOIN registry_unit u ON u.id = e.unit_id
                      WHERE e.id = ce.event_id)
                     ORDER BY ce.id) AS objects
    FROM oversight_caseevent ce
    WHERE ce.case_id = c.id AND ce.id > %(event_mark)s
"""

# One entry per case the run opened, with the events that triggered it. A new case's events are exactly its
# title's and rule's rows in the run's hits table, which holds each event's kind and date: they are gathered
# there per case first (one pass, no lookups), and only then joined to the cases, their titles and units.
OPENED = f"""
    SELECT %(case_type)s AS content_type_id, c.id AS object_id, c.object_repr, 0 AS action,
           jsonb_build_object(
               'recognition', jsonb_build_array(NULL, c.recognition_id),
               'rule', jsonb_build_array(NULL, c.rule_id),
               'status', jsonb_build_array(NULL, %(open)s::text),
               'opened_at', jsonb_build_array(NULL, to_char(c.opened_at AT TIME ZONE 'UTC',
                                                            'YYYY-MM-DD HH24:MI:SS.US')),
               'events', jsonb_build_object('type', 'm2m', 'operation', 'add', 'objects',
                   (SELECT jsonb_agg({_EVENT_LABEL.format(unit="c.unit_name", kind="kind", day="day")}
                                     ORDER BY position)
                    FROM unnest(h.kinds, h.days) WITH ORDINALITY AS event(kind, day, position)))
           ) AS changes,
           c.region_id, c.application_id
    FROM ({_CASES} WHERE c.id > %(case_mark)s) c
    JOIN (SELECT recognition_id, rule_id, array_agg(kind ORDER BY event_id) AS kinds,
                 array_agg(occurred_on ORDER BY event_id) AS days
          FROM {{hits}} GROUP BY recognition_id, rule_id) h
        ON h.recognition_id = c.recognition_id AND h.rule_id = c.rule_id
"""

# One entry per case opened on an earlier night that received new events in this run.
ATTACHED = f"""
    SELECT %(case_type)s AS content_type_id, c.id AS object_id, c.object_repr, 1 AS action,
           jsonb_build_object('events', jsonb_build_object('type', 'm2m', 'operation', 'add', 'objects', a.objects))
               AS changes,
           c.region_id, c.application_id
    FROM (SELECT DISTINCT case_id FROM oversight_caseevent
          WHERE id > %(event_mark)s AND case_id <= %(case_mark)s) touched
    CROSS JOIN LATERAL ({_CASES} WHERE c.id = touched.case_id) c
    CROSS JOIN LATERAL ({_EVENTS_OF_CASE}) a
"""


def check_marks() -> tuple[int, int]:
    """The highest case and case-event ids before a run."""
    case_mark = RevocationCase.objects.aggregate(mark=Max("pk"))["mark"] or 0
    event_mark = CaseEvent.objects.aggregate(mark=Max("pk"))["mark"] or 0
    return case_mark, event_mark


def check_audit(*, marks: tuple[int, int], hits_table: str) -> None:
    """Record the cases the run opened (with their events) and the events it added to older cases, as the system.

    ``hits_table`` is the run's table of new hits (title, rule, event, kind, date), still in place.
    """
    case_mark, event_mark = marks
    params = {
        "case_type": ContentType.objects.get_for_model(RevocationCase).pk,
        "case_mark": case_mark,
        "event_mark": event_mark,
        "open": CaseStatus.OPEN,
        "kind_labels": json.dumps({kind.value: str(kind.label) for kind in RiskKind}, ensure_ascii=False),
    }
    with connection.cursor() as cursor:
        audit_from_sql(cursor=cursor, source=OPENED.format(hits=hits_table), params=params)
        audit_from_sql(cursor=cursor, source=ATTACHED, params=params)
