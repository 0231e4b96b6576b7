"""Pages of target responsibility (目标责任制): the tasks and indicators of a region and the regions below it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from apps.accounts.permissions import role_required
from apps.accounts.roles import ADMIN_ROLES
from apps.audit.services import audit_export
from apps.core.excel import xlsx_response
from apps.core.pagination import OneQueryPaginator
from apps.core.params import campaign_year, whole_number

from .forms import TargetTaskForm
from .selectors import indicator_regions_for
from .targets import target_task_save, target_tasks_xlsx, targets_by_region, task_list_for


def _year(request: HttpRequest) -> int:
    return campaign_year(request.GET.get("year"), default=timezone.localdate().year)


def _region(request: HttpRequest, regions):
    region_id = request.GET.get("region", "")
    region = get_object_or_404(regions, pk=region_id) if whole_number(region_id) is not None else regions.first()
    if region is None:
        raise Http404
    return region


def _tasks(request: HttpRequest, region, year: int):
    return (task_list_for(user=request.user).filter(region__path__startswith=region.path, year=year)
            .order_by("region__path", "deadline", "pk"))


@role_required(*ADMIN_ROLES)
def target_list(request: HttpRequest) -> HttpResponse:
    """The region's and its lower regions' tasks and indicators side by side, then the tasks themselves."""
    regions = indicator_regions_for(user=request.user)
    region = _region(request, regions)
    year = _year(request)
    places = [region, *regions.filter(parent=region)]
    figures = targets_by_region(places, year)
    page = OneQueryPaginator(_tasks(request, region, year), 50).get_page(request.GET.get("page"))
    return render(request, "targets/list.html", {
        "region": region, "year": year, "regions": regions, "figures": [figures[p.pk] for p in places],
        "page": page, "today": timezone.localdate(), "query": f"region={region.pk}&year={year}",
    })


@never_cache
@role_required(*ADMIN_ROLES)
def target_export(request: HttpRequest) -> HttpResponse:
    region = _region(request, indicator_regions_for(user=request.user))
    year = _year(request)
    tasks = _tasks(request, region, year)
    audit_export(by=request.user, what=f"{region.name} {year} 年目标责任任务", rows=tasks.count(),
                 region_id=region.pk)
    return xlsx_response(target_tasks_xlsx(tasks, today=timezone.localdate()),
                         filename=f"目标责任任务-{region.name}-{year}.xlsx")


def _save(request: HttpRequest, form: TargetTaskForm, task=None):
    data = form.cleaned_data
    try:
        return target_task_save(task=task, by=request.user, **data)
    except ValidationError as error:
        for name, problems in error.message_dict.items():
            form.add_error(name if name in form.fields else None, problems)
    return None


@role_required(*ADMIN_ROLES)
def target_create(request: HttpRequest) -> HttpResponse:
    regions = indicator_regions_for(user=request.user)
    initial = {"year": _year(request), "region": whole_number(request.GET.get("region", ""))}
    form = TargetTaskForm(request.POST or None, regions=regions, initial=initial)
    if request.method == "POST" and form.is_valid():
        task = _save(request, form)
        if task is not None:
            messages.success(request, _("已下达目标任务“%(title)s”。") % {"title": task.title})
            return redirect(f"{reverse('reports:targets')}?region={task.region_id}&year={task.year}")
    return render(request, "risks/form.html", {"form": form, "title": _("下达目标任务"),
                                               "back_url": reverse("reports:targets")},
                  status=400 if form.errors else 200)


@role_required(*ADMIN_ROLES)
def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Progress, note and status of a task (and what was assigned), by the offices of its region and above."""
    task = get_object_or_404(task_list_for(user=request.user), pk=pk)
    form = TargetTaskForm(request.POST or None, instance=task, regions=indicator_regions_for(user=request.user))
    if request.method == "POST" and form.is_valid():
        task = _save(request, form, task=task)
        if task is not None:
            messages.success(request, _("已更新目标任务“%(title)s”的进展。") % {"title": task.title})
            return redirect(f"{reverse('reports:targets')}?region={task.region_id}&year={task.year}")
    return render(request, "risks/form.html", {"form": form, "title": _("更新目标任务进展"),
                                               "back_url": reverse("reports:targets")},
                  status=400 if form.errors else 200)
