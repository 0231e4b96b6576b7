"""The pages of 帮办代办 (on_behalf.py): choose a small enterprise of the area, say why, open its application."""

from urllib.parse import urlencode

from django import forms
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from apps.accounts.permissions import role_required
from apps.accounts.roles import ON_BEHALF_ROLES
from apps.core.pagination import NarrowPaginator

from .models import Application
from .on_behalf import size_label, unit_for_filing_on_behalf, units_for_filing_on_behalf, units_page_kept
from .on_behalf_rows import on_behalf_rows_kept
from .services import application_open_on_behalf


class OnBehalfForm(forms.Form):
    reason = forms.CharField(label=_("代办原因"), max_length=200, widget=forms.Textarea(attrs={"rows": 2}),
                             help_text=_("例如：企业无专职人员、不熟悉网上填报，经企业同意由本单位代为填报。"),
                             error_messages={"required": _("请填写代办原因。")})


@role_required(*ON_BEHALF_ROLES)
def unit_choose(request):
    """The small enterprises of the area, searchable by name or credit code, with this year's application."""
    search = request.GET.get("q", "")[:100]
    kept_page = None if search.strip() else lambda number, read: units_page_kept(user=request.user, number=number,
                                                                                  read=read)
    # The page's rows are their markup, kept per unit (on_behalf_rows.py).
    page = NarrowPaginator(units_for_filing_on_behalf(user=request.user, search=search), 30,
                           kept_page=kept_page, kept_rows=on_behalf_rows_kept).get_page(request.GET.get("page"))
    return render(request, "assessments/on_behalf_list.html", {
        "page": page, "rows": mark_safe("".join(page)),  # noqa: S308 - each row escapes its values (on_behalf_rows.py)
        "search": search, "year": timezone.localdate().year,
        "query": urlencode({"q": search}) if search else "",
    })


@role_required(*ON_BEHALF_ROLES)
def unit_start(request, unit_id: int):
    """Open (or continue) this year's application of one small enterprise of the area, on its behalf."""
    unit = unit_for_filing_on_behalf(user=request.user, pk=unit_id)
    if unit is None:
        raise Http404
    year = timezone.localdate().year
    existing = Application.objects.filter(unit=unit, campaign_year__year=year).first()
    form = OnBehalfForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        try:
            application = application_open_on_behalf(unit=unit, by=request.user,
                                                      reason=form.cleaned_data["reason"],
                                                      today=timezone.localdate())
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            return redirect("assessments:detail", application.pk)
    return render(request, "assessments/on_behalf_start.html", {
        "unit": unit, "size": size_label(unit), "existing": existing, "form": form, "error": error, "year": year,
        "back_url": reverse("assessments:on_behalf"),
    }, status=400 if request.method == "POST" else 200)
