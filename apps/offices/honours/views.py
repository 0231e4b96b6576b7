from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.permissions import regions_for, role_required
from apps.audit.services import audit_export
from apps.core.excel import xlsx_response
from apps.core.official import in_official_language
from apps.core.pagination import OneQueryPaginator
from apps.registry.enterprises.models import Enterprise

from ..figures import region_rows
from ..filters import ListFilter, list_filter
from ..jurisdiction import office_regions_for
from .export import honours_xlsx
from .forms import HonourForm
from .models import Honour, HonourCategory, HonourStatus
from .selectors import (
    RECORD_ROLES,
    VIEW_ROLES,
    coordinators_for_honour,
    honour_figures_for,
    honour_list_for,
    units_for_honour,
)
from .services import honour_save


def _filtered(request: HttpRequest) -> tuple[QuerySet[Honour], ListFilter]:
    filters = list_filter(request, choices={"category": HonourCategory, "status": HonourStatus})
    honours = filters.narrow(honour_list_for(user=request.user).filter(year=filters.year))
    return honours.order_by("category", "recipient", "pk"), filters


@role_required(*VIEW_ROLES)
def honour_list(request: HttpRequest) -> HttpResponse:
    honours, filters = _filtered(request)
    page = OneQueryPaginator(honours, 25).get_page(request.GET.get("page"))
    return render(request, "honours/list.html", {
        "page": page, **filters.context, "categories": HonourCategory.choices, "statuses": HonourStatus.choices,
        "figures": region_rows(regions_for(request.user, VIEW_ROLES), filters.year, honour_figures_for),
        "category_labels": [label for _value, label in HonourCategory.choices],
    })


@role_required(*VIEW_ROLES)
@in_official_language
def honour_export(request: HttpRequest) -> HttpResponse:
    honours, filters = _filtered(request)
    audit_export(by=request.user, what=f"{filters.year} 年荣誉推荐", rows=honours.count())
    return xlsx_response(honours_xlsx(honours), filename=f"honours-{filters.year}.xlsx")


def _save(request: HttpRequest, honour: Honour | None) -> HttpResponse:
    own = regions_for(request.user, RECORD_ROLES)
    initial = {"year": timezone.localdate().year, "region": own[0].pk if own else None}
    if honour is not None:
        initial = {key: getattr(honour, key) for key in (
            "year", "category", "title", "level", "recipient", "employer", "status", "document_number", "decided_on",
            "deeds")}
        initial["region"] = honour.region_id
        initial["coordinator"] = honour.coordinator_id
        if honour.unit is not None:
            initial["unit"] = (Enterprise.objects.filter(unit=honour.unit).values_list("uscc", flat=True).first()
                               or honour.unit.name)
    form = HonourForm(request.POST or None, initial=initial,
                      regions=office_regions_for(user=request.user, roles=RECORD_ROLES),
                      coordinators=coordinators_for_honour(user=request.user),
                      units=units_for_honour(user=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            honour = honour_save(honour=honour, data=form.cleaned_data, unit=form.unit_obj, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)  # a message per field lands at its field
        else:
            messages.success(request, _("已保存：%(recipient)s · %(title)s")
                             % {"recipient": honour.recipient, "title": honour.title})
            return redirect(f"{reverse('honours:list')}?year={honour.year}")
    title = _("修改荣誉推荐") if honour else _("记录荣誉推荐")
    return render(request, "risks/form.html", {"form": form, "title": title, "back_url": reverse("honours:list")},
                  status=400 if form.errors else 200)


@role_required(*RECORD_ROLES)
def honour_create(request: HttpRequest) -> HttpResponse:
    return _save(request, None)


@role_required(*RECORD_ROLES)
def honour_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _save(request, get_object_or_404(honour_list_for(user=request.user), pk=pk))
