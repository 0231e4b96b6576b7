"""A unit's titles with their end dates and renewals (复审), and the office's list of titles ending soon."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from apps.accounts.models import Role
from apps.accounts.permissions import home_region_of, regions_for, role_required, unit_ids_for
from apps.accounts.roles import ADMIN_ROLES
from apps.applications.assessments.selectors import not_passed_feedback_for_unit
from apps.applications.assessments.services import application_open_renewal
from apps.applications.workflow.states import RENEWAL_PENDING_STATUSES
from apps.audit.services import audit_export
from apps.campaigns.rules import Rules, rules_for
from apps.core.excel import xlsx_response
from apps.core.official import in_official_language
from apps.core.pagination import OneQueryPaginator

from .export import titles_ending_xlsx
from .selectors import ending_soon_days_of, titles_ending_for, titles_of_own_units


def _renewal_row(title, today, rules: Rules | None = None):
    renewals = list(title.renewals.all())
    pending = next((a for a in renewals if a.status in RENEWAL_PENDING_STATUSES), None)
    left = (title.valid_until - today).days if title.valid_until else None
    may_start = (rules is not None and pending is None and title.is_valid_today and left is not None
                 and left <= rules.renewal_opens_days)
    return {"title": title, "left": left, "renewals": renewals, "pending": pending, "may_start": may_start}


@role_required(Role.UNIT_REP)
def mine(request):
    """The representative's titles: end date, days left, renewal started or possible (by the unit's locality's
    renewal window), and past feedback."""
    today = timezone.localdate()
    titles = list(titles_of_own_units(user=request.user).select_related("unit__region"))
    rules = {}
    for title in titles:
        if title.unit.region_id not in rules:
            rules[title.unit.region_id] = rules_for(region=title.unit.region, year=today.year)
    rows = [_renewal_row(title, today, rules[title.unit.region_id]) for title in titles]
    unit_ids = unit_ids_for(request.user)
    feedback = [event for unit_id in sorted(unit_ids) for event in not_passed_feedback_for_unit(unit_id=unit_id)]
    # The paragraph states the rules of the representative's (first) unit; a unit's own rules decide its button.
    home = home_region_of(request.user)
    shown = next(iter(rules.values()), None) or (rules_for(region=home, year=today.year) if home
                                                 else Rules(policy=None))
    return render(request, "titles/mine.html", {"rows": rows, "feedback": feedback, "rules": shown})


@require_POST
@role_required(Role.UNIT_REP)
def renew(request, pk: int):
    """Start the renewal of one of the representative's own titles: its application opens."""
    title = get_object_or_404(titles_of_own_units(user=request.user).select_related("unit__region"), pk=pk)
    try:
        application = application_open_renewal(recognition=title, by=request.user, today=timezone.localdate())
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("titles:mine")
    messages.success(request, gettext("已开始复审申报：请按现行标准逐项自评并提交，审核流程与创建申报相同。"))
    return redirect("assessments:detail", application.pk)


@role_required(*ADMIN_ROLES)
def ending(request):
    """The office's titles ending within its policy's earliest reminder (or past their end with a renewal
    pending)."""
    today = timezone.localdate()
    titles, days, rules = _ending(request, today)
    page = OneQueryPaginator(titles, 50).get_page(request.GET.get("page"))
    return render(request, "titles/ending.html", {"page": page, "rows": [_renewal_row(t, today) for t in page],
                                                  "days": days, "rules": rules})


@never_cache
@role_required(*ADMIN_ROLES)
@in_official_language
def ending_export(request):
    """The same titles as Excel: every row, not one page."""
    today = timezone.localdate()
    titles, _days, _rules = _ending(request, today)
    audit_export(by=request.user, what="即将到期的称号", rows=titles.count())
    return xlsx_response(titles_ending_xlsx(titles, today=today), filename=f"titles-ending-{today:%Y%m%d}.xlsx")


def _ending(request, today):
    """The office's titles ending within its policy's earliest reminder, the number of days, its rules."""
    each = [rules_for(region=region, year=today.year) for region in regions_for(request.user, ADMIN_ROLES)]
    days = ending_soon_days_of(each)
    rules = each[0] if each else Rules(policy=None)
    return titles_ending_for(user=request.user, today=today, days=days), days, rules
