"""The audit trail viewer: read-only pages (GET only); nothing here changes an entry.

An application's own history is a page of the application (apps.applications.assessments.views).
"""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from apps.accounts.permissions import role_required

from .display import entries_described
from .filters import AccountEventFilter, AuditEntryFilter
from .selectors import PAGE_SIZE, VIEWER_ROLES, account_events_for, audit_entries_for


@require_GET
@role_required(*VIEWER_ROLES)
def entry_list(request: HttpRequest) -> HttpResponse:
    entry_filter = AuditEntryFilter(request.GET, queryset=audit_entries_for(user=request.user))
    page = Paginator(entry_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/list.html", {
        "filter": entry_filter, "page": page, "entries": entries_described(page.object_list),
        "query": query.urlencode(),
    })


@require_GET
@role_required(*VIEWER_ROLES)
def account_event_list(request: HttpRequest) -> HttpResponse:
    event_filter = AccountEventFilter(request.GET, queryset=account_events_for(user=request.user))
    page = Paginator(event_filter.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "audit/account_events.html", {
        "filter": event_filter, "page": page, "query": query.urlencode(),
    })
