from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from apps.accounts.models import Role
from apps.accounts.permissions import has_role, role_required, unit_ids_for
from apps.accounts.roles import APPLICATION_ROLES, APPLICATION_STAFF_ROLES
from apps.core.client_ip import client_ip
from apps.registry.enterprises.models import Enterprise
from apps.registry.units.models import Unit

from .forms import SurveyOpenForm, SurveyResponseForm
from .links import qr_svg, survey_public_url
from .models import Survey
from .permissions import can_manage_survey
from .selectors import (
    survey_aggregate,
    survey_arrivals,
    survey_code_counts,
    survey_device_has_answered,
    survey_for_token,
    survey_list_for,
    survey_list_for_staff,
    survey_managed_by,
    survey_questions,
    survey_results_visible,
)
from .services import (
    SurveyAlreadyAnswered,
    SurveyCodeRefused,
    SurveyError,
    SurveyUnavailable,
    code_display,
    device_token_new,
    survey_close,
    survey_codes_issue,
    survey_open,
    survey_reopen,
    survey_submit,
)

PAGE_SIZE = 30
COOKIE_SALT = "surveys.device"
COOKIE_MAX_AGE = 400 * 24 * 3600  # the longest browsers keep a cookie


def _this_year() -> int:
    return timezone.localdate().year


@role_required(*APPLICATION_ROLES)
def survey_list(request: HttpRequest) -> HttpResponse:
    """Reps see their units' survey for this year (or a form to open it); everyone sees the surveys they may view."""
    year = _this_year()
    own_units = []
    if has_role(request.user, Role.UNIT_REP):
        units = Unit.objects.filter(pk__in=unit_ids_for(request.user)).order_by("name")
        this_year = {s.unit_id: s for s in Survey.objects.filter(unit__in=units, year=year)}
        registered = dict(
            Enterprise.objects.filter(unit__in=units, employee_count__gt=0).values_list("unit_id", "employee_count")
        )
        own_units = [(unit, this_year.get(unit.pk), registered.get(unit.pk)) for unit in units]
    surveys = survey_list_for(user=request.user).order_by("-year", "unit__name", "pk")
    page = Paginator(surveys, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "surveys/list.html", {
        "year": year, "own_units": own_units, "page": page, "open_form": SurveyOpenForm(),
    })


@role_required(Role.UNIT_REP)
@require_POST
def survey_open_view(request: HttpRequest, unit_id: int) -> HttpResponse:
    unit = get_object_or_404(Unit.objects.filter(pk__in=unit_ids_for(request.user)), pk=unit_id)
    form = SurveyOpenForm(request.POST)
    if form.is_valid():
        try:
            survey = survey_open(
                unit=unit, year=_this_year(), by=request.user, employee_count=form.cleaned_data["employee_count"],
                mode=form.cleaned_data["mode"],
            )
        except SurveyError as exc:
            messages.error(request, exc.message)
        else:
            done = (_("已发起本年度职工满意度调查，请生成并打印答题码，发给职工。") if survey.uses_codes
                    else _("已发起本年度职工满意度调查，请将链接或二维码发给职工。"))
            messages.success(request, done)
            return redirect("surveys:detail", pk=survey.pk)
    else:
        messages.error(request, " ".join(error for errors in form.errors.values() for error in errors))
    return redirect("surveys:list")


@role_required(*APPLICATION_ROLES)
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(survey_list_for(user=request.user), pk=pk)
    visible = survey_results_visible(survey)
    context = {
        "survey": survey,
        "can_manage": can_manage_survey(request.user, survey),
        "visible": visible,
        "needed": max(survey.template.min_responses - survey.response_count, 0),
        "aggregate": survey_aggregate(survey) if visible else None,
        "options": list(survey.template.options.all()) if visible else [],
    }
    context["satisfied_labels"] = [option.label for option in context["options"] if option.counts_as_satisfied]
    context["is_staff"] = survey_list_for_staff(user=request.user).filter(pk=survey.pk).exists()
    if survey.uses_codes and (context["can_manage"] or context["is_staff"]):
        context["codes"] = survey_code_counts(survey)
    if context["can_manage"]:
        context["public_url"] = survey_public_url(request, survey)
        context["qr"] = qr_svg(context["public_url"])
    return render(request, "surveys/detail.html", context)


@role_required(Role.UNIT_REP)
def survey_poster(request: HttpRequest, pk: int) -> HttpResponse:
    survey = get_object_or_404(survey_managed_by(user=request.user), pk=pk)
    url = survey_public_url(request, survey)
    return render(request, "surveys/poster.html", {"survey": survey, "public_url": url, "qr": qr_svg(url, scale=10)})


@role_required(Role.UNIT_REP)
@require_POST
@never_cache
def survey_codes_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Make the answer codes and answer the printable sheet: the only time the codes are ever shown."""
    survey = get_object_or_404(survey_managed_by(user=request.user), pk=pk)
    try:
        codes = survey_codes_issue(survey=survey, by=request.user)
    except SurveyError as exc:
        messages.error(request, exc.message)
        return redirect("surveys:detail", pk=survey.pk)
    base = survey_public_url(request, survey)
    # The code goes after "#": browsers never send it, so no access log ties a code to a time.
    slips = [{"code": code_display(code), "qr": qr_svg(f"{base}#code={code}", scale=3)} for code in codes]
    return render(request, "surveys/codes_sheet.html", {"survey": survey, "slips": slips, "public_url": base})


@role_required(*APPLICATION_STAFF_ROLES)
def survey_arrivals_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Staff: how the answers arrived (per hour, per network), so that one person filling many is visible."""
    survey = get_object_or_404(survey_list_for_staff(user=request.user), pk=pk)
    return render(request, "surveys/arrivals.html", {
        "survey": survey, "arrivals": survey_arrivals(survey),
        "codes": survey_code_counts(survey) if survey.uses_codes else None,
    })


def _change_status(request: HttpRequest, pk: int, service, done: str) -> HttpResponse:
    survey = get_object_or_404(survey_managed_by(user=request.user), pk=pk)
    try:
        service(survey=survey, by=request.user)
    except SurveyError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect("surveys:detail", pk=survey.pk)


@role_required(Role.UNIT_REP)
@require_POST
def survey_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _change_status(request, pk, survey_close, _("调查已结束，不再接收答卷。"))


@role_required(Role.UNIT_REP)
@require_POST
def survey_reopen_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _change_status(request, pk, survey_reopen, _("调查已重新开放，可以继续接收答卷。"))


def _survey_rate(group: str, request: HttpRequest) -> str:
    return getattr(settings, "SURVEY_RATE_LIMIT", "60/h")


def _unavailable(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(request, "surveys/public_message.html", {"message": message}, status=status)


def _client_address(request: HttpRequest) -> str | None:
    return client_ip(request)


@never_cache
def survey_respond(request: HttpRequest, token: str) -> HttpResponse:
    """Public: an employee answers anonymously, once per answer code, or once per device on a link-only survey."""
    survey = survey_for_token(token)
    if survey is None:
        return _unavailable(request, _("找不到这份调查，请核对链接或重新扫描二维码。"), 404)
    if not survey.is_open:
        return _unavailable(request, _("这份调查已经结束，不再接收答卷。感谢您的关注！"), 410)
    if survey.uses_codes:
        return _respond_with_code(request, survey)
    return _respond_by_device(request, survey)


def _respond_with_code(request: HttpRequest, survey: Survey) -> HttpResponse:
    if request.GET.get("submitted"):
        return render(request, "surveys/public_thanks.html", {"survey": survey})
    questions, options = survey_questions(survey)
    status, notice = 200, ""
    if request.method == "POST":
        form = SurveyResponseForm(request.POST, questions=questions, options=options, with_code=True)
        if _respond_limited(request, survey):
            status, notice = 429, _("提交过于频繁，请稍后再试。您已选择的答案仍保留在下方。")
        elif form.is_valid():
            try:
                survey_submit(survey=survey, code=form.cleaned_data["code"], option_ids=form.option_ids(),
                              address=_client_address(request))
            except SurveyCodeRefused as exc:
                form.add_error("code", exc.message)
                status = 400
            except SurveyUnavailable as exc:
                return _unavailable(request, exc.message, 410)
            except SurveyError as exc:
                notice = exc.message
            else:
                return redirect(f"{request.path}?submitted=1")
        else:
            status = 400
    else:
        form = SurveyResponseForm(questions=questions, options=options, with_code=True)
    return render(request, "surveys/respond.html", {"survey": survey, "form": form, "notice": notice}, status=status)


def _respond_limited(request: HttpRequest, survey: Survey) -> bool:
    return is_ratelimited(
        request, group=f"surveys.respond:{survey.pk}", key="ip", rate=_survey_rate, method="POST", increment=True
    )


def _respond_by_device(request: HttpRequest, survey: Survey) -> HttpResponse:
    cookie = f"hlr_survey_{survey.pk}"
    device_token = request.get_signed_cookie(cookie, default=None, salt=COOKIE_SALT)
    if survey_device_has_answered(survey=survey, device_token=device_token):
        return render(request, "surveys/public_thanks.html", {"survey": survey})
    questions, options = survey_questions(survey)
    status, notice = 200, ""
    if request.method == "POST":
        form = SurveyResponseForm(request.POST, questions=questions, options=options)
        if _respond_limited(request, survey):
            status, notice = 429, _("提交过于频繁，请稍后再试。您已选择的答案仍保留在下方。")
        elif device_token is None:
            notice = _("请允许浏览器保存 Cookie（用于防止重复提交，不含个人信息），然后再次点击“提交”。")
        elif form.is_valid():
            try:
                survey_submit(survey=survey, device_token=device_token, option_ids=form.option_ids(),
                              address=_client_address(request))
            except SurveyAlreadyAnswered:
                return render(request, "surveys/public_thanks.html", {"survey": survey, "already": True})
            except SurveyUnavailable as exc:
                return _unavailable(request, exc.message, 410)
            except SurveyError as exc:
                notice = exc.message
            else:
                return redirect("surveys:respond", token=survey.token)
        else:
            status = 400
    else:
        form = SurveyResponseForm(questions=questions, options=options)
    response = render(
        request, "surveys/respond.html", {"survey": survey, "form": form, "notice": notice}, status=status
    )
    if device_token is None:
        response.set_signed_cookie(
            cookie, device_token_new(), salt=COOKIE_SALT, max_age=COOKIE_MAX_AGE, httponly=True, samesite="Lax",
            secure=request.is_secure(), path=request.path,
        )
    return response
