from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from apps.accounts.models import Role
from apps.accounts.permissions import has_role, role_required, unit_ids_for
from apps.accounts.roles import APPLICATION_ROLES, APPLICATION_STAFF_ROLES, FILER_ROLES
from apps.applications.workflow.guards import editing_window_check, renewal_title_problems, submission_problems
from apps.applications.workflow.service import TransitionRefused, available_targets
from apps.applications.workflow.states import Status
from apps.audit.display import entries_described
from apps.audit.permissions import can_read_application_history
from apps.audit.selectors import PAGE_SIZE as HISTORY_PAGE_SIZE
from apps.audit.selectors import audit_entries_of_application
from apps.audit.services import audit_export
from apps.campaigns.services import OutsideWindow
from apps.core.confirmation import confirmation_page, is_confirmed
from apps.core.excel import xlsx_response
from apps.core.official import in_official_language
from apps.core.pagination import NarrowPaginator
from apps.core.params import whole_number
from apps.registry.units.models import Unit
from apps.standards.models import Criterion
from apps.standards.scoring import fmt_score
from apps.standards.selectors import criteria_of
from apps.surveys.in_force import standard_in_force_for, standard_in_force_kept

from . import pdf
from .diff import snapshot_diff
from .export import applications_xlsx
from .forms import EvidenceUploadForm
from .list_rows import application_rows_kept
from .models import Application
from .page import evidence_rows, self_evaluation_parts
from .permissions import can_edit, is_filer_of, is_rep_of
from .satisfaction import survey_summary_for
from .selectors import (
    TreeRow,
    application_list_for,
    application_page_kept,
    application_rules,
    application_score,
    application_standard,
    snapshot_build,
    standard_with_items,
    with_standard,
)
from .services import (
    ApplicationError,
    answer_from_survey,
    answer_save_scored,
    application_open,
    application_submit,
    evidence_add,
    evidence_withdraw,
)

SAVED_HEADER = "X-Answer-Saved"
UPLOAD_CHOICES = ("kind", "criterion")  # what a refused upload keeps of the upload form


def _application_for(request, pk: int) -> Application:
    return with_standard(get_object_or_404(application_list_for(user=request.user, standard=False), pk=pk))


def _editable_application_for(request, pk: int) -> Application:
    """For the pages that change it: the unit's representatives, or the staff filing on the unit's behalf."""
    application = _application_for(request, pk)
    if not is_filer_of(request.user, application):
        raise Http404
    return application


def _applications(request) -> tuple[QuerySet[Application], bool]:
    """The user's applications; ``?on_behalf=1``: only those filed on a unit's behalf (帮办代办)."""
    applications = application_list_for(user=request.user).order_by("-campaign_year__year", "unit_name", "pk")
    on_behalf = request.GET.get("on_behalf") == "1"
    if on_behalf:
        applications = applications.filter(on_behalf=True)
    return applications, on_behalf


@role_required(*APPLICATION_ROLES)
def application_list(request):
    applications, on_behalf = _applications(request)
    # The page's rows are their markup, kept per application (list_rows.py).
    page = NarrowPaginator(applications, 50, kept_page=lambda number, read: application_page_kept(
        user=request.user, on_behalf=on_behalf, number=number, read=read),
        kept_rows=application_rows_kept).get_page(request.GET.get("page"))
    return render(request, "assessments/list.html", {
        "page": page, "rows": mark_safe("".join(page)),  # noqa: S308 - each row escapes its values (list_rows.py)
        "on_behalf": on_behalf, "query": "on_behalf=1" if on_behalf else "",
        "is_staff": has_role(request.user, *APPLICATION_STAFF_ROLES),
    })


@never_cache
@role_required(*APPLICATION_STAFF_ROLES)
@in_official_language
def application_export(request):
    """The filtered list as Excel (every row, not one page): the offices' record of 帮办代办 among others."""
    applications, on_behalf = _applications(request)
    audit_export(by=request.user, what="帮办代办申报" if on_behalf else "创建申报", rows=applications.count())
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return xlsx_response(applications_xlsx(applications), filename=f"applications-{stamp}.xlsx")


@role_required(Role.UNIT_REP)
def unit_current(request, unit_id: int):
    """A unit rep's door to this year's application: opens it, or says why it cannot be opened."""
    unit = get_object_or_404(Unit.objects.select_related("region"), pk=unit_id, pk__in=unit_ids_for(request.user))
    existing = Application.objects.filter(unit=unit, campaign_year__year=timezone.localdate().year).first()
    if existing is not None:
        return redirect("assessments:detail", existing.pk)
    error = None
    if request.method == "POST":
        try:
            application = application_open(unit=unit, by=request.user, today=timezone.localdate())
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            return redirect("assessments:detail", application.pk)
    year = timezone.localdate().year
    return render(request, "assessments/start.html", {"unit": unit, "error": error, "year": year,
                                                      "in_force": standard_in_force_for(unit=unit, year=year)})


@role_required(*APPLICATION_ROLES)
def application_detail(request, pk: int):
    application = _application_for(request, pk)
    editable, window_message = can_edit(request.user, application), ""
    if editable:
        try:
            editing_window_check(application=application)
        except OutsideWindow as exc:
            editable, window_message = False, exc.messages[0]
    rules = application_rules(application)
    # What every viewer with the same rights sees is kept (page.py); the forms and buttons are this viewer's.
    parts = self_evaluation_parts(application, editable=editable, is_rep=is_rep_of(request.user, application),
                                  naming_level=rules.naming_level_word)
    standard = application_standard(application)
    context = {
        "application": application, "standard": standard, "parts": parts, "editable": editable,
        "window_message": window_message, "required_evidence": rules.required_evidence(application.unit.kind),
        # Offered while the answers may be changed, when the workflow lets this user submit from here.
        "can_submit": editable and Status.SUBMITTED in available_targets(request.user, application),
        "can_read_history": can_read_application_history(request.user),
        "in_force": standard_in_force_kept(unit=application.unit, year=application.campaign_year.year),
        "naming_level": rules.naming_level_word,
    }
    if editable:
        # A refused upload comes back with its type and item chosen again (a browser never refills the file).
        context["upload_form"] = EvidenceUploadForm(
            criteria=criteria_of(standard), standard_id=application.standard_id,
            initial={name: request.GET[name] for name in UPLOAD_CHOICES if name in request.GET})
        context["evidence"] = evidence_rows(application)
    return render(request, "assessments/detail.html", context)


@require_POST
@role_required(*FILER_ROLES)
def answer_save_view(request, pk: int, criterion_id: int):
    """One item saved by one small htmx POST; answers a status fragment plus the refreshed summary.

    Sent on every change, so it renders only those two fragments, and the item and the standard come from the
    process's cache of standards in use (application_standard): the save reads the answers once, for the total.
    """
    application = _editable_application_for(request, pk)
    standard = application_standard(application)
    criterion = next((c for c in standard.criteria.all() if c.pk == criterion_id), None)
    if criterion is None:
        raise Http404
    try:
        _answer, answers = answer_save_scored(application=application, criterion=criterion,
                                              value=request.POST.get("value", ""),
                                              narrative=request.POST.get("narrative", ""), by=request.user)
    except ValidationError as exc:
        html = render_to_string("assessments/_item_status.html", {"error": exc.messages[0]}, request)
        return HttpResponse(html, status=422)
    result = application_score(application, standard, answers)
    html = render_to_string("assessments/_item_status.html", {"saved_at": timezone.localtime()}, request)
    html += render_to_string("assessments/_summary.html", {"result": result, "oob": True}, request)
    response = HttpResponse(html)
    response[SAVED_HEADER] = "1"
    return response


@require_POST
@role_required(*FILER_ROLES)
def answer_from_survey_view(request, pk: int, criterion_id: int):
    """htmx: score a satisfaction item from the survey; answers the re-rendered item plus the refreshed summary."""
    application = _editable_application_for(request, pk)
    criterion = get_object_or_404(Criterion, pk=criterion_id, standard_id=application.standard_id)
    try:
        answer = answer_from_survey(application=application, criterion=criterion, by=request.user)
    except ValidationError as exc:
        html = render_to_string("assessments/_item_status.html", {"error": exc.messages[0]}, request)
        return HttpResponse(html, status=422, headers={"HX-Retarget": f"#status-{criterion.pk}",
                                                        "HX-Reswap": "innerHTML"})
    survey = survey_summary_for(application=application, criteria=[criterion])
    row = TreeRow(criterion=criterion, answer=answer, suggestion=survey.suggestions.get(criterion.pk))
    html = render_to_string("assessments/_item.html", {
        "row": row, "application": application, "editable": True, "saved_at": timezone.localtime(),
    }, request)
    html += render_to_string("assessments/_summary.html", {"result": application_score(application), "oob": True},
                             request)
    response = HttpResponse(html)
    response[SAVED_HEADER] = "1"
    return response


@require_POST
@role_required(*FILER_ROLES)
def evidence_upload(request, pk: int):
    application = _editable_application_for(request, pk)
    standard = standard_with_items(application.standard_id)
    form = EvidenceUploadForm(request.POST, request.FILES, criteria=list(standard.criteria.all()),
                              standard_id=application.standard_id)
    detail = reverse("assessments:detail", args=[pk])
    if form.is_valid():
        try:
            evidence = evidence_add(application=application, upload=form.cleaned_data["file"],
                                    kind=form.cleaned_data["kind"], criterion=form.cleaned_data["criterion"],
                                    by=request.user)
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
        else:
            messages.success(request, _("已上传：%(name)s") % {"name": evidence.original_name})
            return redirect(detail + "#evidence")
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    chosen = {name: request.POST[name] for name in UPLOAD_CHOICES if request.POST.get(name)}
    return redirect(f"{detail}?{urlencode(chosen)}#evidence" if chosen else f"{detail}#evidence")


@require_POST
@role_required(*FILER_ROLES)
def evidence_withdraw_view(request, pk: int, evidence_id: int):
    application = _editable_application_for(request, pk)
    evidence = get_object_or_404(application.evidence.filter(withdrawn_at__isnull=True), pk=evidence_id)
    try:
        evidence_withdraw(evidence=evidence, by=request.user)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
    else:
        messages.success(request, _("已撤回：%(name)s") % {"name": evidence.original_name})
    return redirect(reverse("assessments:detail", args=[pk]) + "#evidence")


@never_cache
@role_required(*APPLICATION_ROLES)
def evidence_download(request, pk: int, evidence_id: int):
    application = _application_for(request, pk)
    evidence = get_object_or_404(application.evidence.all(), pk=evidence_id)
    response = FileResponse(evidence.file.open("rb"), as_attachment=True, filename=evidence.original_name,
                            content_type=evidence.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_POST
@role_required(*FILER_ROLES)
def application_submit_view(request, pk: int):
    application = _editable_application_for(request, pk)
    if not is_confirmed(request):
        problems = submission_problems(application=application) + renewal_title_problems(application)
        for message in problems:
            messages.error(request, message)
        if problems:
            return redirect("assessments:detail", pk)
        result = application_score(application, standard_with_items(application.standard_id))
        return confirmation_page(
            request, question=_("确认提交申报？"), confirm_label=_("确认提交"),
            cancel_url=reverse("assessments:detail", args=[pk]),
            summary=[(_("申报单位"), application.unit.name), (_("年度"), application.campaign_year.year),
                     (_("版次"), _("第 %(n)s 版") % {"n": application.revisions.count() + 1}),
                     (_("自评总分"), fmt_score(result.total))],
            warning=_("提交后内容锁定，不能再修改，直到县级退回修改。"),
        )
    try:
        application_submit(application=application, by=request.user)
    except (TransitionRefused, ApplicationError) as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已提交第 %(revision)s 版申报，等待审核。") % {"revision": application.revision})
    return redirect("assessments:detail", pk)


@role_required(*APPLICATION_ROLES)
def revision_compare(request, pk: int):
    """Differences between two submitted revisions, or between the last revision and the current draft."""
    application = _application_for(request, pk)
    revisions = {r.number: r for r in application.revisions.all()}
    choices = [str(n) for n in revisions] + ["draft"]

    def snapshot(key: str) -> dict | None:
        if key == "draft":
            return snapshot_build(application=application)
        number = whole_number(key)
        return revisions[number].snapshot if number in revisions else None

    numbers = sorted(revisions)
    default_old = str(numbers[-2]) if len(numbers) > 1 else (str(numbers[-1]) if numbers else "")
    default_new = str(numbers[-1]) if len(numbers) > 1 else "draft"
    old_key, new_key = request.GET.get("old", default_old), request.GET.get("new", default_new)
    old, new = snapshot(old_key), snapshot(new_key)
    diff = None
    if old is not None and new is not None:
        titles = {c.code: c.title for c in application_standard(application).criteria.all()}
        diff = snapshot_diff(old, new, titles)
    return render(request, "assessments/compare.html", {
        "application": application, "choices": choices, "old_key": old_key, "new_key": new_key, "diff": diff,
    })


@role_required(*APPLICATION_ROLES)
@in_official_language
def application_pdf(request, pk: int):
    application = _application_for(request, pk)
    content = pdf.self_evaluation_pdf(application=application, request=request)
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="self-evaluation-{application.pk}.pdf"'
    return response


@require_GET
@role_required(*APPLICATION_STAFF_ROLES)
def application_history(request, pk: int):
    """The audit trail of one application the user can see (变更记录)."""
    application = get_object_or_404(application_list_for(user=request.user), pk=pk)
    page = Paginator(audit_entries_of_application(application_id=application.pk), HISTORY_PAGE_SIZE).get_page(
        request.GET.get("page"))
    return render(request, "audit/application.html", {
        "application": application, "page": page, "entries": entries_described(page.object_list),
    })
