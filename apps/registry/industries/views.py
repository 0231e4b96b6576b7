from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.accounts.permissions import role_required
from apps.accounts.roles import ADMIN_ROLES
from apps.registry.selectors import counties_for, unit_manageable_by
from apps.registry.units.models import UnitKind

from .forms import IndustryBodyForm, MembersForm
from .services import industry_body_create, industry_members_set


@role_required(*ADMIN_ROLES)
def industry_create_view(request: HttpRequest) -> HttpResponse:
    form = IndustryBodyForm(request.POST or None, counties=counties_for(user=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            body = industry_body_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已登记：%(name)s") % {"name": body.unit.name})
            return redirect("registry:unit_detail", pk=body.pk)
    return render(request, "registry/simple_form.html", {"form": form, "title": _("登记行业、集团或产业链"),
                                                          "back_url": reverse("registry:unit_list")},
                  status=400 if form.errors else 200)


@role_required(*ADMIN_ROLES)
def members_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    manageable = unit_manageable_by(user=request.user)
    unit = get_object_or_404(manageable.filter(kind=UnitKind.INDUSTRY, industry_body__isnull=False), pk=pk)
    body = unit.industry_body
    current = "\n".join(body.members.values_list("uscc", flat=True))
    form = MembersForm(request.POST or None, initial={"codes": current})
    if request.method == "POST" and form.is_valid():
        try:
            industry_members_set(body=body, codes_text=form.cleaned_data["codes"], allowed=manageable, by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("成员企业已更新。"))
            return redirect("registry:unit_detail", pk=unit.pk)
    return render(request, "registry/simple_form.html",
                  {"form": form, "title": _("成员企业"), "subtitle": unit.name,
                   "back_url": reverse("registry:unit_detail", args=[unit.pk])},
                  status=400 if form.errors else 200)
