from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.forms import Form
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.decorators import ratelimit

from apps.accounts.models import Role
from apps.accounts.permissions import has_role, role_required
from apps.accounts.roles import ADMIN_ROLES, STAFF_ROLES
from apps.audit.services import audit_access, audit_export
from apps.core.choices import kept_blank_form
from apps.core.excel import xlsx_response
from apps.core.official import in_official_language
from apps.core.pagination import NarrowPaginator
from apps.core.public_cache import public_cached
from apps.core.redirects import local_next
from apps.core.templatetags.form_fields import filter_fields
from apps.regions.models import PLACE_LEVELS, Region, RegionLevel
from apps.registry.enterprises.forms import AccountForm, EnterpriseForm, RejectForm
from apps.registry.enterprises.services import enterprise_register, enterprise_registration_resubmit
from apps.registry.parks.models import Park
from apps.registry.units.models import Unit, UnitKind, VerificationStatus
from apps.registry.units.permissions import can_see_contacts

from .export import units_export_xlsx
from .filters import UnitFilter
from .selectors import (
    pending_registrations_for,
    registration_of,
    unit_list_for_staff,
    unit_manageable_by,
    unit_page_for,
    units_in_name_order,
)
from .services import unit_reject, unit_rejection_reason, unit_verify
from .unit_page import unit_page_parts_kept
from .unit_rows import unit_rows_kept

PAGE_SIZE = 25
SIGNUP_RATE = "10/h"
SIGNUP_REFRESH = "refresh_places"  # the no-JavaScript "选择县区后刷新" button


def _signup_forms(data=None, *, county: str | None = None, initial: dict | None = None,
                  ) -> tuple[EnterpriseForm, AccountForm]:
    """The sign-up forms: every county, grouped by city; townships and parks of the chosen county only."""
    enterprise_form = EnterpriseForm(
        data, prefix="e", counties=Region.objects.filter(level=RegionLevel.COUNTY),
        townships=Region.objects.filter(level__in=PLACE_LEVELS),
        parks=Park.objects.filter(unit__kind=UnitKind.PARK), staff=False, by_county=True,
        initial={**(initial or {}), "region": county} if county else initial,
    )
    return enterprise_form, AccountForm(data, prefix="a")


def _signup_refreshed(data) -> tuple[EnterpriseForm, AccountForm]:
    """Without JavaScript, "选择县区后刷新" posts the form: show it again, unchecked, with the new county's places.

    A POST rather than a GET link, so that what was typed (a password too) never lands in a URL.
    """
    bound_enterprise, bound_account = _signup_forms(data)
    kept = {name: bound_enterprise[name].value() for name in bound_enterprise.fields
            if name not in ("township", "park")}
    enterprise_form, _account = _signup_forms(county=kept.get("region"))
    enterprise_form.initial = kept
    account_form = AccountForm(prefix="a", initial={
        name: bound_account[name].value() for name in bound_account.fields if not name.startswith("password")
    })
    return enterprise_form, account_form


def _enterprise_fields_context(enterprise_form: EnterpriseForm) -> dict:
    """What templates/registry/_enterprise_fields.html needs: the fields it places itself, and the rest."""
    placed = ("name", "uscc", "uscc_checked", "region", "township", "park")
    return {
        "enterprise_form": enterprise_form,
        "uscc_checked": enterprise_form["uscc_checked"] if "uscc_checked" in enterprise_form.fields else None,
        "other_fields": [field for field in enterprise_form if field.name not in placed],
        "places_url": reverse("registry:signup_places"), "refresh_name": SIGNUP_REFRESH,
    }


def _signup_render(request: HttpRequest, enterprise_form: EnterpriseForm, account_form: AccountForm,
                   status: int = 200) -> HttpResponse:
    context = {**_enterprise_fields_context(enterprise_form), "account_form": account_form}
    return render(request, "registry/signup.html", context, status=status)


def _blank_signup(request: HttpRequest) -> HttpResponse:
    """The blank form (no county chosen yet) is the same for every visitor and most of the page's cost: two long
    selects and twenty fields. Kept rendered per language in the public pages' cache (at most ten minutes old,
    apps/core/public_cache.py), and its forms are built only to render it; the CSRF token stays outside it, in
    signup.html."""
    def fields() -> str:
        enterprise_form, account_form = _signup_forms()
        return render_to_string("registry/_signup_fields.html",
                                {**_enterprise_fields_context(enterprise_form), "account_form": account_form})

    kept = public_cached("signup-form", build=fields)
    return render(request, "registry/signup.html", {"fields_html": mark_safe(kept)})  # our template's, escaped


def _signup_rate(group: str, request: HttpRequest) -> str | None:
    """A refresh only shows the form again, like a GET: it does not count against the sign-up limit."""
    return None if SIGNUP_REFRESH in request.POST else SIGNUP_RATE


@ratelimit(key="ip", rate=_signup_rate, method="POST", block=False)
def signup(request: HttpRequest) -> HttpResponse:
    """Public: an enterprise representative registers the enterprise and their account (pending verification)."""
    if request.method == "POST" and SIGNUP_REFRESH in request.POST:
        return _signup_render(request, *_signup_refreshed(request.POST))
    if request.method == "POST":
        enterprise_form, account_form = _signup_forms(request.POST)
        if getattr(request, "limited", False):
            messages.error(request, _("提交过于频繁，请一小时后再试。"))
            return _signup_render(request, enterprise_form, account_form, status=429)
        if enterprise_form.is_valid() & account_form.is_valid():
            account = account_form.cleaned_data
            try:
                user, enterprise = enterprise_register(
                    data=enterprise_form.to_data(), username=account["username"], password=account["password1"],
                    full_name=account["full_name"], phone=account["phone"], email=account.get("email", ""),
                )
            except ValidationError as error:
                enterprise_form.add_error(None, error)
            else:
                login(request, user, backend="apps.accounts.kept_user.KeptUserBackend")
                messages.success(request, _("注册已提交，请等待所在县级三方办公室核验。核验结果会通知您。"))
                if enterprise_form.uscc_warning:
                    messages.warning(request, enterprise_form.uscc_warning)
                return redirect("home:home")
    else:
        county = request.GET.get("county")
        if not county:
            return _blank_signup(request)
        return _signup_render(request, *_signup_forms(county=county))
    return _signup_render(request, enterprise_form, account_form)


@role_required(Role.UNIT_REP)
def registration_resubmit(request: HttpRequest, pk: int) -> HttpResponse:
    """The rep corrects a registration the county returned, and sends it back for verification."""
    unit = get_object_or_404(registration_of(user=request.user), pk=pk)
    if unit.verification_status != VerificationStatus.REJECTED:
        messages.info(request, _("该注册当前不是“已退回”状态，无需修改后重新提交。"))
        return redirect("home:home")
    enterprise = unit.enterprise
    if request.method == "POST" and SIGNUP_REFRESH in request.POST:
        enterprise_form = _signup_refreshed(request.POST)[0]
    elif request.method == "POST":
        enterprise_form = _signup_forms(request.POST)[0]
        if enterprise_form.is_valid():
            try:
                enterprise_registration_resubmit(enterprise=enterprise, data=enterprise_form.to_data(),
                                                 by=request.user)
            except ValidationError as error:
                enterprise_form.add_error(None, error)
            else:
                messages.success(request, _("已重新提交注册，请等待所在县级三方办公室核验。核验结果会通知您。"))
                if enterprise_form.uscc_warning:
                    messages.warning(request, enterprise_form.uscc_warning)
                return redirect("home:home")
    else:
        enterprise_form = _signup_forms(county=str(unit.region_id), initial=EnterpriseForm.initial_for(enterprise))[0]
    return render(request, "registry/resubmit.html", {
        **_enterprise_fields_context(enterprise_form), "unit": unit, "reason": unit_rejection_reason(unit),
    }, status=400 if enterprise_form.errors else 200)


@require_GET
@ratelimit(key="ip", rate="60/m", block=True)
def signup_places(request: HttpRequest) -> HttpResponse:
    """Public: the township and park fields of the sign-up form for one county (``?county=<id>``).

    Fetched by static/js/signup.js when a county is chosen. No county: the "choose a county first"
    fields; an id that is not a county: 404.
    """
    county = request.GET.get("county", "")
    enterprise_form, _account = _signup_forms(county=county)
    if county and enterprise_form.county is None:
        raise Http404(_("没有这个县(市、区)。"))
    return render(request, "registry/_signup_places.html", {"enterprise_form": enterprise_form})


def _filtered(request: HttpRequest) -> UnitFilter:
    return UnitFilter(request.GET or None, queryset=unit_list_for_staff(user=request.user), user=request.user)


@never_cache
@role_required(*STAFF_ROLES)
def unit_list(request: HttpRequest) -> HttpResponse:
    unit_filter = _filtered(request)
    # The page's rows with what the table shows: a park's or an industry body's own row is not (two joins and two
    # model instances a row fewer).
    shown = unit_filter.qs.select_related(None).select_related("region", "township", "enterprise__industry")
    # Each row's markup kept per unit (unit_rows.py): the page reads its ids, then only the rows it has not kept.
    walked = units_in_name_order(user=request.user, listed=shown, per_page=PAGE_SIZE, kept_rows=unit_rows_kept) if (
        unit_filter.whole_in_name_order) else None
    page = (walked or NarrowPaginator(shown, PAGE_SIZE, kept_rows=unit_rows_kept)).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    sort_query = query.copy()
    sort_query.pop("sort", None)
    fields = (kept_blank_form(unit_filter.form, "unit-filter", _filter_fields) if unit_filter.blank
              else _filter_fields(unit_filter.form))
    return render(request, "registry/unit_list.html", {
        "filter": unit_filter, "filter_fields": fields, "page": page, "query": query.urlencode(),
        "sort_query": sort_query.urlencode(), "current_sort": request.GET.get("sort", ""),
        "can_manage": has_role(request.user, *ADMIN_ROLES),
    })


def _filter_fields(form: Form) -> str:
    return filter_fields(form, skip="sort")


@never_cache
@role_required(*STAFF_ROLES)
@in_official_language
def unit_export(request: HttpRequest) -> HttpResponse:
    units = _filtered(request).qs
    content = units_export_xlsx(units, show_contacts=lambda unit: can_see_contacts(request.user, unit))
    audit_export(by=request.user, what=_("单位名录"), rows=units.count())
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return xlsx_response(content, filename=f"units-{stamp}.xlsx")


@never_cache
@role_required(*STAFF_ROLES, Role.UNIT_REP)
def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(unit_page_for(user=request.user), pk=pk)
    return _unit_page(request, unit, show_contacts=can_see_contacts(request.user, unit))


@never_cache
@require_POST
@role_required(*STAFF_ROLES, Role.UNIT_REP)
def unit_contact_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    """The unit's contacts in full, on an explicit request that the audit trail records."""
    unit = get_object_or_404(unit_page_for(user=request.user), pk=pk)
    audit_access(instance=unit, region_id=unit.region_id, details={_("显示完整信息"): _("联系人、联系电话")})
    return _unit_page(request, unit, show_contacts=True)


def _unit_page(request: HttpRequest, unit: Unit, *, show_contacts: bool) -> HttpResponse:
    """``unit`` from ``unit_page_for``: read for this viewer; the parts alike for every viewer are kept."""
    parts = unit_page_parts_kept(unit=unit)
    context = {
        "unit": unit,
        "enterprise": getattr(unit, "enterprise", None) if unit.kind == UnitKind.ENTERPRISE else None,
        "coordinators": parts.coordinators,
        "has_certified_coordinator": any(coordinator.certified for coordinator in parts.coordinators),
        "history": parts.history,
        "can_manage": unit.manageable,
        "reject_form": RejectForm(),
        "show_contacts": show_contacts,
        "can_resubmit": unit.verification_status == VerificationStatus.REJECTED
        and registration_of(user=request.user).filter(pk=unit.pk).exists(),
    }
    if parts.credit is not None:
        record = parts.credit
        context.update(credit_grade_now=record.grade, credit_evaluations=record.evaluations,
                       on_red_list_now=record.on_red_list, red_list_entries=record.red_list_entries)
    if parts.park is not None:
        context.update(park=unit.park, stations=parts.park.stations, enterprises_within=parts.park.enterprises_within,
                       enterprises_within_count=parts.park.enterprises_within_count)
    if unit.kind == UnitKind.INDUSTRY and hasattr(unit, "industry_body"):
        body = unit.industry_body
        context.update(industry_body=body, members=body.members.select_related("unit", "unit__region"))
    return render(request, "registry/unit_detail.html", context)


@never_cache
@role_required(*ADMIN_ROLES)
def pending_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(pending_registrations_for(user=request.user).select_related(None).select_related(
        "region", "township", "enterprise"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "registry/pending_list.html", {"page": page, "reject_form": RejectForm()})


@require_POST
@role_required(*ADMIN_ROLES)
def unit_verify_view(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(unit_manageable_by(user=request.user), pk=pk)
    try:
        unit_verify(unit=unit, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("已核验通过：%(name)s") % {"name": unit.name})
    return redirect(local_next(request, default=reverse("registry:pending")))


@require_POST
@role_required(*ADMIN_ROLES)
def unit_reject_view(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(unit_manageable_by(user=request.user), pk=pk)
    form = RejectForm(request.POST)
    if form.is_valid():
        try:
            unit_reject(unit=unit, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("已退回：%(name)s") % {"name": unit.name})
            return redirect("registry:pending")
    return render(request, "registry/reject.html", {"unit": unit, "form": form}, status=400)
