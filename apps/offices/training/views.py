from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from apps.accounts.permissions import regions_for, role_required
from apps.audit.services import audit_export
from apps.core.excel import xlsx_response
from apps.core.official import in_official_language
from apps.core.pagination import OneQueryPaginator
from apps.core.params import campaign_year
from apps.registry.coordinators.selectors import coordinator_list_for
from apps.registry.coordinators.services import units_from_lines
from apps.registry.enterprises.models import Enterprise

from ..figures import region_rows
from ..filters import ListFilter, list_filter
from ..jurisdiction import office_regions_for
from .export import coordinator_hours_xlsx, trainings_xlsx
from .forms import TrainingForm
from .models import Training, TrainingKind
from .selectors import (
    RECORD_ROLES,
    VIEW_ROLES,
    coordinator_hours_for,
    coordinators_for_training,
    training_figures_for,
    training_list_for,
    training_material_for,
    units_for_training,
)
from .services import training_save


def _filtered(request: HttpRequest) -> tuple[QuerySet[Training], ListFilter]:
    """The user's sessions of the chosen year (this year by default), narrowed by kind and topic."""
    filters = list_filter(request, choices={"kind": TrainingKind}, searches=["q"])
    trainings = filters.narrow(training_list_for(user=request.user).filter(held_on__year=filters.year))
    if filters.searched["q"]:
        trainings = trainings.filter(topic__icontains=filters.searched["q"])
    return trainings.order_by("-held_on", "-pk"), filters


@role_required(*VIEW_ROLES)
def training_list(request: HttpRequest) -> HttpResponse:
    trainings, filters = _filtered(request)
    page = OneQueryPaginator(trainings, 25).get_page(request.GET.get("page"))
    roots = regions_for(request.user, VIEW_ROLES)
    return render(request, "training/list.html", {
        "page": page, **filters.context, "kinds": TrainingKind.choices,
        "figures": region_rows(roots, filters.year, training_figures_for),
        "kind_labels": [label for _k, label in TrainingKind.choices],
    })


@role_required(*VIEW_ROLES)
@in_official_language
def training_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as Excel (every row of the year, not one page)."""
    trainings, filters = _filtered(request)
    audit_export(by=request.user, what=f"{filters.year} 年培训宣传活动", rows=trainings.count())
    return xlsx_response(trainings_xlsx(trainings), filename=f"trainings-{filters.year}.xlsx")


@role_required(*VIEW_ROLES)
def training_detail(request: HttpRequest, pk: int) -> HttpResponse:
    training = get_object_or_404(training_list_for(user=request.user), pk=pk)
    return render(request, "training/detail.html", {
        "training": training, "materials": training.materials.all(),
        "units": training.units.select_related("region").order_by("name"),
        "coordinators": training.coordinators.select_related("region").order_by("full_name"),
    })


def _save(request: HttpRequest, training: Training | None) -> HttpResponse:
    regions = office_regions_for(user=request.user, roles=RECORD_ROLES)
    own = regions_for(request.user, RECORD_ROLES)
    initial = {"held_on": timezone.localdate(), "hours": 0, "people_count": 0, "region": own[0].pk if own else None}
    if training is not None:
        initial = {key: getattr(training, key) for key in (
            "held_on", "kind", "method", "organiser", "topic", "audience", "hours", "people_count", "summary")}
        initial["region"] = training.region_id
        units = list(training.units.order_by("name"))
        codes = dict(Enterprise.objects.filter(unit__in=units).values_list("unit_id", "uscc"))
        initial["units_text"] = "\n".join(codes.get(unit.pk, unit.name) for unit in units)
        initial["coordinators"] = [c.pk for c in training.coordinators.all()]
    form = TrainingForm(request.POST or None, request.FILES or None, initial=initial,
                        regions=regions, coordinators=coordinators_for_training(user=request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            units = units_from_lines(text=data["units_text"], allowed=units_for_training(user=request.user))
            training = training_save(training=training, data=data, units=units,
                                     coordinators=list(data["coordinators"]), files=data["files"], by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已保存：%(topic)s") % {"topic": training.topic})
            return redirect("training:detail", pk=training.pk)
    title = _("修改培训宣传活动") if training else _("记录培训宣传活动")
    back = reverse("training:detail", args=[training.pk]) if training else reverse("training:list")
    return render(request, "risks/form.html", {"form": form, "title": title, "back_url": back},
                  status=400 if form.errors else 200)


@role_required(*RECORD_ROLES)
def training_create(request: HttpRequest) -> HttpResponse:
    return _save(request, None)


@role_required(*RECORD_ROLES)
def training_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _save(request, get_object_or_404(training_list_for(user=request.user), pk=pk))


@never_cache
@role_required(*VIEW_ROLES)
def material_download(request: HttpRequest, pk: int) -> FileResponse:
    material = get_object_or_404(training_material_for(user=request.user), pk=pk)
    return FileResponse(material.file.open("rb"), as_attachment=True, filename=material.original_name)


def _coordinator_hours(request: HttpRequest) -> tuple[QuerySet, int]:
    year = campaign_year(request.GET.get("year"), default=timezone.localdate().year)
    coordinators = coordinator_hours_for(coordinators=coordinator_list_for(user=request.user), year=year)
    return coordinators.order_by("region__path", "full_name", "pk"), year


@role_required(*VIEW_ROLES)
def coordinator_hours(request: HttpRequest) -> HttpResponse:
    """The coordinator ledger with each coordinator's training sessions and hours in the year."""
    coordinators, year = _coordinator_hours(request)
    page = OneQueryPaginator(coordinators, 25).get_page(request.GET.get("page"))
    return render(request, "training/coordinator_hours.html", {"page": page, "year": year,
                                                                 "query": f"year={year}"})


@role_required(*VIEW_ROLES)
@in_official_language
def coordinator_hours_export(request: HttpRequest) -> HttpResponse:
    coordinators, year = _coordinator_hours(request)
    audit_export(by=request.user, what=f"{year} 年协调员培训学时", rows=coordinators.count())
    return xlsx_response(coordinator_hours_xlsx(coordinators, year=year), filename=f"coordinator-hours-{year}.xlsx")
