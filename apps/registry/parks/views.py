from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.accounts.permissions import role_required
from apps.accounts.roles import ADMIN_ROLES
from apps.registry.selectors import counties_for, townships_in, unit_manageable_by
from apps.registry.units.models import AREA_UNIT_KINDS

from .forms import ParkForm, StationForm
from .services import park_create, station_add


@role_required(*ADMIN_ROLES)
def park_create_view(request: HttpRequest) -> HttpResponse:
    counties = counties_for(user=request.user)
    form = ParkForm(request.POST or None, counties=counties, townships=townships_in(counties))
    if request.method == "POST" and form.is_valid():
        try:
            park = park_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已登记：%(name)s") % {"name": park.unit.name})
            return redirect("registry:unit_detail", pk=park.pk)
    return render(request, "registry/simple_form.html", {"form": form, "title": _("登记工业园区、乡镇(街道)或社区"),
                                                          "back_url": reverse("registry:unit_list")},
                  status=400 if form.errors else 200)


@role_required(*ADMIN_ROLES)
def station_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(
        unit_manageable_by(user=request.user).filter(kind__in=AREA_UNIT_KINDS, park__isnull=False),
        pk=pk,
    )
    form = StationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            station_add(park=unit.park, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已添加服务站点。"))
            return redirect("registry:unit_detail", pk=unit.pk)
    return render(request, "registry/simple_form.html",
                  {"form": form, "title": _("添加服务站点"), "subtitle": unit.name,
                   "back_url": reverse("registry:unit_detail", args=[unit.pk])},
                  status=400 if form.errors else 200)
