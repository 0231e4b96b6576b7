from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from apps.accounts.models import Role
from apps.accounts.permissions import role_required, unit_ids_for
from apps.accounts.roles import ADMIN_ROLES
from apps.audit.services import audit_export
from apps.core.excel import Column, xlsx_response, xlsx_table
from apps.core.official import in_official_language
from apps.core.pagination import NarrowPaginator
from apps.registry.units.models import Unit

from .forms import GrantForm, MeasureForm
from .models import IncentiveMeasure
from .rows import measure_rows_kept
from .selectors import (
    catalogue_regions_for,
    grant_list_for,
    grants_in_force_during,
    grants_in_force_today,
    measure_grants_kept,
    measure_list_for,
    measures_editable_by,
    recognitions_for_grant,
)
from .services import incentive_grant_create, incentive_measure_save
from .sheet import incentive_sheet

EXPORT_COLUMNS = [
    Column("单位名称", width=34), Column("统一社会信用代码", width=22, text=True), Column("所属县(市、区)", width=14),
    Column("称号", width=30), Column("证书编号", width=20, text=True), Column("称号有效期至", width=12),
    Column("享受起始日期", width=12), Column("终止日期", width=12), Column("终止原因", width=14),
    Column("实施部门", width=20),
]


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


CATALOGUE_COLUMNS = [
    Column("所属地区", width=14), Column("措施名称", width=34), Column("实施部门", width=26),
    Column("适用条件", width=40), Column("政策依据（文号）", width=40), Column("内容", width=60),
    Column("启用", width=6),
]


@role_required(*ADMIN_ROLES)
def catalogue(request: HttpRequest) -> HttpResponse:
    """Each locality's measures the user sees, with eligibility, basis, department and how many units in the
    user's jurisdiction enjoy each today.

    The jurisdiction's grants in force are counted per measure and kept for the day (``grants_in_force_today``).
    """
    in_force = grants_in_force_today(user=request.user)
    measures = list(measure_list_for(user=request.user).order_by("region__path", "sort_order", "pk"))
    for measure in measures:
        measure.in_force = in_force.get(measure.pk, 0)
    editable = set(measures_editable_by(user=request.user).values_list("pk", flat=True))
    return render(request, "incentives/catalogue.html", {
        "measures": measures, "editable": editable, "can_add": bool(catalogue_regions_for(user=request.user)),
    })


@never_cache
@role_required(*ADMIN_ROLES)
@in_official_language
def catalogue_export(request: HttpRequest) -> HttpResponse:
    measures = measure_list_for(user=request.user).order_by("region__path", "sort_order", "pk")
    content = xlsx_table(title="激励措施目录", columns=CATALOGUE_COLUMNS, rows=(
        [m.region.name if m.region else "", m.name, m.department, m.eligibility_display(), m.basis, m.description,
         "是" if m.is_active else "否"]
        for m in measures
    ), caption="激励措施目录")
    audit_export(by=request.user, what="激励措施目录", rows=len(measures))
    return xlsx_response(content, filename="incentive-catalogue.xlsx")


@role_required(*ADMIN_ROLES)
def measure_create(request: HttpRequest) -> HttpResponse:
    regions = catalogue_regions_for(user=request.user)
    return _measure_form(request, IncentiveMeasure(region=regions[0] if regions else None), regions=regions)


@role_required(*ADMIN_ROLES)
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _measure_form(request, get_object_or_404(measures_editable_by(user=request.user), pk=pk))


def _measure_form(request: HttpRequest, measure: IncentiveMeasure, regions=None) -> HttpResponse:
    if measure.region is None:
        raise Http404
    form = MeasureForm(request.POST or None, instance=measure, regions=regions)
    if request.method == "POST" and form.is_valid():
        data = {field: form.cleaned_data[field] for field in form.Meta.fields}
        if "region" in form.cleaned_data:
            measure.region = form.cleaned_data["region"]
        try:
            incentive_measure_save(measure=measure, data=data, by=request.user)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            messages.success(request, _("已保存激励措施“%(name)s”。") % {"name": measure.name})
            return redirect("incentives:catalogue")
    title = _("修改激励措施") if measure.pk else _("新增激励措施")
    return render(request, "registry/simple_form.html", {
        "form": form, "title": title, "subtitle": _("%(region)s激励目录") % {"region": measure.region.name},
        "back_url": reverse("incentives:catalogue")}, status=400 if form.errors else 200)


@role_required(*ADMIN_ROLES)
def measure_units(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(measure_list_for(user=request.user), pk=pk)
    year = _year(request)
    grants = grants_in_force_during(grants=grant_list_for(user=request.user).filter(measure=measure), year=year)
    # The page's ids and the total, kept (one pass over the measure's grants when they are not); the page's rows are
    # then read by id.
    page = NarrowPaginator(
        grants.order_by("unit__region__name", "unit__name", "pk"), 50,
        kept_page=lambda number, read: measure_grants_kept(user=request.user, measure=measure, year=year,
                                                           number=number, read=read),
        kept_rows=measure_rows_kept,  # the rows' markup, kept per grant (rows.py)
    ).get_page(request.GET.get("page"))
    return render(request, "incentives/measure_units.html", {
        "measure": measure, "year": year, "page": page, "query": f"year={year}",
        "rows": mark_safe("".join(page)),  # noqa: S308 - each row escapes its values (rows.py)
    })


@never_cache
@role_required(*ADMIN_ROLES)
@in_official_language
def measure_export(request: HttpRequest, pk: int) -> HttpResponse:
    """The list a granting department works from, e.g. units with fewer inspections this year."""
    measure = get_object_or_404(measure_list_for(user=request.user), pk=pk)
    year = _year(request)
    grants = grants_in_force_during(grants=grant_list_for(user=request.user).filter(measure=measure), year=year)
    rows = grants.select_related("unit__enterprise", "unit__region").order_by("unit__region__name", "unit__name")
    content = xlsx_table(title=f"{year}年", columns=EXPORT_COLUMNS, rows=(
        [
            grant.unit.name, getattr(getattr(grant.unit, "enterprise", None), "uscc", ""), grant.unit.region.name,
            grant.recognition.full_title, grant.recognition.number, grant.recognition.valid_until,
            grant.granted_on, grant.ended_on, grant.get_end_reason_display() if grant.end_reason else "",
            grant.department,
        ]
        for grant in rows.iterator(chunk_size=2000)
    ), caption=f"{measure.name}（{year}年）  实施部门：{measure.department}")
    audit_export(by=request.user, what=f"{measure.name}（{year}年）", rows=rows.count())
    return xlsx_response(content, filename=f"incentive-{measure.code}-{year}.xlsx")


@role_required(*ADMIN_ROLES)
def grant_create(request: HttpRequest) -> HttpResponse:
    form = GrantForm(request.POST or None, initial={"granted_on": timezone.localdate()},
                     measures=measure_list_for(user=request.user))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        recognition = recognitions_for_grant(user=request.user).filter(number__iexact=data["number"].strip()).first()
        if recognition is None:
            form.add_error("number", _("在您的管辖范围内找不到该证书编号对应的有效称号。"))
        else:
            try:
                incentive_grant_create(measure=data["measure"], recognition=recognition,
                                       granted_on=data["granted_on"], department=data["department"],
                                       note=data["note"], by=request.user)
            except ValidationError as error:
                form.add_error(None, error.messages)
            else:
                messages.success(request, _("已登记：%(unit)s 享受“%(measure)s”。") % {
                    "unit": recognition.unit.name, "measure": data["measure"].name})
                return redirect("incentives:measure", pk=data["measure"].pk)
    return render(request, "risks/form.html", {"form": form, "title": _("登记激励措施落实"),
                                               "back_url": reverse("incentives:catalogue")},
                  status=400 if form.errors else 200)


@role_required(Role.UNIT_REP)
def mine(request: HttpRequest) -> HttpResponse:
    """激励政策明白纸: for each of the representative's units, the measures its title entitles it to (and those it
    does not, with why), each with its basis and department, and the grants it received; prints on A4."""
    units = Unit.objects.filter(pk__in=unit_ids_for(request.user)).select_related("region").order_by("name")
    return render(request, "incentives/mine.html", {"sheets": [incentive_sheet(unit=unit) for unit in units],
                                                    "today": timezone.localdate()})
