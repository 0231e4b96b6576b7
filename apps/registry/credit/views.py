"""Entering an enterprise's credit-grade evaluations and red-list periods: the county and city offices, in
their jurisdiction (anyone else gets 404)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.permissions import role_required
from apps.accounts.roles import ADMIN_ROLES
from apps.registry.enterprises.models import Enterprise
from apps.registry.selectors import unit_manageable_by

from .forms import CreditEvaluationForm, RedListEndForm, RedListEntryForm
from .models import RedListEntry
from .services import credit_evaluation_create, red_list_entry_create, red_list_entry_end


def _enterprise(request: HttpRequest, pk: int) -> Enterprise:
    unit = get_object_or_404(unit_manageable_by(user=request.user).filter(enterprise__isnull=False), pk=pk)
    return unit.enterprise


def _form_page(request: HttpRequest, form, *, title: str, enterprise: Enterprise) -> HttpResponse:
    return render(request, "registry/simple_form.html", {
        "form": form, "title": title, "subtitle": enterprise.unit.name,
        "back_url": reverse("registry:unit_detail", args=[enterprise.pk]),
    }, status=400 if form.errors else 200)


def _save(form, action) -> bool:
    try:
        action()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, problems in error.message_dict.items():
                form.add_error(field if field in form.fields else None, problems)
        else:
            form.add_error(None, error.messages)
        return False
    return True


@role_required(*ADMIN_ROLES)
def credit_evaluation_new(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = _enterprise(request, pk)
    form = CreditEvaluationForm(request.POST or None, initial={"evaluated_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid() and _save(form, lambda: credit_evaluation_create(
            enterprise=enterprise, by=request.user, **form.cleaned_data)):
        messages.success(request, _("已录入诚信等级评价。"))
        return redirect("registry:unit_detail", pk=enterprise.pk)
    return _form_page(request, form, title=_("录入诚信等级评价"), enterprise=enterprise)


@role_required(*ADMIN_ROLES)
def red_list_entry_new(request: HttpRequest, pk: int) -> HttpResponse:
    enterprise = _enterprise(request, pk)
    form = RedListEntryForm(request.POST or None, initial={"listed_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid() and _save(form, lambda: red_list_entry_create(
            enterprise=enterprise, by=request.user, **form.cleaned_data)):
        messages.success(request, _("已列入守法诚信红名单。"))
        return redirect("registry:unit_detail", pk=enterprise.pk)
    return _form_page(request, form, title=_("列入守法诚信红名单"), enterprise=enterprise)


@role_required(*ADMIN_ROLES)
def red_list_entry_end_view(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    enterprise = _enterprise(request, pk)
    entry = get_object_or_404(RedListEntry, enterprise=enterprise, pk=entry_pk)
    form = RedListEndForm(request.POST or None, initial={"ended_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid() and _save(form, lambda: red_list_entry_end(
            entry=entry, by=request.user, **form.cleaned_data)):
        messages.success(request, _("已移出守法诚信红名单。"))
        return redirect("registry:unit_detail", pk=enterprise.pk)
    return _form_page(request, form, title=_("移出守法诚信红名单"), enterprise=enterprise)
