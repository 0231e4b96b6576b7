"""Pages of target responsibility (目标责任制): the tasks and indicators of a region and the regions below it.

Along the 包保 chain (apps/reports/targets.py): the county and city offices assign tasks to their own region and
the next links below it; a township's staff report progress on the tasks assigned to their township and assign
tasks to the units in it.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import F, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from apps.accounts.models import Role
from apps.accounts.permissions import has_role, in_jurisdiction, regions_for, role_required
from apps.accounts.roles import ADMIN_ROLES
from apps.audit.services import audit_export
from apps.core.excel import xlsx_response
from apps.core.official import in_official_language
from apps.core.pagination import OneQueryPaginator
from apps.core.params import campaign_year, whole_number
from apps.regions.models import Region, RegionLevel

from .forms import TargetProgressForm, TargetTaskForm, TargetUnitTaskForm
from .selectors import indicator_regions_for
from .targets import (
    TARGET_ROLES,
    assignable_regions_for,
    assignable_units_for,
    target_task_progress_save,
    target_task_save,
    target_tasks_xlsx,
    target_unit_task_save,
    targets_by_region,
    task_list_for,
    township_places_for,
)


def _year(request: HttpRequest) -> int:
    return campaign_year(request.GET.get("year"), default=timezone.localdate().year)


def _region(request: HttpRequest, regions):
    """The region asked for (any in the user's jurisdiction: a county office opens one of its streets after giving
    it a task), else the first of ``regions``."""
    region_id = request.GET.get("region", "")
    condition = Q(pk__in=[])
    for root in regions_for(request.user, TARGET_ROLES):
        condition |= Q(path__startswith=root.path)
    openable = Region.objects.filter(condition)
    region = get_object_or_404(openable, pk=region_id) if whole_number(region_id) is not None else regions.first()
    if region is None:
        raise Http404
    return region


def _tasks(request: HttpRequest, region, year: int):
    """The region's tasks and those of every link below it (townships, communities, units)."""
    return (task_list_for(user=request.user).filter(region__path__startswith=region.path, year=year)
            .order_by("region__path", F("unit__name").asc(nulls_first=True), "deadline", "pk"))


def _list_regions(request: HttpRequest):
    """The regions whose tasks the user opens: an office's city and counties, a township staff's own places."""
    places = [place.pk for place in township_places_for(user=request.user)]
    return (indicator_regions_for(user=request.user) | Region.objects.filter(pk__in=places)).order_by("path")


@role_required(*TARGET_ROLES)
def target_list(request: HttpRequest) -> HttpResponse:
    """The region's and its lower regions' tasks and indicators side by side, then the tasks themselves."""
    regions = _list_regions(request)
    region = _region(request, regions)
    year = _year(request)
    figures = []
    if region.level in (RegionLevel.CITY, RegionLevel.COUNTY):  # indicators are set for cities and counties
        places = [region, *regions.filter(parent=region)]
        by_region = targets_by_region(places, year)
        figures = [by_region[p.pk] for p in places]
    page = OneQueryPaginator(_tasks(request, region, year), 50).get_page(request.GET.get("page"))
    return render(request, "targets/list.html", {
        "region": region, "year": year, "regions": regions, "figures": figures,
        "page": page, "today": timezone.localdate(), "query": f"region={region.pk}&year={year}",
        "can_assign": has_role(request.user, *ADMIN_ROLES),
        "can_assign_units": has_role(request.user, Role.TOWNSHIP_STAFF),
    })


@never_cache
@role_required(*TARGET_ROLES)
@in_official_language
def target_export(request: HttpRequest) -> HttpResponse:
    region = _region(request, _list_regions(request))
    year = _year(request)
    tasks = _tasks(request, region, year)
    audit_export(by=request.user, what=f"{region.name} {year} 年目标责任任务", rows=tasks.count(),
                 region_id=region.pk)
    return xlsx_response(target_tasks_xlsx(tasks, today=timezone.localdate()),
                         filename=f"目标责任任务-{region.name}-{year}.xlsx")


def _save(request: HttpRequest, form, save, task=None):
    data = form.cleaned_data
    try:
        return save(task=task, by=request.user, **data)
    except ValidationError as error:
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    return None


def _back(task) -> str:
    return f"{reverse('reports:targets')}?region={task.region_id}&year={task.year}"


def _form_page(request: HttpRequest, form, title: str) -> HttpResponse:
    return render(request, "risks/form.html", {"form": form, "title": title, "back_url": reverse("reports:targets")},
                  status=400 if form.errors else 200)


@role_required(*ADMIN_ROLES)
def target_create(request: HttpRequest) -> HttpResponse:
    regions = assignable_regions_for(user=request.user)
    initial = {"year": _year(request), "region": whole_number(request.GET.get("region", ""))}
    form = TargetTaskForm(request.POST or None, regions=regions, initial=initial)
    if request.method == "POST" and form.is_valid():
        task = _save(request, form, target_task_save)
        if task is not None:
            messages.success(request, _("已下达目标任务“%(title)s”。") % {"title": task.title})
            return redirect(_back(task))
    return _form_page(request, form, _("下达目标任务"))


@role_required(Role.TOWNSHIP_STAFF)
def target_unit_create(request: HttpRequest) -> HttpResponse:
    """A township's staff assign a task to a unit of their township (包保用人单位)."""
    form = TargetUnitTaskForm(request.POST or None, units=assignable_units_for(user=request.user),
                              initial={"year": _year(request)})
    if request.method == "POST" and form.is_valid():
        task = _save(request, form, target_unit_task_save)
        if task is not None:
            messages.success(request, _("已向%(unit)s下达包保任务“%(title)s”。")
                             % {"unit": task.unit.name, "title": task.title})
            return redirect(_back(task))
    return _form_page(request, form, _("包保用人单位：下达任务"))


@role_required(*TARGET_ROLES)
def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """A task as its place in the chain allows: a unit's task by the township that assigned it (and the offices
    above); a region's task, what was assigned by the offices above it, its progress by the region's own staff."""
    task = get_object_or_404(task_list_for(user=request.user), pk=pk)
    if task.unit_id is not None:
        # A township staff chooses among their township's units; an office above keeps to the task's place.
        within = None if has_role(request.user, Role.TOWNSHIP_STAFF) else task.region
        form = TargetUnitTaskForm(request.POST or None, instance=task,
                                  units=assignable_units_for(user=request.user, within=within))
        save, title = target_unit_task_save, _("更新包保任务")
    elif in_jurisdiction(request.user, task.region, ADMIN_ROLES):
        regions = assignable_regions_for(user=request.user) | Region.objects.filter(pk=task.region_id)
        form = TargetTaskForm(request.POST or None, instance=task, regions=regions.order_by("path"))
        save, title = target_task_save, _("更新目标任务进展")
    else:
        form = TargetProgressForm(request.POST or None, instance=task)
        save, title = target_task_progress_save, _("上报目标任务进展：%(title)s") % {"title": task.title}
    if request.method == "POST" and form.is_valid():
        task = _save(request, form, save, task=task)
        if task is not None:
            messages.success(request, _("已更新目标任务“%(title)s”的进展。") % {"title": task.title})
            return redirect(_back(task))
    return _form_page(request, form, title)
