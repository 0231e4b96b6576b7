import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from apps.accounts.permissions import has_role, role_required
from apps.accounts.roles import ADMIN_ROLES
from apps.audit.services import audit_export
from apps.core.excel import xlsx_response
from apps.core.official import in_official_language
from apps.core.pagination import BoundedPaginator

from .export import risk_events_xlsx
from .forms import ImportUploadForm, RiskEventForm
from .importer import import_commit, import_preview, template_workbook
from .models import RiskEvent, RiskKind
from .selectors import VIEW_ROLES, risk_attachment_for, risk_event_list_for, risk_event_total_kept, units_for_entry
from .services import risk_event_create

SESSION_KEY = "risk_import"


def _filtered(request: HttpRequest) -> tuple[QuerySet[RiskEvent], str, str]:
    """The user's events narrowed by the list's filters (kind, unit name), newest first."""
    events = risk_event_list_for(user=request.user)
    kind = request.GET.get("kind", "")
    if kind in RiskKind.values:
        events = events.filter(kind=kind)
    q = request.GET.get("q", "").strip()[:100]
    if q:
        events = events.filter(unit__name__icontains=q)
    return events.order_by("-occurred_on", "-pk"), kind, q


# A county holds ~100,000 events at province scale: the list counts up to this many and shows "10,000+".
COUNT_CAP = 10_000


@role_required(*VIEW_ROLES)
def event_list(request: HttpRequest) -> HttpResponse:
    events, kind, q = _filtered(request)
    # The count is kept per jurisdiction and kind; a search by unit name is counted each time.
    kept = None if q else (lambda count: risk_event_total_kept(user=request.user, kind=kind, count=count))
    page = BoundedPaginator(events, 25, cap=COUNT_CAP, kept=kept).get_page(request.GET.get("page"))
    query = urlencode({k: v for k, v in {"kind": kind, "q": q}.items() if v})
    return render(request, "risks/list.html", {
        "page": page, "kinds": RiskKind.choices, "kind": kind, "q": q, "query": query,
        "can_edit": has_role(request.user, *ADMIN_ROLES),
    })


@role_required(*VIEW_ROLES)
@in_official_language
def event_export(request: HttpRequest) -> HttpResponse:
    """The filtered list as Excel (every row, not one page)."""
    events, _kind, _q = _filtered(request)
    audit_export(by=request.user, what="风险事件", rows=events.count())
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return xlsx_response(risk_events_xlsx(events), filename=f"risk-events-{stamp}.xlsx")


@role_required(*VIEW_ROLES)
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    events = risk_event_list_for(user=request.user).select_related("created_by")
    event = get_object_or_404(events, pk=pk)
    return render(request, "risks/detail.html", {
        "event": event, "attachments": event.attachments.all(),
        "cases": event.revocation_cases.select_related("rule", "recognition"),
    })


@role_required(*ADMIN_ROLES)
def event_create(request: HttpRequest) -> HttpResponse:
    units = units_for_entry(user=request.user)
    form = RiskEventForm(request.POST or None, request.FILES or None, units=units,
                         initial={"unit": request.GET.get("unit", "")[:200]})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            event = risk_event_create(
                unit=form.unit_obj, kind=data["kind"], occurred_on=data["occurred_on"],
                severity=data["severity"], source=data["source"], description=data["description"],
                files=data["files"], by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("已登记风险事件。"))
            return redirect("risks:detail", pk=event.pk)
    return render(request, "risks/form.html", {"form": form, "title": _("登记风险事件"),
                                               "back_url": reverse("risks:list")},
                  status=400 if form.errors else 200)


@never_cache
@role_required(*VIEW_ROLES)
def attachment_download(request: HttpRequest, pk: int) -> FileResponse:
    attachment = get_object_or_404(risk_attachment_for(user=request.user), pk=pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


@role_required(*ADMIN_ROLES)
@in_official_language
def import_template(request: HttpRequest) -> HttpResponse:
    return xlsx_response(template_workbook(), filename="risk-events-template.xlsx")


@role_required(*ADMIN_ROLES)
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload → preview with per-row errors; the checked rows wait in the session for confirmation."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    preview = None
    token = ""
    if request.method == "POST" and form.is_valid():
        preview = import_preview(file=form.cleaned_data["file"], units=units_for_entry(user=request.user))
        if preview.ok:
            token = uuid.uuid4().hex
            request.session[SESSION_KEY] = {"token": token, "rows": [row.data for row in preview.rows]}
    status = 400 if form.errors or (preview and not preview.ok) else 200
    return render(request, "risks/import.html", {"form": form, "preview": preview, "token": token},
                  status=status)


@require_POST
@role_required(*ADMIN_ROLES)
def import_confirm(request: HttpRequest) -> HttpResponse:
    pending = request.session.get(SESSION_KEY) or {}
    if not pending or pending.get("token") != request.POST.get("token"):
        messages.error(request, _("导入内容已失效，请重新上传文件。"))
        return redirect("risks:import")
    try:
        count = import_commit(rows=pending["rows"], units=units_for_entry(user=request.user), by=request.user)
    except PermissionError as error:
        messages.error(request, str(error))
        return redirect("risks:import")
    del request.session[SESSION_KEY]
    messages.success(request, _("已导入 %(count)d 条风险事件。") % {"count": count})
    return redirect("risks:list")
