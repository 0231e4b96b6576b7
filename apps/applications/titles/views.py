"""A unit's titles with their end dates and renewals (复审), and the office's list of titles ending soon."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from apps.accounts.models import Role
from apps.accounts.permissions import role_required, unit_ids_for
from apps.accounts.roles import ADMIN_ROLES
from apps.applications.assessments.selectors import not_passed_feedback_for_unit
from apps.applications.assessments.services import RENEWAL_OPENS_DAYS, application_open_renewal
from apps.applications.workflow.states import RENEWAL_PENDING_STATUSES
from apps.audit.services import audit_export
from apps.core.excel import xlsx_response
from apps.core.pagination import OneQueryPaginator

from .export import titles_ending_xlsx
from .selectors import titles_ending_for, titles_of_own_units


def _renewal_row(title, today):
    renewals = list(title.renewals.all())
    pending = next((a for a in renewals if a.status in RENEWAL_PENDING_STATUSES), None)
    left = (title.valid_until - today).days if title.valid_until else None
    may_start = (pending is None and title.is_valid_today and left is not None and left <= RENEWAL_OPENS_DAYS)
    return {"title": title, "left": left, "renewals": renewals, "pending": pending, "may_start": may_start}


@role_required(Role.UNIT_REP)
def mine(request):
    """The representative's titles: end date, days left, renewal started or possible, and past feedback."""
    today = timezone.localdate()
    rows = [_renewal_row(title, today) for title in titles_of_own_units(user=request.user)]
    unit_ids = unit_ids_for(request.user)
    feedback = [event for unit_id in sorted(unit_ids) for event in not_passed_feedback_for_unit(unit_id=unit_id)]
    return render(request, "titles/mine.html", {"rows": rows, "feedback": feedback, "opens_days": RENEWAL_OPENS_DAYS})


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
    messages.success(request, "已开始复审申报：请按现行标准逐项自评并提交，审核流程与创建申报相同。")
    return redirect("assessments:detail", application.pk)


@role_required(*ADMIN_ROLES)
def ending(request):
    """The office's titles ending within 90 days (or past their end with a renewal pending)."""
    today = timezone.localdate()
    page = OneQueryPaginator(titles_ending_for(user=request.user, today=today), 50).get_page(request.GET.get("page"))
    return render(request, "titles/ending.html", {"page": page, "rows": [_renewal_row(t, today) for t in page]})


@never_cache
@role_required(*ADMIN_ROLES)
def ending_export(request):
    """The same titles as Excel: every row, not one page."""
    today = timezone.localdate()
    titles = titles_ending_for(user=request.user, today=today)
    audit_export(by=request.user, what="即将到期的称号", rows=titles.count())
    return xlsx_response(titles_ending_xlsx(titles, today=today), filename=f"titles-ending-{today:%Y%m%d}.xlsx")
