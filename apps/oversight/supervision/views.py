"""Pages of supervision: the visits, a visit with its rectification items, an item's report and acceptance."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from apps.accounts.permissions import regions_for, role_required
from apps.audit.services import audit_export
from apps.core.excel import xlsx_response
from apps.core.official import in_official_language
from apps.core.pagination import OneQueryPaginator
from apps.core.params import campaign_year
from apps.regions.models import Region

from .export import items_xlsx, supervision_xlsx
from .forms import ITEM_FILTERS, OVERDUE, DecisionForm, ItemForm, ReportForm, VisitForm
from .models import RectificationItem
from .permissions import can_report, can_supervise
from .selectors import (
    SUPERVISOR_ROLES,
    VIEW_ROLES,
    item_list_for,
    overdue_items,
    supervisable_regions_for,
    visit_list_for,
)
from .services import (
    rectification_accept,
    rectification_item_add,
    rectification_report,
    rectification_return,
    supervision_visit_record,
)


def _year(request: HttpRequest) -> int:
    return campaign_year(request.GET.get("year"), default=timezone.localdate().year)


def _visits(request: HttpRequest):
    return visit_list_for(user=request.user).filter(visited_on__year=_year(request))


@role_required(*VIEW_ROLES)
def visit_list(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    page = OneQueryPaginator(_visits(request).order_by("-visited_on", "-pk"), 25).get_page(request.GET.get("page"))
    return render(request, "supervision/list.html", {
        "year": year, "page": page, "query": urlencode({"year": year}),
        "can_record": supervisable_regions_for(user=request.user).exists(),
    })


@never_cache
@role_required(*VIEW_ROLES)
@in_official_language
def visit_export(request: HttpRequest) -> HttpResponse:
    """The year's visits in the viewer's jurisdiction, one row per rectification item."""
    year = _year(request)
    visits = _visits(request).order_by("visited_on", "pk")
    audit_export(by=request.user, what=f"{year} 年检查督导", rows=visits.count())
    return xlsx_response(supervision_xlsx(visits), filename=f"检查督导-{year}.xlsx")


@role_required(*SUPERVISOR_ROLES)
def visit_create(request: HttpRequest) -> HttpResponse:
    regions = supervisable_regions_for(user=request.user).select_related("parent")
    form = VisitForm(request.POST or None, regions=regions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            visit = supervision_visit_record(supervisor=data["region"].parent, by=request.user, **data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("已记录检查督导情况，请列出整改事项。"))
            return redirect("supervision:visit", pk=visit.pk)
    return render(request, "risks/form.html", {"form": form, "title": _("记录检查督导"),
                                               "back_url": reverse("supervision:list")},
                  status=400 if form.errors else 200)


def _responsible_regions(visit) -> list[Region]:
    """The supervised region and the regions directly below it (a county's townships)."""
    return Region.objects.filter(pk=visit.region_id) | Region.objects.filter(parent=visit.region_id)


@role_required(*VIEW_ROLES)
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_object_or_404(visit_list_for(user=request.user), pk=pk)
    may_supervise = can_supervise(request.user, visit)
    form = ItemForm(request.POST or None, regions=_responsible_regions(visit).order_by("path"),
                    initial={"responsible": visit.region_id})
    if request.method == "POST":
        if not may_supervise:
            raise PermissionDenied
        if form.is_valid():
            try:
                rectification_item_add(visit=visit, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("已添加整改事项。"))
                return redirect("supervision:visit", pk=pk)
    items = visit.items.select_related("responsible", "closed_by", "reported_by")
    return render(request, "supervision/visit.html", {
        "visit": visit, "items": items, "form": form, "may_supervise": may_supervise,
        "today": timezone.localdate(),
    }, status=400 if form.errors else 200)


def _items(request: HttpRequest) -> tuple[QuerySet[RectificationItem], str, bool]:
    """The user's rectification items narrowed by the list's filters (state, ``mine``), earliest deadline first."""
    state = request.GET.get("state", "")
    items = item_list_for(user=request.user)
    if state == OVERDUE:
        items = overdue_items(items, today=timezone.localdate())
    elif state in {value for value, _label in ITEM_FILTERS[2:]}:
        items = items.filter(status=state)
    else:
        state = ""
    mine = request.GET.get("mine") == "1"
    if mine:
        # An office's own items (the workbench's link): those it is responsible for, not those below it.
        items = items.filter(responsible__in=regions_for(request.user, VIEW_ROLES))
    return items.order_by("deadline", "pk"), state, mine


@role_required(*VIEW_ROLES)
def item_list(request: HttpRequest) -> HttpResponse:
    items, state, mine = _items(request)
    page = OneQueryPaginator(items, 25).get_page(request.GET.get("page"))
    return render(request, "supervision/items.html", {
        "page": page, "state": state, "filters": ITEM_FILTERS, "today": timezone.localdate(), "mine": mine,
        "query": urlencode({k: v for k, v in {"state": state, "mine": "1" if mine else ""}.items() if v}),
    })


@never_cache
@role_required(*VIEW_ROLES)
@in_official_language
def item_export(request: HttpRequest) -> HttpResponse:
    """The filtered items as Excel (every row, not one page), each with its visit."""
    items, _state, _mine = _items(request)
    audit_export(by=request.user, what="整改事项", rows=items.count())
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return xlsx_response(items_xlsx(items, today=timezone.localdate()), filename=f"rectification-items-{stamp}.xlsx")


def _item(request: HttpRequest, pk: int):
    return get_object_or_404(item_list_for(user=request.user), pk=pk)


@role_required(*VIEW_ROLES)
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The item; the responsible office reports its rectification here (POST)."""
    item = _item(request, pk)
    may_report = can_report(request.user, item)
    form = ReportForm(request.POST or None, initial={"measures": item.measures, "rectified_on": item.rectified_on})
    if request.method == "POST":
        if not may_report:
            raise PermissionDenied
        if form.is_valid():
            try:
                rectification_report(item=item, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("已报告整改情况，等待督导单位验收。"))
                return redirect("supervision:item", pk=pk)
    return _item_page(request, item, report_form=form, may_report=may_report)


def _item_page(request, item, *, report_form=None, decision_form=None, may_report=None):
    may_report = can_report(request.user, item) if may_report is None else may_report
    forms_bound = any(f is not None and f.is_bound and f.errors for f in (report_form, decision_form))
    return render(request, "supervision/item.html", {
        "item": item, "today": timezone.localdate(), "may_report": may_report,
        "may_decide": can_supervise(request.user, item.visit),
        "report_form": report_form or ReportForm(initial={"measures": item.measures,
                                                          "rectified_on": item.rectified_on}),
        "decision_form": decision_form or DecisionForm(),
    }, status=400 if forms_bound else 200)


@role_required(*SUPERVISOR_ROLES)
@require_POST
def item_decide(request: HttpRequest, pk: int) -> HttpResponse:
    """The supervising office accepts the reported rectification (销号) or returns it with its comment."""
    item = _item(request, pk)
    if not can_supervise(request.user, item.visit):
        raise PermissionDenied
    form = DecisionForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        service = rectification_accept if data["action"] == DecisionForm.ACCEPT else rectification_return
        try:
            service(item=item, comment=data["comment"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("已验收销号。") if data["action"] == DecisionForm.ACCEPT
                             else _("已退回整改。"))
            return redirect("supervision:item", pk=pk)
    return _item_page(request, item, decision_form=form)
