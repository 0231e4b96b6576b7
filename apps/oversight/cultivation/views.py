from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Role
from apps.accounts.permissions import has_role, regions_for, role_required
from apps.regions.models import RegionLevel

from .forms import QuotaForm, TargetForm, VisitForm
from .permissions import can_log_visit
from .selectors import (
    MANAGE_ROLES,
    VIEW_ROLES,
    coordinators_for,
    fulfilment_for,
    quota_for,
    target_list_for,
    units_for_cultivation,
)
from .services import cultivation_quota_save, cultivation_target_create, guidance_visit_log


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2020 <= year <= 2100 else timezone.localdate().year


@role_required(*VIEW_ROLES)
def overview(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    targets = target_list_for(user=request.user).filter(year=year).order_by("unit__region__name", "unit__name", "pk")
    page = Paginator(targets, 25).get_page(request.GET.get("page"))
    return render(request, "cultivation/overview.html", {
        "year": year, "fulfilment": fulfilment_for(user=request.user, year=year), "page": page,
        "query": f"year={year}", "can_manage": has_role(request.user, *MANAGE_ROLES),
        "can_set_quota": has_role(request.user, Role.CITY_ADMIN),
    })


@role_required(*MANAGE_ROLES)
def target_create(request: HttpRequest) -> HttpResponse:
    form = TargetForm(request.POST or None, units=units_for_cultivation(user=request.user),
                      coordinators=coordinators_for(user=request.user),
                      initial={"year": timezone.localdate().year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            target = cultivation_target_create(unit=form.unit_obj, year=data["year"],
                                               coordinator=data["coordinator"], goal=data["goal"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("已确定培育对象。"))
            return redirect("cultivation:target", pk=target.pk)
    return render(request, "risks/form.html", {"form": form, "title": _("确定培育对象"),
                                               "back_url": reverse("cultivation:overview")},
                  status=400 if form.errors else 200)


@role_required(*VIEW_ROLES)
def target_detail(request: HttpRequest, pk: int) -> HttpResponse:
    target = get_object_or_404(target_list_for(user=request.user), pk=pk)
    may_log = can_log_visit(request.user, target)
    form = VisitForm(request.POST or None)
    if request.method == "POST":
        if not may_log:
            raise PermissionDenied
        if form.is_valid():
            try:
                guidance_visit_log(target=target, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("已记录指导情况。"))
                return redirect("cultivation:target", pk=pk)
    return render(request, "cultivation/target.html", {
        "target": target, "visits": target.visits.select_related("logged_by"), "form": form, "may_log": may_log,
    }, status=400 if form.errors else 200)


@role_required(Role.CITY_ADMIN)
def quota_edit(request: HttpRequest) -> HttpResponse:
    cities = [r for r in regions_for(request.user, [Role.CITY_ADMIN]) if r.level == RegionLevel.CITY]
    if not cities:
        raise Http404
    quota = quota_for(city=cities[0])
    form = QuotaForm(request.POST or None, initial={"min_enterprises": quota.min_enterprises,
                                                    "min_areas": quota.min_areas})
    if request.method == "POST" and form.is_valid():
        cultivation_quota_save(city=cities[0], by=request.user, **form.cleaned_data)
        messages.success(request, _("培育数量要求已保存。"))
        return redirect("cultivation:overview")
    return render(request, "risks/form.html", {"form": form, "title": _("培育数量要求"),
                                               "back_url": reverse("cultivation:overview")},
                  status=400 if form.errors else 200)
