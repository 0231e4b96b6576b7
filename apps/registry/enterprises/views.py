from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from apps.accounts.permissions import role_required
from apps.accounts.roles import ADMIN_ROLES
from apps.core.choices import kept_blank_form
from apps.registry.parks.models import Park
from apps.registry.selectors import counties_for, townships_in, unit_manageable_by
from apps.registry.units.models import UnitKind

from .forms import EnterpriseForm
from .models import Enterprise
from .services import enterprise_create, enterprise_update, enterprise_uscc_confirm


def _form(request: HttpRequest, data=None, **kwargs) -> EnterpriseForm:
    """The form over the admin's counties; the townships and parks offered are the chosen county's only
    (``by_county``), so a township of the county it had before is not left selected after the county changes."""
    counties = counties_for(user=request.user)
    return EnterpriseForm(data, counties=counties, townships=townships_in(counties),
                          parks=Park.objects.filter(unit__kind=UnitKind.PARK, unit__region__in=counties),
                          by_county=True, **kwargs)


def _fields(form: EnterpriseForm) -> str:
    return render_to_string("enterprises/_form_fields.html", {"form": form})


def _render_form(request: HttpRequest, form: EnterpriseForm, *, fields: str | None = None,
                 **context) -> HttpResponse:
    """The form page; ``fields``: the fields' markup when kept (a blank form), else written from ``form``."""
    return render(request, "enterprises/form.html", {
        "form": form, "fields": mark_safe(fields if fields is not None else _fields(form)),  # noqa: S308 - ours
        **context}, status=400 if form.errors else 200)


def _managed_enterprise(request: HttpRequest, pk: int) -> Enterprise:
    # A unit of the enterprise kind without its enterprise record (one registered before the record existed)
    # has nothing to edit here: 404, as for a unit outside the admin's reach.
    managed = unit_manageable_by(user=request.user).filter(kind=UnitKind.ENTERPRISE, enterprise__isnull=False)
    unit = get_object_or_404(managed, pk=pk)
    return unit.enterprise


@role_required(*ADMIN_ROLES)
def enterprise_create_view(request: HttpRequest) -> HttpResponse:
    """County and city admins enter an enterprise directly; it is verified at once. A county admin's own county is
    chosen already, so its townships are listed from the start (also without JavaScript)."""
    counties = list(counties_for(user=request.user)[:2])
    form = _form(request, request.POST or None, initial={"region": counties[0]} if len(counties) == 1 else None)
    if request.method == "POST" and form.is_valid():
        try:
            enterprise = enterprise_create(data=form.to_data(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已登记：%(name)s") % {"name": enterprise.unit.name})
            if form.uscc_warning:
                messages.warning(request, form.uscc_warning)
            return redirect("registry:unit_detail", pk=enterprise.pk)
    # The blank form is the same for every admin of the same counties, and writing its selects (the county's
    # townships and parks, the industry classes) was most of the page: kept as a list page's blank filter is.
    chosen = form.county.pk if form.county else ""
    blank = None if form.is_bound else kept_blank_form(form, f"enterprise-create:{chosen}", _fields)
    return _render_form(request, form, fields=blank, title=_("登记企业"))


@role_required(*ADMIN_ROLES)
def enterprise_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = _managed_enterprise(request, pk)
    form = _form(request, request.POST or None, initial=EnterpriseForm.initial_for(enterprise),
                 grade_from_history=enterprise.credit_evaluations.exists())
    if request.method == "POST" and form.is_valid():
        try:
            enterprise_update(enterprise=enterprise, data=form.to_data(), by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已保存修改。"))
            return redirect("registry:unit_detail", pk=enterprise.pk)
    return _render_form(request, form, title=_("修改企业信息"), enterprise=enterprise)


@require_GET
@role_required(*ADMIN_ROLES)
def enterprise_places_view(request: HttpRequest) -> HttpResponse:
    """The township and park fields of the form for one of the admin's counties (``?county=<id>``), fetched by
    static/js/signup.js when the county changes; a county outside the admin's counties: 404."""
    county = request.GET.get("county", "")
    form = _form(request, initial={"region": county})
    if county and form.county is None:
        raise Http404(_("没有这个县(市、区)。"))
    return render(request, "registry/_signup_places.html", {"enterprise_form": form})


@require_POST
@role_required(*ADMIN_ROLES)
def uscc_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = _managed_enterprise(request, pk)
    try:
        enterprise_uscc_confirm(enterprise=enterprise, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("已确认该统一社会信用代码，现在可以核验通过。"))
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect("registry:unit_detail", pk=enterprise.pk)
