"""The audit trail viewer: read-only pages (GET only); nothing here changes an entry."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from apps.accounts.permissions import role_required
from apps.accounts.roles import APPLICATION_STAFF_ROLES
from apps.applications.assessments.selectors import application_list_for

from .display import entries_described
from .filters import AccountEventFilter, AuditEntryFilter
from .selectors import VIEWER_ROLES, account_events_for, audit_entries_for, audit_entries_of_application

PAGE_SIZE = 50


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
@role_required(*APPLICATION_STAFF_ROLES)
def application_history(request: HttpRequest, pk: int) -> HttpResponse:
    application = get_object_or_404(application_list_for(user=request.user), pk=pk)
    page = Paginator(audit_entries_of_application(application_id=application.pk), PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "audit/application.html", {
        "application": application, "page": page, "entries": entries_described(page.object_list),
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
