"""The audit trail of the nightly check, whose set-based SQL bypasses the models' signals.

Called inside the check's transaction, under its advisory lock: rows with
ids above the marks taken before the statement are exactly what this run
wrote, so two more reads and one insert record it, whatever its size.
"""

from collections import defaultdict

from django.db.models import Max

from apps.audit.services import audit_created, audit_related_added

from .models import CaseEvent, RevocationCase


def check_marks() -> tuple[int, int]:
    """The highest case and case-event ids before a run."""
    case_mark = RevocationCase.objects.aggregate(mark=Max("pk"))["mark"] or 0
    event_mark = CaseEvent.objects.aggregate(mark=Max("pk"))["mark"] or 0
    return case_mark, event_mark


def check_audit(*, marks: tuple[int, int]) -> None:
    """Record the cases the run opened and the risk events it attached to open cases, as done by the system."""
    case_mark, event_mark = marks
    opened = RevocationCase.objects.filter(pk__gt=case_mark).select_related("recognition__unit", "rule")
    audit_created(instances=opened)
    added = defaultdict(list)
    for link in (CaseEvent.objects.filter(pk__gt=event_mark)
                 .select_related("case__recognition__unit", "case__rule", "event__unit").order_by("pk")):
        added[link.case].append(link.event)
    audit_related_added(additions=added, field_name="events")
