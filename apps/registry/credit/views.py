"""Entering an enterprise's credit-grade evaluations and red-list periods: the county and city offices, in
their jurisdiction (anyone else gets 404); and the region-wide red list with its Excel export."""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache

from apps.accounts.permissions import role_required
from apps.accounts.roles import ADMIN_ROLES
from apps.audit.services import audit_export
from apps.core.excel import xlsx_response
from apps.core.official import in_official_language
from apps.core.pagination import BoundedPaginator
from apps.core.params import whole_number
from apps.regions.models import Region
from apps.registry.enterprises.models import Enterprise
from apps.registry.selectors import counties_for, unit_manageable_by

from .export import red_list_xlsx
from .forms import CreditEvaluationForm, RedListEndForm, RedListEntryForm
from .models import RedListEntry
from .selectors import ALL, ENDED, IN_FORCE, RED_LIST_VIEW_ROLES, red_list_filter, red_list_for
from .services import credit_evaluation_create, red_list_entry_create, red_list_entry_end

RED_LIST_STATES = ((IN_FORCE, gettext_lazy("在列")), (ENDED, gettext_lazy("已移出")), (ALL, gettext_lazy("全部")))
PAGE_SIZE = 25


def _enterprise(request: HttpRequest, pk: int) -> Enterprise:
    unit = get_object_or_404(unit_manageable_by(user=request.user).filter(enterprise__isnull=False), pk=pk)
    return unit.enterprise


def _form_page(request: HttpRequest, form, *, title: str, enterprise: Enterprise) -> HttpResponse:
    return render(request, "registry/simple_form.html", {
        "form": form, "title": title, "subtitle": enterprise.unit.name,
        "back_url": reverse("registry:unit_detail", args=[enterprise.pk]),
    }, status=400 if form.errors else 200)


def _save(form, action) -> bool:
    try:
        action()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            form.add_error(None, error.messages)
        return False
    return True


@role_required(*ADMIN_ROLES)
def credit_evaluation_new(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = _enterprise(request, pk)
    form = CreditEvaluationForm(request.POST or None, initial={"evaluated_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid() and _save(form, lambda: credit_evaluation_create(
            enterprise=enterprise, by=request.user, **form.cleaned_data)):
        messages.success(request, _("已录入诚信等级评价。"))
        return redirect("registry:unit_detail", pk=enterprise.pk)
    return _form_page(request, form, title=_("录入诚信等级评价"), enterprise=enterprise)


@role_required(*ADMIN_ROLES)
def red_list_entry_new(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = _enterprise(request, pk)
    form = RedListEntryForm(request.POST or None, initial={"listed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid() and _save(form, lambda: red_list_entry_create(
            enterprise=enterprise, by=request.user, **form.cleaned_data)):
        messages.success(request, _("已列入守法诚信红名单。"))
        return redirect("registry:unit_detail", pk=enterprise.pk)
    return _form_page(request, form, title=_("列入守法诚信红名单"), enterprise=enterprise)


@role_required(*ADMIN_ROLES)
def red_list_entry_end_view(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    enterprise = _enterprise(request, pk)
    entry = get_object_or_404(RedListEntry, enterprise=enterprise, pk=entry_pk)
    form = RedListEndForm(request.POST or None, initial={"ended_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid() and _save(form, lambda: red_list_entry_end(
            entry=entry, by=request.user, **form.cleaned_data)):
        messages.success(request, _("已移出守法诚信红名单。"))
        return redirect("registry:unit_detail", pk=enterprise.pk)
    return _form_page(request, form, title=_("移出守法诚信红名单"), enterprise=enterprise)


@dataclass(frozen=True)
class RedListQuery:
    """The red list's filters as read from the query string (anything unknown falls back to no filter)."""

    state: str
    year: int | None
    county: Region | None
    q: str
    counties: list[Region]

    @property
    def query(self) -> str:
        return urlencode({key: value for key, value in {
            "state": self.state, "year": self.year or "", "county": self.county.pk if self.county else "",
            "q": self.q}.items() if value})


def _red_list(request: HttpRequest) -> tuple[QuerySet[RedListEntry], RedListQuery]:
    state = request.GET.get("state", IN_FORCE)
    if state not in {value for value, _label in RED_LIST_STATES}:
        state = IN_FORCE
    counties = list(counties_for(user=request.user, roles=RED_LIST_VIEW_ROLES))
    county_id = whole_number(request.GET.get("county"))
    filters = RedListQuery(
        state=state, year=whole_number(request.GET.get("year"), minimum=2000, maximum=2100),
        county=next((county for county in counties if county.pk == county_id), None),
        q=request.GET.get("q", "").strip()[:100], counties=counties,
    )
    entries = red_list_filter(red_list_for(user=request.user), day=timezone.localdate(), state=filters.state,
                              year=filters.year, county=filters.county, q=filters.q)
    return entries, filters


@never_cache
@role_required(*RED_LIST_VIEW_ROLES)
def red_list(request: HttpRequest) -> HttpResponse:
    """守法诚信红名单 of the viewer's jurisdiction: in force (by default), ended or all; by year of listing,
    county (a city's viewer) and name or credit code."""
    entries, filters = _red_list(request)
    page = BoundedPaginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "registry/red_list.html", {
        "page": page, "filters": filters, "query": filters.query, "states": RED_LIST_STATES,
    })


@never_cache
@role_required(*RED_LIST_VIEW_ROLES)
@in_official_language
def red_list_export(request: HttpRequest) -> HttpResponse:
    """The filtered red list as Excel: every row, not one page."""
    entries, _filters = _red_list(request)
    audit_export(by=request.user, what="守法诚信红名单", rows=entries.count())
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return xlsx_response(red_list_xlsx(entries), filename=f"red-list-{stamp}.xlsx")
