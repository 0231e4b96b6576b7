"""Pages of the periodic checks of named units: the check records (with the year's rounds), a round with its draw,
a check record (filled by the checking office, read by the county), starting a round, and the Excel export."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from apps.accounts.permissions import role_required
from apps.audit.services import audit_export
from apps.core.excel import xlsx_response
from apps.core.official import in_official_language
from apps.core.pagination import OneQueryPaginator
from apps.core.params import campaign_year

from .export import title_checks_xlsx
from .forms import CheckForm, ListFilter, RoundForm
from .permissions import can_check
from .selectors import VIEW_ROLES, check_list_for, checking_offices_for, round_list_for, round_regions_for
from .services import check_round_start, title_check_record

PENDING = "pending"


def _year(request: HttpRequest) -> int:
    return campaign_year(request.GET.get("year"), default=timezone.localdate().year)


def _checks(request: HttpRequest, year: int):
    checks = check_list_for(user=request.user).filter(round__year=year)
    result = request.GET.get("result", "")
    if result == PENDING:
        checks = checks.filter(result="")
    elif result in {value for value, _label in ListFilter.base_fields["result"].choices if value}:
        checks = checks.filter(result=result)
    else:
        result = ""
    return checks, result


def _form_errors(form, error: ValidationError) -> None:
    """A service's refusal shown at the field it names (else above the form)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@role_required(*VIEW_ROLES)
def check_list(request: HttpRequest) -> HttpResponse:
    """The year's check records of titles in the viewer's jurisdiction, and the year's rounds."""
    year = _year(request)
    checks, result = _checks(request, year)
    page = OneQueryPaginator(checks.order_by("-round__created_at", "round_id", "pk"), 25).get_page(
        request.GET.get("page"))
    rounds = list(round_list_for(user=request.user).filter(year=year).order_by("-created_at", "-pk")[:20])
    return render(request, "title_checks/list.html", {
        "year": year, "page": page, "rounds": rounds, "result": result,
        "filters": ListFilter.base_fields["result"].choices,
        "query": urlencode({k: v for k, v in {"year": year, "result": result}.items() if v}),
        "may_start": bool(checking_offices_for(user=request.user, year=year)),
    })


@never_cache
@role_required(*VIEW_ROLES)
@in_official_language
def check_export(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    checks, _result = _checks(request, year)
    checks = checks.order_by("round__created_at", "round_id", "pk")
    audit_export(by=request.user, what=f"{year} 年命名单位核查", rows=checks.count())
    return xlsx_response(title_checks_xlsx(checks), filename=f"命名单位核查-{year}.xlsx")


@role_required(*VIEW_ROLES)
def round_create(request: HttpRequest) -> HttpResponse:
    """Start a round (抽查 or 普查) as an office whose level the policy lets check."""
    year = timezone.localdate().year
    offices = checking_offices_for(user=request.user, year=year)
    if not offices:
        raise PermissionDenied
    regions = round_regions_for(offices=offices)
    form = RoundForm(request.POST or None, regions=regions, initial={"year": year})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        region = data["region"]
        office = next(office for office in offices if office.contains(region))
        try:
            check_round = check_round_start(office=office, by=request.user, **data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("已发起核查，共 %(n)s 项待核查。") % {"n": check_round.drawn_count})
            return redirect("title_checks:round", pk=check_round.pk)
    return render(request, "title_checks/round_form.html", {"form": form}, status=400 if form.errors else 200)


@require_safe
@role_required(*VIEW_ROLES)
def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A round: its rule, its seed and whether the draw reproduces, and its checks the viewer may see."""
    check_round = get_object_or_404(round_list_for(user=request.user), pk=pk)
    checks = check_list_for(user=request.user).filter(round=check_round).order_by("unit__region__path", "pk")
    page = OneQueryPaginator(checks, 50).get_page(request.GET.get("page"))
    return render(request, "title_checks/round.html", {
        "round": check_round, "page": page, "may_check": can_check(request.user, check_round),
        "reproduces": check_round.reproduces if check_round.seed else None,
    })


@role_required(*VIEW_ROLES)
def check_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A check record; the checking office fills it here (POST). The county office reads it."""
    check = get_object_or_404(check_list_for(user=request.user), pk=pk)
    may_check = can_check(request.user, check.round) and check.case_id is None
    initial = {"checked_on": check.checked_on, "method": check.method, "findings": check.findings,
               "result": check.result, "rectification_deadline": check.rectification_deadline}
    form = CheckForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not can_check(request.user, check.round):
            raise PermissionDenied
        if form.is_valid():
            try:
                saved = title_check_record(check=check, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("已登记核查结论，并提出取消命名（案件 #%(n)s）。") % {"n": saved.case_id}
                                 if saved.case_id else _("已登记核查结论。"))
                return redirect("title_checks:check", pk=pk)
    return render(request, "title_checks/check.html", {
        "check": check, "form": form, "may_check": may_check,
        "back_url": reverse("title_checks:round", args=[check.round_id]),
    }, status=400 if form.errors else 200)
