from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from apps.accounts.models import Role
from apps.accounts.permissions import has_role, in_jurisdiction, regions_for, role_required, unit_ids_for
from apps.accounts.roles import ADMIN_ROLES, APPLICATION_ROLES, APPLICATION_STAFF_ROLES
from apps.applications.recognitions.selectors import recognition_list_for
from apps.audit.services import audit_export
from apps.core.excel import xlsx_response
from apps.core.jobs import JobStatus
from apps.core.official import in_official_language, official_response
from apps.core.pagination import NarrowPaginator
from apps.core.params import campaign_year
from apps.core.views import job_progress_page

from .forms import ProvinceExportForm, ReportReviewForm, YearlyReportForm
from .models import YearlyReport, YearlyReportStatus
from .province import (
    list_title,
    named_for_province,
    named_list_document,
    named_list_workbook,
    province_export_request,
)
from .selectors import (
    coordinator_gaps_for,
    missing_reports_for,
    missing_reports_kept,
    named_years_for,
    province_export_list_for,
    report_due_date,
    report_statuses,
    reportable_recognitions_for,
    yearly_report_list_for,
)
from .services import EDITABLE, ReportErrors, yearly_report_review, yearly_report_save


def _year(request) -> int:
    return campaign_year(request.GET.get("year"), default=timezone.localdate().year)


@role_required(Role.UNIT_REP)
def mine(request):
    """The unit's titles in force with this year's report, and every report filed so far."""
    year = timezone.localdate().year
    this_year = YearlyReport.objects.filter(recognition=OuterRef("pk"), year=year)
    titles = reportable_recognitions_for(user=request.user).annotate(
        report_status=Subquery(this_year.values("status")[:1]), report_id=Subquery(this_year.values("pk")[:1]),
    )
    reports = Paginator(yearly_report_list_for(user=request.user).order_by("-year", "pk"), 20)
    return render(request, "named_units/mine.html", {
        "titles": titles, "year": year, "due": report_due_date(year), "statuses": dict(YearlyReportStatus.choices),
        "page": reports.get_page(request.GET.get("page")),
    })


@role_required(Role.UNIT_REP)
def report_file(request, recognition_id: int):
    recognition = get_object_or_404(reportable_recognitions_for(user=request.user), pk=recognition_id)
    year = timezone.localdate().year
    report = YearlyReport.objects.filter(recognition=recognition, year=year).first()
    if report is not None and report.status not in EDITABLE:
        return redirect("named_units:report_detail", report.pk)
    form = YearlyReportForm(instance=report)
    status = 200
    if request.method == "POST":
        form = YearlyReportForm(request.POST, request.FILES, instance=report)
        submit = "submit" in request.POST
        try:
            saved = yearly_report_save(recognition=recognition, by=request.user, texts=request.POST,
                                       attachment=request.FILES.get("attachment"), submit=submit)
        except ReportErrors as exc:
            form.is_valid()
            for field, errors in exc.message_dict.items():
                for error in errors:
                    form.add_error(None if field == "__all__" else field, error)
            status = 400
        else:
            messages.success(request, _("年度工作报告已提交，等待县级审查。") if submit else _("草稿已保存。"))
            return redirect("named_units:report_detail" if submit else "named_units:report_file",
                            saved.pk if submit else recognition.pk)
    return render(request, "named_units/report_form.html", {
        "form": form, "recognition": recognition, "report": report, "year": year, "due": report_due_date(year),
    }, status=status)


def _report(request, pk: int) -> YearlyReport:
    return get_object_or_404(yearly_report_list_for(user=request.user), pk=pk)


def _may_review(user, report: YearlyReport) -> bool:
    unit = report.recognition.unit
    return any(in_jurisdiction(user, region, [Role.COUNTY_ADMIN]) for region in (unit.region, unit.township))


@role_required(*APPLICATION_ROLES)
def report_detail(request, pk: int):
    report = _report(request, pk)
    can_review = report.status == YearlyReportStatus.SUBMITTED and _may_review(request.user, report)
    is_rep = report.recognition.unit_id in unit_ids_for(request.user)
    return render(request, "named_units/report_detail.html", {
        "report": report, "review_form": ReportReviewForm() if can_review else None,
        "can_edit": is_rep and report.status in EDITABLE,
    })


@role_required(Role.COUNTY_ADMIN)
@require_POST
def report_review(request, pk: int):
    report = _report(request, pk)
    form = ReportReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请选择审查结论。"))
        return redirect("named_units:report_detail", pk)
    try:
        with transaction.atomic():
            yearly_report_review(report=report, by=request.user, accept=form.cleaned_data["outcome"] == "accept",
                                 comment=form.cleaned_data["comment"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("审查结论已保存，已通知单位。"))
    return redirect("named_units:report_detail", pk)


@never_cache
@role_required(*APPLICATION_ROLES)
def report_attachment(request, pk: int):
    report = _report(request, pk)
    if not report.attachment:
        raise Http404
    return FileResponse(report.attachment.open("rb"), content_type=report.attachment_type or None,
                        as_attachment=True, filename=report.attachment_name)


@role_required(*APPLICATION_STAFF_ROLES)
def report_list(request):
    year, status = _year(request), request.GET.get("status", "")
    rows = yearly_report_list_for(user=request.user).filter(year=year)
    if status in YearlyReportStatus.values:
        rows = rows.filter(status=status)
    page = Paginator(rows.order_by("recognition__unit__region__path", "recognition__unit__name", "pk"), 50)
    query = "&".join(f"{k}={v}" for k, v in (("year", year), ("status", status)) if v)
    return render(request, "named_units/report_list.html", {
        "page": page.get_page(request.GET.get("page")), "year": year, "status": status, "query": query,
        "statuses": YearlyReportStatus.choices,
        # The list of units that have not reported is the county and city offices' (missing, below).
        "can_list_missing": has_role(request.user, *ADMIN_ROLES),
    })


@role_required(*ADMIN_ROLES)
def missing(request):
    year = _year(request)
    page = NarrowPaginator(
        missing_reports_for(user=request.user, year=year), 50,
        kept_page=lambda number, read: missing_reports_kept(user=request.user, year=year, number=number, read=read),
    ).get_page(request.GET.get("page"))
    statuses = report_statuses(recognitions=page, year=year)
    for title in page:
        title.report_status = statuses.get(title.pk)
    due = report_due_date(year)
    return render(request, "named_units/missing.html", {
        "page": page, "year": year, "due": due, "overdue": timezone.localdate() > due,
        "statuses": dict(YearlyReportStatus.choices), "query": f"year={year}",
    })


@role_required(Role.CITY_ADMIN)
def province(request):
    """Report to the province: download the named list, or build the package with the evaluation forms."""
    years = named_years_for(user=request.user)
    form = ProvinceExportForm(request.POST or None, years=years, initial={"year": years[0] if years else None})
    if request.method == "POST" and form.is_valid():
        try:
            export = province_export_request(user=request.user, year=form.cleaned_data["year"])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("已开始生成报送材料，完成后可在下方下载。"))
            return redirect("named_units:export_detail", export.pk)
    exports = Paginator(province_export_list_for(user=request.user), 20).get_page(request.GET.get("page"))
    return render(request, "named_units/province.html", {"form": form, "years": years, "page": exports},
                  status=400 if form.errors else 200)


@never_cache
@role_required(Role.CITY_ADMIN)
@in_official_language
def province_excel(request):
    year = _year(request)
    cities = regions_for(request.user, [Role.CITY_ADMIN])
    rows = named_for_province(recognitions=recognition_list_for(user=request.user), year=year)
    title = list_title(cities[0], year) if cities else str(year)
    content = named_list_workbook(rows, title=title)
    audit_export(by=request.user, what=title, rows=rows.count(), region_id=cities[0].pk if cities else None)
    return xlsx_response(content, filename=f"named-{year}.xlsx")


@never_cache
@role_required(Role.CITY_ADMIN)
@in_official_language
def province_file(request, fmt: str):
    """The year's named list as an official document (Word or PDF) to sign and stamp for the province."""
    year = _year(request)
    cities = regions_for(request.user, [Role.CITY_ADMIN])
    if not cities:
        raise Http404
    rows = named_for_province(recognitions=recognition_list_for(user=request.user), year=year)
    document = named_list_document(rows, city=cities[0], year=year)
    audit_export(by=request.user, what=document.title, rows=len(document.tables[0].rows), region_id=cities[0].pk)
    return official_response("province_list", document, fmt=fmt, filename=document.title)


@role_required(Role.CITY_ADMIN)
def export_detail(request, pk: int):
    """The export's progress; while it builds, htmx reloads the progress card every two seconds."""
    export = get_object_or_404(province_export_list_for(user=request.user), pk=pk)
    return job_progress_page(request, job=export, page="named_units/export_detail.html",
                             card="named_units/_export_progress.html", context={"export": export})


@never_cache
@role_required(Role.CITY_ADMIN)
def export_download(request, pk: int):
    export = get_object_or_404(province_export_list_for(user=request.user), pk=pk)
    if export.status != JobStatus.DONE or not export.file:
        raise Http404
    audit_export(by=request.user, what=_("报送省级材料（%(year)s年）") % {"year": export.year}, rows=export.total,
                 region_id=export.city_id)
    return FileResponse(export.file.open("rb"), content_type="application/zip", as_attachment=True,
                        filename=f"province-report-{export.year}.zip")



@role_required(*ADMIN_ROLES)
def coordinator_gaps(request):
    """Named enterprises lacking the certified coordinators their locality's policy requires (天津市河东区)."""
    today = timezone.localdate()
    rows, rules = coordinator_gaps_for(user=request.user, today=today)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "named_units/coordinator_gaps.html", {
        "page": page, "rules": [(rule, rule.overdue(today)) for rule in rules], "query": "",
    })
