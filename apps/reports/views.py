"""Thin views: parse input, call a service or selector, render."""

from datetime import datetime

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from apps.accounts.models import Role
from apps.accounts.permissions import role_required
from apps.accounts.roles import ADMIN_ROLES
from apps.audit.services import audit_export
from apps.campaigns.models import CampaignYear
from apps.core.excel import xlsx_response
from apps.core.official import in_official_language
from apps.core.params import campaign_year, whole_number
from apps.core.public_cache import public_page_kept
from apps.core.views import job_progress_page
from apps.oversight.supervision.selectors import supervision_figures
from apps.regions.models import Region, RegionLevel

from .figures import scope_for
from .forms import (
    IndicatorImportForm,
    IndicatorValuesForm,
    NarrativeForm,
    ReportDutyFormSet,
    ReportStartForm,
    TypicalCaseForm,
)
from .indicator_import import indicator_import, template_workbook
from .models import CountyNarrative
from .permissions import can_edit_policy, can_start_report, can_write_narrative
from .render import charted_sections
from .selectors import (
    CASES_KEY,
    DASHBOARD_CACHE_SECONDS,
    case_list_for,
    case_public_list,
    dashboard_figures_for,
    duty_occurrences_for,
    indicator_regions_for,
    indicator_values_for,
    indicator_values_of,
    narrative_regions_for,
    policy_list_for,
    report_list_for,
    report_regions_for,
)
from .services import (
    ReportError,
    case_publish,
    case_save,
    indicator_values_save,
    narrative_save,
    report_duties_save,
    report_request,
)
from .targets import targets_by_region


def _year(request: HttpRequest) -> int:
    return campaign_year(request.GET.get("year"), default=timezone.localdate().year)


@role_required(*ADMIN_ROLES)
def dashboard(request: HttpRequest):
    """County: its own figures; city: its counties side by side and the trend. Other regions are 404."""
    regions = report_regions_for(user=request.user)
    region_id = request.GET.get("region", "")
    region = get_object_or_404(regions, pk=region_id) if whole_number(region_id) is not None else regions.first()
    if region is None:
        raise Http404
    year = _year(request)
    city_id = region.pk if region.level == RegionLevel.CITY else region.parent_id
    years = sorted(set(CampaignYear.objects.filter(city_id=city_id).values_list("year", flat=True)) | {year},
                   reverse=True)
    key = f"reports:dashboard:page:{region.pk}:{year}:{get_language()}"
    kept = cache.get(key)
    if kept is None:
        kept = _dashboard_figures(region, regions, year)
        # Dropped when the figures it shows are: never older than the page says.
        cache.set(key, kept, max(1, DASHBOARD_CACHE_SECONDS - (timezone.now() - kept[0]).total_seconds()))
    computed_at, figures = kept
    return render(request, "reports/dashboard.html", {
        "region": region, "year": year, "years": years, "regions": regions, "computed_at": computed_at,
        "figures": mark_safe(figures),  # noqa: S308 - our templates' output, escaped when rendered
    })


def _dashboard_figures(region: Region, regions: QuerySet[Region], year: int) -> tuple[datetime, str]:
    """The dashboard's figures (tables and charts, targets, supervision) rendered, with when they were computed:
    kept per region, year and language until the figures are recomputed (at most ten minutes), since a city's
    sixteen counties' tables and charts cost more to render each time than the rest of the page. The region's and
    its counties' target figures and its supervision figures are shared as long (the page says how old they are);
    the counties come from ``regions``, which the region selector reads anyway."""
    computed_at, sections = dashboard_figures_for(scope=scope_for(region=region, year=year))
    places = [region, *(place for place in regions if place.parent_id == region.pk)]
    targets, supervision = cache.get_or_set(
        f"reports:dashboard:targets:{region.pk}:{year}",
        lambda: (targets_by_region(places, year), supervision_figures(region, year)), DASHBOARD_CACHE_SECONDS)
    return computed_at, render_to_string("reports/_dashboard_figures.html", {
        "region": region, "year": year, "sections": charted_sections(sections),
        "target_figures": [targets[place.pk] for place in places], "supervision": supervision,
    })


@role_required(*ADMIN_ROLES)
def report_list(request: HttpRequest):
    regions = report_regions_for(user=request.user)
    form = ReportStartForm(user=request.user, regions=regions)
    page = Paginator(report_list_for(user=request.user), 30).get_page(request.GET.get("page"))
    return render(request, "reports/list.html", {"page": page, "form": form})


@role_required(*ADMIN_ROLES)
@require_POST
def report_start(request: HttpRequest):
    regions = report_regions_for(user=request.user)
    form = ReportStartForm(request.POST, user=request.user, regions=regions)
    if form.is_valid():
        try:
            report = report_request(kind=form.cleaned_data["kind"], region=form.cleaned_data["region"],
                                    year=form.cleaned_data["year"], by=request.user,
                                    document_number=form.cleaned_data["document_number"])
        except ReportError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已开始生成%(report)s，完成后可在本页下载。")
                             % {"report": report.get_kind_display()})
            return redirect("reports:detail", pk=report.pk)
    page = Paginator(report_list_for(user=request.user), 30).get_page(1)
    return render(request, "reports/list.html", {"page": page, "form": form}, status=400)


@role_required(*ADMIN_ROLES)
def report_detail(request: HttpRequest, pk: int):
    report = get_object_or_404(report_list_for(user=request.user), pk=pk)
    versions = report_list_for(user=request.user).filter(kind=report.kind, region=report.region, year=report.year)
    return job_progress_page(request, job=report, page="reports/detail.html", card="reports/_progress.html", context={
        "report": report, "versions": versions[:20],
        "can_start": can_start_report(request.user, kind=report.kind, region=report.region),
    })


@role_required(*ADMIN_ROLES)
@require_POST
def report_retry(request: HttpRequest, pk: int):
    """Start a new version of the same report (after a failure, or to refresh the figures)."""
    report = get_object_or_404(report_list_for(user=request.user), pk=pk)
    if not can_start_report(request.user, kind=report.kind, region=report.region):
        messages.error(request, _("只有市级三方办公室可以重新生成市级报告。"))
        return redirect("reports:detail", pk=report.pk)
    new = report_request(kind=report.kind, region=report.region, year=report.year, by=request.user,
                         document_number=report.document_number)
    return redirect("reports:detail", pk=new.pk)


@never_cache
@role_required(*ADMIN_ROLES)
def report_download(request: HttpRequest, pk: int, fmt: str):
    report = get_object_or_404(report_list_for(user=request.user), pk=pk)
    field = {"pdf": report.pdf, "docx": report.docx, "xlsx": report.xlsx}.get(fmt)
    if field is None or not report.is_downloadable or not field:
        raise Http404
    name = f"{report.region.name}-{report.year}-{report.get_kind_display()}-v{report.version}.{fmt}"
    audit_export(by=request.user, what=name, rows=None, region_id=report.region_id)
    return FileResponse(field.open("rb"), as_attachment=True, filename=name)


@role_required(Role.COUNTY_ADMIN)
def narrative_edit(request: HttpRequest):
    regions = narrative_regions_for(user=request.user)
    region_id = request.GET.get("region", "")
    region = get_object_or_404(regions, pk=region_id) if whole_number(region_id) is not None else regions.first()
    if region is None or not can_write_narrative(request.user, region):
        raise Http404
    year = _year(request)
    narrative = CountyNarrative.objects.filter(region=region, year=year).first()
    form = NarrativeForm(request.POST or None, instance=narrative)
    if request.method == "POST" and form.is_valid():
        narrative_save(region=region, year=year, by=request.user, **form.cleaned_data)
        messages.success(request, _("已保存%(region)s %(year)s 年度报告文字部分。")
                         % {"region": region.name, "year": year})
        return redirect(f"{request.path}?region={region.pk}&year={year}")
    return render(request, "reports/narrative.html", {
        "form": form, "region": region, "year": year, "regions": regions,
    }, status=400 if request.method == "POST" else 200)


@role_required(*ADMIN_ROLES)
def case_list(request: HttpRequest):
    page = Paginator(case_list_for(user=request.user).order_by("-year", "region__path", "pk"), 30).get_page(
        request.GET.get("page"))
    return render(request, "reports/case_list.html", {
        "page": page, "can_write": narrative_regions_for(user=request.user).exists(),
    })


@role_required(Role.COUNTY_ADMIN)
def case_edit(request: HttpRequest, pk: int | None = None):
    regions = narrative_regions_for(user=request.user)
    case = get_object_or_404(case_list_for(user=request.user).filter(region__in=regions), pk=pk) if pk else None
    form = TypicalCaseForm(request.POST or None, instance=case, regions=regions)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case = case_save(case=case, region=data["region"], year=data["year"], title=data["title"],
                         unit_name=data["unit_name"], body=data["body"], by=request.user)
        messages.success(request, _("已保存典型案例“%(title)s”。") % {"title": case.title})
        return redirect("reports:case_list")
    return render(request, "reports/case_form.html", {"form": form, "case": case},
                  status=400 if request.method == "POST" else 200)


@role_required(Role.COUNTY_ADMIN)
@require_POST
def case_toggle_publish(request: HttpRequest, pk: int):
    regions = narrative_regions_for(user=request.user)
    case = get_object_or_404(case_list_for(user=request.user).filter(region__in=regions), pk=pk)
    case_publish(case=case, publish=not case.is_published)
    messages.success(request, _("已发布典型案例。") if case.is_published else _("已撤回典型案例。"))
    return redirect("reports:case_list")


PUBLIC_CASES_PER_PAGE = 20


@transaction.non_atomic_requests  # read-only and public: no BEGIN, no health check on a cache hit
def public_cases(request: HttpRequest) -> HttpResponse:
    """Public: the typical cases counties chose to publish (典型案例), kept per page (public_cache) until a case is
    published, withdrawn or edited."""
    asked = request.GET.get("page", "")
    total, number, shown = public_page_kept("typical-cases", asked, build=_public_case_rows,
                                            generation_keys=[CASES_KEY])
    return render(request, "reports/public_cases.html", {
        "page": Paginator(range(total), PUBLIC_CASES_PER_PAGE).get_page(number),
        "rows": mark_safe(shown),  # our own template's output, escaped as it rendered
    })


def _public_case_rows(asked: str) -> tuple[int, int, str]:
    """The published cases' total, the page number shown and that page's rows rendered."""
    page = Paginator(case_public_list(), PUBLIC_CASES_PER_PAGE).get_page(asked)
    return page.paginator.count, page.number, render_to_string("reports/_public_case_rows.html", {"page": page})


@transaction.non_atomic_requests  # read-only and public: no BEGIN, no health check on a cache hit
def public_case(request: HttpRequest, pk: int) -> HttpResponse:
    """Public: one published typical case."""
    case = get_object_or_404(case_public_list(), pk=pk)
    return render(request, "reports/public_case.html", {"case": case})




@role_required(*ADMIN_ROLES)
def duty_list(request: HttpRequest):
    """The reports due this year in the user's regions, and the duties of the policies they work under."""
    year = _year(request)
    today = timezone.localdate()
    occurrences = [(o, o.state(today), o.state_label(today)) for o in duty_occurrences_for(user=request.user,
                                                                                              year=year)]
    policies = [(policy, list(policy.report_duties.all()), can_edit_policy(request.user, policy))
                for policy in policy_list_for(user=request.user).prefetch_related("report_duties")]
    return render(request, "reports/duties.html", {
        "year": year, "occurrences": occurrences, "policies": policies,
    })


@role_required(*ADMIN_ROLES)
def duty_edit(request: HttpRequest, policy_pk: int):
    """The report duties of one policy, edited by the office of the level that set it; others get 404."""
    policy = get_object_or_404(policy_list_for(user=request.user), pk=policy_pk)
    if not can_edit_policy(request.user, policy):
        raise Http404
    formset = ReportDutyFormSet(request.POST or None, instance=policy, prefix="duty")
    if request.method == "POST" and formset.is_valid():
        duties = formset.save(commit=False)  # unsaved: the service checks and writes them
        try:
            report_duties_save(policy=policy, duties=duties, removed=formset.deleted_objects, by=request.user)
        except ValidationError as error:
            formset.non_form_errors().extend(error.messages)
        else:
            messages.success(request, _("已保存%(policy)s的报告任务。") % {"policy": policy})
            return redirect("reports:duties")
    return render(request, "reports/duty_edit.html", {"policy": policy, "formset": formset},
                  status=400 if request.method == "POST" else 200)


@role_required(*ADMIN_ROLES)
def indicator_list(request: HttpRequest):
    """Actual against target per indicator, for a region and the regions directly below it."""
    regions = indicator_regions_for(user=request.user)
    region_id = request.GET.get("region", "")
    region = get_object_or_404(regions, pk=region_id) if whole_number(region_id) is not None else regions.first()
    if region is None:
        raise Http404
    year = _year(request)
    places = [region, *regions.filter(parent=region)]
    rows = list(zip(places, indicator_values_of(places=places, year=year), strict=True))
    return render(request, "reports/indicators.html", {
        "region": region, "year": year, "regions": regions, "rows": rows,
        "indicators": [indicator for indicator, _value in rows[0][1]],
        "import_form": IndicatorImportForm(initial={"year": year}),
    })


@role_required(*ADMIN_ROLES)
def indicator_edit(request: HttpRequest):
    regions = indicator_regions_for(user=request.user)
    region = get_object_or_404(regions, pk=whole_number(request.GET.get("region", "")) or 0)
    year = _year(request)
    form = IndicatorValuesForm(request.POST or None, rows=indicator_values_for(region=region, year=year))
    if request.method == "POST" and form.is_valid():
        indicator_values_save(region=region, year=year, values=form.values(), by=request.user)
        messages.success(request, _("已保存%(region)s %(year)s 年度的指标目标与完成情况。")
                         % {"region": region.name, "year": year})
        return redirect(f"{reverse('reports:indicators')}?region={region.pk}&year={year}")
    return render(request, "reports/indicator_edit.html", {"form": form, "region": region, "year": year},
                  status=400 if request.method == "POST" else 200)


@never_cache
@role_required(*ADMIN_ROLES)
@in_official_language
def indicator_template(request: HttpRequest):
    return xlsx_response(template_workbook(regions=indicator_regions_for(user=request.user)),
                         filename="目标责任指标导入模板.xlsx")


@role_required(*ADMIN_ROLES)
@require_POST
def indicator_upload(request: HttpRequest):
    """Targets and actual values from Excel: saved only when every row is right, else every row's problem."""
    form = IndicatorImportForm(request.POST, request.FILES)
    errors: list[str] = []
    if form.is_valid():
        year = form.cleaned_data["year"]
        result = indicator_import(file=form.cleaned_data["file"], year=year,
                                  regions=indicator_regions_for(user=request.user), by=request.user)
        if not result.errors:
            messages.success(request, _("已导入 %(year)s 年度的指标，更新 %(n)s 项。")
                             % {"year": year, "n": result.saved})
            return redirect(f"{reverse('reports:indicators')}?year={year}")
        errors = result.errors
    return render(request, "reports/indicator_import.html", {"form": form, "errors": errors}, status=400)
