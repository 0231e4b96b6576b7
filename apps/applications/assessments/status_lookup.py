"""Public: anyone holding an application number and the unit's credit code learns the application's status.

Both must match; the answer is the status label and the date it was reached, nothing else, and the same message
for a number that does not exist and a code that does not match (a guess learns nothing). Rate-limited per
address, tighter than /verify/, because a known credit code and sequential numbers invite guessing.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Max
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from apps.applications.workflow.states import status_label
from apps.registry.enterprises.uscc import uscc_normalise

from .models import Application
from .selectors import application_rules

_NUMBER = re.compile(r"(\d{4})-(\d{1,10})")


class StatusLookupForm(forms.Form):
    number = forms.CharField(label=_("申报编号"), max_length=20, help_text=_("申报页面上的编号，例如 2026-000123。"),
                             error_messages={"required": _("请填写申报编号。")})
    uscc = forms.CharField(label=_("统一社会信用代码"), max_length=30,
                           error_messages={"required": _("请填写统一社会信用代码。")})

    def clean_number(self) -> tuple[int, int]:
        number = uscc_normalise(self.cleaned_data["number"]).replace("－", "-")
        match = _NUMBER.fullmatch(number)
        if match is None:
            raise ValidationError(_("申报编号的格式为“年度-序号”，例如 2026-000123。"))
        return int(match.group(1)), int(match.group(2))

    def clean_uscc(self) -> str:
        return uscc_normalise(self.cleaned_data["uscc"])


def application_status_find(*, year: int, pk: int, uscc: str) -> tuple[str, object] | None:
    """The status label and the day it was reached, of the application with this number whose unit holds this
    credit code; None when either does not match."""
    application = (Application.objects.filter(pk=pk, campaign_year__year=year, unit__enterprise__uscc=uscc)
                   .select_related("unit__region", "campaign_year").annotate(moved=Max("events__created_at")).first())
    if application is None:
        return None
    reached = application.moved or application.created_at
    label = status_label(application.status, application_rules(application).naming_level_word)
    return label, timezone.localtime(reached).date()


@never_cache
@ratelimit(key="ip", rate="10/m", method="POST", block=True)
def status_lookup(request):
    form = StatusLookupForm(request.POST or None)
    found, no_match = None, False
    if request.method == "POST" and form.is_valid():
        year, pk = form.cleaned_data["number"]
        found = application_status_find(year=year, pk=pk, uscc=form.cleaned_data["uscc"])
        no_match = found is None
    return render(request, "assessments/status_lookup.html", {"form": form, "found": found, "no_match": no_match})
