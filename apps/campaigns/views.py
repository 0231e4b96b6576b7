from django.contrib import messages
from django.core.exceptions import EmptyResultSet, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.accounts.permissions import has_role, regions_for, role_required
from apps.accounts.roles import STAFF_ROLES
from apps.core.choices import kept_markup
from apps.core.params import campaign_year, whole_number

from .forms import CampaignYearForm, PolicyForm
from .models import CampaignPolicy
from .rules import Rules, rules_for
from .selectors import (
    CALENDAR_ROLES,
    POLICY_ADMIN_ROLES,
    POLICY_READER_ROLES,
    calendar_regions_for,
    campaign_year_list_for,
    policy_editable_for,
    policy_for,
    policy_list_for,
    policy_regions_for,
)
from .services import campaign_year_save, policy_save

# Shown to a county/district admin whose county does not name under its policy: the city sets the calendar.
CITY_RUNS_CALENDAR = gettext_lazy("本县(市、区)的创建活动由市级命名，创建活动年度(阶段安排)由市级设置。"
                       "创建活动政策规定由县(市、区)命名时，县级管理员才能设置本级的创建活动年度。")


@role_required(*CALENDAR_ROLES)
def campaign_year_list(request):
    regions = calendar_regions_for(user=request.user, year=_this_year())
    return render(request, "campaigns/list.html", {
        "campaign_years": campaign_year_list_for(user=request.user), "can_create": bool(regions),
        "refusal": None if regions else CITY_RUNS_CALENDAR,
    })


@role_required(*CALENDAR_ROLES)
def campaign_year_edit(request, pk: int | None = None):
    instance = get_object_or_404(campaign_year_list_for(user=request.user), pk=pk) if pk else None
    regions = calendar_regions_for(user=request.user, year=instance.year if instance else _this_year())
    if instance is not None and instance.city not in regions:
        # Its own calendar, but its county no longer names this year: the city's office sets the calendar.
        regions.append(instance.city)
    if not regions:
        return render(request, "campaigns/refused.html", {"message": CITY_RUNS_CALENDAR}, status=403)
    form = CampaignYearForm(request.POST or None, instance=instance, regions=regions)
    if request.method == "POST" and form.is_valid():
        try:
            campaign_year = campaign_year_save(campaign_year=form.save(commit=False), by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已保存 %(name)s 的阶段安排。") % {"name": campaign_year})
            return redirect("campaigns:list")
    return render(request, "campaigns/form.html", {"form": form, "campaign_year": instance})


def _this_year() -> int:
    return timezone.localdate().year


@role_required(*POLICY_READER_ROLES)
def policy_overview(request):
    """The policy in force for each of the reader's regions in a year, and the versions they may read."""
    year = campaign_year(request.GET.get("year"), default=_this_year())
    in_force = [(region, rules_for(region=region, year=year)) for region in regions_for(request.user, STAFF_ROLES)]
    editable = set(policy_editable_for(user=request.user).values_list("pk", flat=True))
    versions = (policy_list_for(user=request.user).order_by("region__path", "-year")
                if has_role(request.user, *POLICY_ADMIN_ROLES) else None)
    return render(request, "campaigns/policy_overview.html", {
        "year": year, "in_force": in_force, "versions": versions, "editable": editable,
        "can_create": policy_regions_for(user=request.user).exists(),
    })


@role_required(*POLICY_ADMIN_ROLES)
def policy_detail(request, pk: int):
    """One version, for the offices that set policies (every staff member reads the one in force on the
    overview)."""
    policy = get_object_or_404(policy_list_for(user=request.user), pk=pk)
    return render(request, "campaigns/policy_detail.html", {
        "policy": policy, "rules": Rules(policy=policy),
        "can_edit": policy_editable_for(user=request.user).filter(pk=pk).exists(),
    })


@role_required(*POLICY_ADMIN_ROLES)
def policy_edit(request, pk: int | None = None):
    regions = policy_regions_for(user=request.user)
    if pk is not None:
        instance = get_object_or_404(policy_editable_for(user=request.user), pk=pk)
    else:
        if not regions.exists():
            raise Http404
        instance = _new_version(request, regions)
    form = PolicyForm(request.POST or None, instance=instance, regions=regions)
    if request.method == "POST" and form.is_valid():
        try:
            policy = policy_save(policy=form.save(commit=False), by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已保存 %(name)s 的创建活动政策。") % {"name": policy})
            return redirect("campaigns:policy_detail", policy.pk)
    # The form with nothing typed is written from the version it shows and the regions offered, the same for every
    # admin of those regions; its 24 fields were most of the page: kept as ``kept_markup`` keeps a page's form.
    try:
        fields = _policy_fields(form) if form.is_bound else kept_markup(
            "policy-form", _written_from(instance, regions), lambda: _policy_fields(form))
    except EmptyResultSet:  # no region offered: nothing to key it by
        fields = _policy_fields(form)
    return render(request, "campaigns/policy_form.html", {
        "form": form, "fields": mark_safe(fields),  # noqa: S308 - the form's own rendering
        "policy": instance if pk else None})


def _policy_fields(form: PolicyForm) -> str:
    return render_to_string("campaigns/_policy_fields.html", {"form": form})


def _written_from(instance: CampaignPolicy, regions) -> tuple:
    """Every value the blank form is written from: the version's fields (pre-filled or saved) and the regions."""
    return (repr([getattr(instance, field.attname) for field in CampaignPolicy._meta.concrete_fields]),
            repr(regions.query.sql_with_params()))


def _new_version(request, regions) -> CampaignPolicy:
    """A new version for the chosen region and year, pre-filled from the one in force there."""
    region = regions.filter(pk=whole_number(request.GET.get("region"))).first() or regions.first()
    year = campaign_year(request.GET.get("year"), default=_this_year())
    base = policy_for(region=region, year=year)
    if base is None:
        return CampaignPolicy(region=region, year=year)
    fields = {f.name: getattr(base, f.name) for f in CampaignPolicy._meta.concrete_fields
              if f.name not in ("id", "region", "year", "updated_at", "updated_by")}
    return CampaignPolicy(region=region, year=year, **fields)
