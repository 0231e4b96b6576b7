from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from apps.accounts.models import Role
from apps.accounts.permissions import regions_for, role_required

from .forms import CampaignYearForm
from .selectors import campaign_year_list_for
from .services import campaign_year_save


@role_required(Role.CITY_ADMIN)
def campaign_year_list(request):
    return render(request, "campaigns/list.html", {"campaign_years": campaign_year_list_for(user=request.user)})


@role_required(Role.CITY_ADMIN)
def campaign_year_edit(request, pk: int | None = None):
    instance = get_object_or_404(campaign_year_list_for(user=request.user), pk=pk) if pk else None
    cities = regions_for(request.user, [Role.CITY_ADMIN])
    form = CampaignYearForm(request.POST or None, instance=instance, cities=cities)
    if request.method == "POST" and form.is_valid():
        try:
            campaign_year = campaign_year_save(campaign_year=form.save(commit=False), by=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("已保存 %(name)s 的阶段安排。") % {"name": campaign_year})
            return redirect("campaigns:list")
    return render(request, "campaigns/form.html", {"form": form, "campaign_year": instance})
