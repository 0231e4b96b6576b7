"""Reads of the audit trail, scoped by jurisdiction: deny by default."""

from auditlog.models import LogEntry
from django.db.models import QuerySet

from apps.accounts.models import AccountEvent, Role, User
from apps.accounts.permissions import has_role
from apps.accounts.selectors import scope_to_jurisdiction

# The audit administrator reads everything (the system and security administrators' work included);
# a city admin reads what concerns its city. The system administrator does not audit itself.
VIEWER_ROLES = (Role.CITY_ADMIN, Role.AUDIT_ADMIN)
# Entries per page in every audit listing.
PAGE_SIZE = 50


def _entries() -> QuerySet[LogEntry]:
    return LogEntry.objects.select_related("actor", "content_type", "scope").order_by("-timestamp", "-pk")


def audit_entries_for(*, user: User) -> QuerySet[LogEntry]:
    """Every entry for the audit administrator; for a city admin, entries about objects in their city.

    Entries whose region is unknown are shown only to the audit administrator.
    """
    if has_role(user, Role.AUDIT_ADMIN):
        return _entries()
    return scope_to_jurisdiction(_entries(), user, fields=("scope__region",), roles=(Role.CITY_ADMIN,))


def audit_entries_of_application(*, application_id: int) -> QuerySet[LogEntry]:
    """The history of one application and everything hanging on it; the caller has checked it may see it."""
    return _entries().filter(scope__application_id=application_id)


def account_events_for(*, user: User) -> QuerySet[AccountEvent]:
    """Sign-ins, sign-outs and password events: all for the audit administrator, the city's own people for a city admin.

    Events without a region (a failed login under a name no account has) are the audit administrator's.
    """
    events = AccountEvent.objects.select_related("user", "by", "region").order_by("-created_at", "-pk")
    if has_role(user, Role.AUDIT_ADMIN):
        return events
    return scope_to_jurisdiction(events, user, fields=("region",), roles=(Role.CITY_ADMIN,))
