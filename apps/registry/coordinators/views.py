from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.permissions import has_role, role_required
from apps.accounts.roles import ADMIN_ROLES, STAFF_ROLES
from apps.registry.enterprises.models import Enterprise
from apps.registry.selectors import regions_for_filter, unit_manageable_by

from .forms import CoordinatorForm
from .models import Coordinator
from .selectors import coordinator_accounts_for, coordinator_list_for, coordinator_manageable_by
from .services import coordinator_save, units_from_lines


@role_required(*STAFF_ROLES)
def coordinator_list(request: HttpRequest) -> HttpResponse:
    coordinators = coordinator_list_for(user=request.user)
    query = request.GET.get("q", "").strip()
    if query:
        coordinators = coordinators.filter(Q(full_name__icontains=query) | Q(certificate_number__icontains=query))
    page = Paginator(coordinators.order_by("full_name", "pk"), 25).get_page(request.GET.get("page"))
    return render(request, "coordinators/list.html", {
        "page": page, "q": query, "query": f"q={query}" if query else "", "today": timezone.localdate(),
        "can_manage": has_role(request.user, *ADMIN_ROLES),
    })


def _save(request: HttpRequest, coordinator: Coordinator | None) -> HttpResponse:
    initial = {}
    if coordinator is not None:
        initial = {key: getattr(coordinator, key) for key in (
            "full_name", "phone", "employer", "certificate_level", "certificate_number", "valid_from", "valid_until")}
        initial["region"] = coordinator.region_id
        initial["user"] = coordinator.user_id
        codes = dict(Enterprise.objects.filter(unit__in=coordinator.units.all()).values_list("unit_id", "uscc"))
        initial["units_text"] = "\n".join(codes.get(u.pk, u.name) for u in coordinator.units.all())
    form = CoordinatorForm(request.POST or None, initial=initial, regions=regions_for_filter(user=request.user),
                           accounts=coordinator_accounts_for(user=request.user))
    if request.method == "POST" and form.is_valid():
        try:
            units = units_from_lines(
                text=form.cleaned_data["units_text"], allowed=unit_manageable_by(user=request.user)
            )
            coordinator = coordinator_save(coordinator=coordinator, data=form.cleaned_data, units=units,
                                           by=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("已保存：%(name)s") % {"name": coordinator.full_name})
            return redirect("coordinators:list")
    title = _("修改协调员") if coordinator else _("登记劳动关系协调员")
    return render(request, "registry/simple_form.html", {"form": form, "title": title,
                                                           "back_url": reverse("coordinators:list")},
                  status=400 if form.errors else 200)


@role_required(*ADMIN_ROLES)
def coordinator_create_view(request: HttpRequest) -> HttpResponse:
    return _save(request, None)


@role_required(*ADMIN_ROLES)
def coordinator_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _save(request, get_object_or_404(coordinator_manageable_by(user=request.user), pk=pk))
