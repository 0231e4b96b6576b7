from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext, npgettext, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from apps.accounts.models import Role, User
from apps.accounts.permissions import has_role, regions_for, role_required
from apps.accounts.roles import APPLICATION_STAFF_ROLES
from apps.accounts.selectors import scope_to_jurisdiction
from apps.applications.assessments.models import Application
from apps.applications.assessments.selectors import application_rules, application_standard, return_feedback
from apps.applications.experts.panel import draw_context
from apps.applications.workflow.guards import may_decide, precheck_applies
from apps.applications.workflow.offices import (
    NAMING_ROLES,
    acts_for_naming_office,
    viewer_naming_level,
)
from apps.applications.workflow.service import (
    application_transition,
    available_targets,
)
from apps.applications.workflow.states import Status, status_label
from apps.core.confirmation import confirmation_page, is_confirmed
from apps.core.official import in_official_language, official_response
from apps.core.pagination import NarrowPaginator
from apps.core.params import whole_number
from apps.core.views import job_progress_page
from apps.standards.selectors import criteria_of

from . import services
from .batches import SYNC_LIMIT, confirmation_batch_queue
from .forms import DecisionForm, InspectionForm, PanelForm, SendBackForm, SpotCheckForm
from .lists import city_rows_kept, queue_rows_kept
from .models import ConfirmationBatch, InspectionPhoto, LevelScore, MemberScore, ScoreLevel
from .page import blind_scores, review_parts
from .page_forms import decision_fields, inspection_fields, panel_fields
from .pdf import evaluation_form_document, evaluation_form_pdf
from .results import scores_hidden_from
from .rounds import last_sheet_of
from .selectors import (
    city_confirmation_list_for,
    city_confirmation_page_kept,
    city_confirmation_rows_for,
    county_queue_for,
    county_reviewers,
    queue_progress,
    review_application_list_for,
)

BATCH_LIMIT = 500
# The county's decisions on a panel's review (the decision form).
DECISION_TARGETS = frozenset({Status.RETURNED, Status.NOT_PASSED, Status.COUNTY_APPROVED})


def _application(request, pk: int) -> Application:
    return get_object_or_404(review_application_list_for(user=request.user), pk=pk)


def _fail(request, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


@role_required(*APPLICATION_STAFF_ROLES)
def queue(request):
    status = request.GET.get("status", "")
    # Each row's markup kept per application (reviews/lists.py): the page reads its ids under the viewer's
    # jurisdiction, then only the rows it has not kept.
    page = NarrowPaginator(county_queue_for(user=request.user, status=status), 50, row_annotations=queue_progress(),
                           kept_rows=queue_rows_kept).get_page(request.GET.get("page"))
    # The filter's word (its 市级退回 says 区级退回 where the district names).
    level = viewer_naming_level(request.user)
    return render(request, "reviews/queue.html", {
        "page": page, "rows": mark_safe("".join(page)),  # noqa: S308 - each row escapes its values (lists.py)
        "status": status, "statuses": [(s, status_label(s, level)) for s in
                                                     ("submitted", "township_precheck", "county_review",
                                                      "city_returned")],
        "query": f"status={status}" if status else "",
    })


def _county_reviewers(application: Application) -> tuple[list[User], dict[int, str]]:
    """The county's active reviewers by username and each one's party, for the panel form (kept per county)."""
    return county_reviewers(county_id=application.unit.region_id)


@role_required(*APPLICATION_STAFF_ROLES)
def detail(request, pk: int):
    # The page reads the unit, its regions and the campaign year from this row; the standard comes from
    # the per-process cache (application_standard) and what every viewer sees alike from the kept parts.
    rows = review_application_list_for(user=request.user).select_related(None).select_related(
        "unit__region", "unit__township", "campaign_year"
    )
    return _detail_page(request, get_object_or_404(rows, pk=pk))


def _detail_page(request, application: Application, *, inspection_form: InspectionForm | None = None,
                 decision_form: DecisionForm | None = None, status: int = 200):
    """The review page; a refused inspection or decision comes back here with what was typed still in its form."""
    rules = application_rules(application)
    naming_level = rules.naming_level_word
    parts = review_parts(application, naming_level=naming_level)
    members = parts.seats
    seat = next((member for member in members if member.user_id == request.user.pk), None)
    scores = parts.scores
    if scores_hidden_from(seat, application):  # a member scores blind until their sheet is in: their own table
        scores = blind_scores(application, viewer=request.user, seat=seat, naming_level=naming_level)
    typed_comments = _item_comments(request) if decision_form is not None else None
    is_county_admin = services.may_review_in(request.user, application, Role.COUNTY_ADMIN)
    # Which actions the page offers is the workflow's answer: the moves this user may make from here.
    targets = available_targets(request.user, application)
    precheck_pending = precheck_applies(application) and application.status == Status.SUBMITTED
    leaves = [criterion for criterion in criteria_of(application_standard(application)) if criterion.is_leaf]
    context = {"application": application, "parts": parts, "scores": scores, "panel": parts.has_panel,
               "seat": seat, "naming_level": naming_level,
               "is_county_admin": is_county_admin,
               "is_city_admin": services.may_review_in(request.user, application, Role.CITY_ADMIN),
               "can_decide": bool(targets & DECISION_TARGETS),
               # From county approval only: a send-back during the notice goes through an upheld objection.
               "can_send_back": application.status == Status.COUNTY_APPROVED and Status.CITY_RETURNED in targets,
               "precheck_pending": precheck_pending,
               # Blank, each form's markup is kept (page_forms.py); refused, written with what was typed.
               "decision_fields": decision_fields(naming_level=naming_level, leaves=leaves, form=decision_form,
                                                  typed=typed_comments),
               "inspection_fields": inspection_fields(inspection_form)}
    if Status.TOWNSHIP_PRECHECK in targets and precheck_pending:
        context["township_action"] = "start"
    elif application.status == Status.TOWNSHIP_PRECHECK and Status.COUNTY_REVIEW in targets:
        context["township_action"] = "forward"
    # Back with the county after a resubmission or a city send-back: the same panel scores again, or a new one.
    opens_review = (application.status in services.ROUND_STATUSES and Status.COUNTY_REVIEW in targets
                    and not precheck_pending)
    context["new_round"] = bool(parts.has_panel and opens_review)
    if context["new_round"] and application.status == Status.CITY_RETURNED:
        context["send_back_comment"] = parts.send_back_comment
    # A panel is formed as the county opens review, or (after a township pre-check) once the review is open.
    forms_panel = opens_review or (is_county_admin and application.status == Status.COUNTY_REVIEW)
    if (not parts.has_panel and forms_panel) or context["new_round"]:
        people, parties = _county_reviewers(application)
        # Re-forming starts from the current members, so replacing one is one click.
        context["panel_fields"] = panel_fields(people=people, parties=parties, party_rows=rules.party_rows,
                                               members=[m.user_id for m in members] if parts.has_panel else None)
    context.update(draw_context(application, members=members, is_county_admin=is_county_admin,
                                forms_panel="panel_fields" in context))
    return render(request, "reviews/detail.html", context, status=status)


@role_required(Role.COUNTY_ADMIN)
@require_POST
def panel_form_view(request, pk: int):
    application = _application(request, pk)
    people, parties = _county_reviewers(application)
    form = PanelForm(request.POST, reviewers=User.objects.filter(pk__in=[u.pk for u in people]), parties=parties)
    if form.is_valid():
        try:
            with transaction.atomic():
                services.panel_form(application=application, reviewers=form.cleaned_data["reviewers"],
                                    rule=form.cleaned_data["rule"], recorder=form.cleaned_data["recorder"],
                                    by=request.user)
        except ValidationError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("评估组已组建，已通知各成员评分。"))
    else:
        messages.error(request, _("请选择评估组成员和合成规则。"))
    return redirect("reviews:detail", pk)


def _posted_values(request, criteria) -> dict[int, tuple[str, str]]:
    return {c.pk: (request.POST.get(f"v_{c.pk}", ""), request.POST.get(f"c_{c.pk}", "")) for c in criteria}


def _sheet_page(request, application, *, title, existing, save, submit_label=None, note=""):
    """A sheet of every leaf item: GET shows saved values; POST saves all or keeps what was typed with errors.
    Its rows are the standard's items, from the process's copy (``application_standard``): no one's scores."""
    criteria = criteria_of(application_standard(application))
    leaves = [criterion for criterion in criteria if criterion.is_leaf]
    values = {c.pk: existing.get(c.pk, ("", "")) for c in leaves}
    errors: dict[str, str] = {}
    if request.method == "POST":
        values = _posted_values(request, leaves)
        try:
            with transaction.atomic():
                save(values, "submit" in request.POST)
        except services.SheetErrors as exc:
            errors = {key: msgs[0] for key, msgs in exc.message_dict.items()}
            messages.error(request, _("有 %(n)s 个条目填写有误，请修改后重新保存；已填写的内容均已保留。")
                           % {"n": len(errors)})
        except ValidationError as exc:
            _fail(request, exc)
        else:
            messages.success(request, _("评分已保存。"))
            return redirect("reviews:detail", application.pk)
    rows = [{"criterion": criterion, "value": values.get(criterion.pk, ("", ""))[0],
             "comment": values.get(criterion.pk, ("", ""))[1], "error": errors.get(str(criterion.pk))}
            for criterion in criteria]
    return render(request, "reviews/sheet.html", {"application": application, "rows": rows, "title": title,
                                                  "submit_label": submit_label, "note": note},
                  status=400 if errors else 200)


@role_required(Role.COUNTY_REVIEWER)
def member_sheet(request, pk: int):
    application = _application(request, pk)
    panel = getattr(application, "review_panel", None)  # joined with the application's row
    member = panel and panel.members.filter(user=request.user).first()
    if not member:
        raise Http404
    member.panel, panel.application = panel, application  # as read above: no second read of either
    existing = {s.criterion_id: (s.value, s.comment) for s in MemberScore.objects.filter(member=member)}
    note = ""
    # Only a later round has earlier sheets (sheets_archive moves the panel on as it archives them).
    earlier = None if existing or panel.round == 1 else last_sheet_of(panel=panel, user=request.user)
    if earlier is not None:
        # A new round: start from the member's own sheet of the last round; they check it against the changes.
        ids = {c.code: c.pk for c in criteria_of(application_standard(application))}
        existing = {ids[code]: tuple(pair) for code, pair in earlier.values.items() if code in ids}
        note = _("已预填您上一轮（第 %(revision)s 版）的评分：请对照本版的修改逐项核对后提交。"
                 "上一轮评分已存为历史记录。") % {"revision": earlier.revision}
    return _sheet_page(
        request, application, title=_("我的评分表（%(party)s）") % {"party": member.get_party_display()},
        existing=existing, note=note,
        save=lambda values, submit: services.sheet_save(member=member, values=values, submit=submit, by=request.user),
        submit_label=_("提交评分表"),
    )


@role_required(Role.TOWNSHIP_STAFF, Role.CITY_ADMIN)
def level_sheet(request, pk: int, level: str):
    application = _application(request, pk)
    allowed = {
        # A township office's region is the township, below the unit's county: match it against the unit's township.
        ScoreLevel.TOWNSHIP: lambda: services.may_review_in_township(request.user, application),
        ScoreLevel.CITY: lambda: services.may_review_in(request.user, application, Role.CITY_ADMIN),
    }.get(level)
    if allowed is None or not allowed():
        raise Http404
    existing = {s.criterion_id: (s.value, s.comment)
                for s in LevelScore.objects.filter(application=application, level=level)}
    return _sheet_page(
        request, application, title=str(ScoreLevel(level).label), existing=existing,
        save=lambda values, submit: services.level_sheet_save(application=application, level=level, values=values,
                                                              by=request.user),
    )


@role_required(Role.TOWNSHIP_STAFF)
@require_POST
def precheck(request, pk: int):
    """Township staff take a submitted application into pre-check (测评), then forward it to the county."""
    application = _application(request, pk)
    targets = {"start": (Status.TOWNSHIP_PRECHECK, _("已开始乡镇(街道)测评。")),
               "forward": (Status.COUNTY_REVIEW, _("测评已完成，已报送县级评估验收。"))}
    target = targets.get(request.POST.get("action", ""))
    if target is None:
        messages.error(request, _("请选择要办理的操作。"))
        return redirect("reviews:detail", pk)
    try:
        with transaction.atomic():
            application_transition(application=application, to=target[0], by=request.user,
                                   comment=request.POST.get("comment", "").strip()[:2000])
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, target[1])
    return redirect("reviews:detail", pk)


def _item_comments(request) -> dict[int, str]:
    """The per-item comments typed into the decision form (fields ic_<criterion id>)."""
    return {int(key[3:]): value for key, value in request.POST.items()
            if key.startswith("ic_") and whole_number(key[3:]) is not None}


@role_required(Role.COUNTY_ADMIN, Role.COUNTY_REVIEWER)
@require_POST
def decide(request, pk: int):
    application = _application(request, pk)
    if not may_decide(request.user, application):  # refused before any confirmation is offered
        messages.error(request, _("您无权办理此项操作。"))
        return redirect("reviews:detail", pk)
    form = DecisionForm(request.POST, naming_level=application_rules(application).naming_level_word)
    if not form.is_valid():
        messages.error(request, _("请选择评估结论；已填写的意见均已保留。"))
        return _detail_page(request, application, decision_form=form, status=400)
    decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
    label = dict(form.fields["decision"].choices)[decision]
    comments = _item_comments(request) if decision == "return" else {}
    problems = services.decision_problems(application=application, by=request.user, decision=decision, reason=reason)
    if problems:  # refused before the confirmation step, with what was typed
        _fail(request, ValidationError(problems))
        return _detail_page(request, application, decision_form=form, status=400)
    if not is_confirmed(request):
        written = sum(1 for comment in comments.values() if comment.strip())
        counted = npgettext("item comments", "%(n)s 条", "%(n)s 条", written) % {"n": written} if written else ""
        return confirmation_page(
            request, question=gettext("确认提交评估结论“%(decision)s”？") % {"decision": label},
            confirm_label=gettext("确认提交结论"), cancel_url=reverse("reviews:detail", args=[pk]),
            danger=decision != "approve",
            summary=[(gettext("申报单位"), application.unit.name), (gettext("评估结论"), label),
                     (gettext("意见和理由"), reason),
                     (pgettext("confirmation summary", "逐项修改意见"), counted)],
        )
    try:
        with transaction.atomic():
            if decision == "return":
                services.review_return(application=application, by=request.user, reason=reason,
                                       item_comments=comments)
            else:
                services.review_decide(application=application, by=request.user, decision=decision, reason=reason)
    except ValidationError as exc:  # refused after the confirmation: the reason and item comments typed come back
        _fail(request, exc)
        return _detail_page(request, application, decision_form=form, status=400)
    messages.success(request, _("已办理：%(action)s。") % {"action": label})
    return redirect("reviews:detail", pk)


@role_required(Role.COUNTY_ADMIN, Role.COUNTY_REVIEWER)
@require_POST
def inspection_add(request, pk: int):
    application = _application(request, pk)
    form = InspectionForm(request.POST)
    if form.is_valid():
        try:
            with transaction.atomic():
                services.inspection_add(application=application, by=request.user,
                                        photos=request.FILES.getlist("photos"), **form.cleaned_data)
        except ValidationError as exc:
            _fail(request, exc)
            return _detail_page(request, application, inspection_form=form, status=400)
        messages.success(request, _("实地核查记录已保存。"))
    else:
        messages.error(request, _("请完整填写核查日期、核查人员和核查情况。"))
        return _detail_page(request, application, inspection_form=form, status=400)
    return redirect("reviews:detail", pk)


@never_cache
@role_required(*APPLICATION_STAFF_ROLES)
def photo_download(request, photo_id: int):
    photo = get_object_or_404(InspectionPhoto.objects.select_related("inspection"), pk=photo_id)
    _application(request, photo.inspection.application_id)
    return FileResponse(photo.file.open("rb"), content_type=photo.content_type, as_attachment=True,
                        filename=photo.original_name)


@never_cache
@role_required(*APPLICATION_STAFF_ROLES)
@in_official_language
def evaluation_pdf(request, pk: int):
    application = _application(request, pk)
    response = HttpResponse(evaluation_form_pdf(application, viewer=request.user), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="evaluation-{application.pk}.pdf"'
    return response


@never_cache
@role_required(*APPLICATION_STAFF_ROLES)
@in_official_language
def evaluation_docx(request, pk: int):
    """The evaluation form as Word, to finish and stamp."""
    application = _application(request, pk)
    return official_response("evaluation_form", evaluation_form_document(application, viewer=request.user), fmt="docx",
                             filename=f"评估表-{application.unit.name}")


@role_required(Role.UNIT_REP)
def feedback(request, pk: int):
    """The unit's view of a return: the reason and the comments per item."""
    application = _application(request, pk)
    feedback = return_feedback(application)
    return render(request, "reviews/feedback.html", {
        "application": application, "event": feedback and feedback.event,
        "comments": feedback.comments if feedback else [],
    })


def office_heading(user: User) -> str:
    """The city office confirms as 市级确认; a county/district office that names, as the naming office."""
    return _("市级确认") if has_role(user, Role.CITY_ADMIN) else _("命名确认")


@role_required(*NAMING_ROLES)
def city_list(request):
    # The page's ids and total kept per office and page, each row's markup per application (reviews/lists.py):
    # which rows a viewer gets is still the ids query under their jurisdiction, read when not kept.
    page = NarrowPaginator(
        city_confirmation_rows_for(user=request.user), 100, kept_rows=city_rows_kept,
        kept_page=lambda number, read: city_confirmation_page_kept(user=request.user, number=number, read=read),
    ).get_page(request.GET.get("page"))
    return render(request, "reviews/city_list.html", {"page": page, "heading": office_heading(request.user),
                                                      "send_back_form": SendBackForm()})


@role_required(*NAMING_ROLES)
@require_POST
def city_confirm(request):
    ids = [number for value in request.POST.getlist("ids") if (number := whole_number(value)) is not None]
    if request.POST.get("all") == "1":
        ids = list(city_confirmation_list_for(user=request.user).values_list("pk", flat=True)[:BATCH_LIMIT])
    if not ids:
        messages.error(request, _("请先勾选要确认的申报。"))
        return redirect("reviews:city_list")
    if len(ids) > BATCH_LIMIT:
        messages.error(request, _("一次最多确认 %(n)s 条，请分批办理。") % {"n": BATCH_LIMIT})
        return redirect("reviews:city_list")
    rows = city_confirmation_list_for(user=request.user).filter(pk__in=ids)
    if not is_confirmed(request):
        names = list(rows.order_by("unit__name").values_list("unit__name", flat=True)[:SYNC_LIMIT])
        count = rows.count()
        return confirmation_page(
            request, question=ngettext("确认 %(n)s 条申报通过%(step)s？", "确认 %(n)s 条申报通过%(step)s？", count)
            % {"n": count, "step": office_heading(request.user)},
            confirm_label=gettext("确认通过"), cancel_url=reverse("reviews:city_list"),
            items=names + ([gettext("…… 等共 %(n)s 家单位") % {"n": count}] if count > len(names) else []),
        )
    if len(ids) > SYNC_LIMIT:
        office = regions_for(request.user, NAMING_ROLES)[0]
        batch = confirmation_batch_queue(city=office, application_ids=list(rows.values_list("pk", flat=True)),
                                         by=request.user)
        messages.success(request, _("已提交批量确认 %(n)s 条，正在后台办理。") % {"n": batch.total})
        return redirect("reviews:batch_detail", batch.pk)
    confirmed, failures = services.city_confirm_batch(applications=rows, by=request.user)
    messages.success(request, _("已确认 %(n)s 条申报。") % {"n": confirmed})
    for failure in failures:
        messages.error(request, failure)
    return redirect("reviews:city_list")


@role_required(*NAMING_ROLES)
def batch_detail(request, pk: int):
    """A batch's progress; while it runs, htmx reloads the progress card every two seconds."""
    batch = get_object_or_404(
        scope_to_jurisdiction(ConfirmationBatch.objects.all(), request.user, fields=("city",),
                              roles=NAMING_ROLES), pk=pk)
    return job_progress_page(request, job=batch, page="reviews/batch_detail.html", card="reviews/_batch_progress.html")


@role_required(*NAMING_ROLES)
@require_POST
def city_send_back(request, pk: int):
    application = _application(request, pk)
    if not acts_for_naming_office(request.user, application):
        raise PermissionDenied
    form = SendBackForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写退回理由。"))
        return redirect("reviews:detail", pk)
    if not is_confirmed(request):
        return confirmation_page(
            request, question=gettext("确认退回县级重新评估？"), confirm_label=gettext("确认退回"), danger=True,
            cancel_url=reverse("reviews:detail", args=[pk]),
            summary=[(gettext("申报单位"), application.unit.name), (gettext("退回理由"), form.cleaned_data["reason"])],
        )
    try:
        with transaction.atomic():
            application_transition(application=application, to=Status.CITY_RETURNED, by=request.user,
                                   comment=form.cleaned_data["reason"])
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("已退回县级重新评估。"))
    return redirect("reviews:detail", pk)


@role_required(Role.CITY_ADMIN)
@require_POST
def spot_check(request, pk: int):
    application = _application(request, pk)
    form = SpotCheckForm(request.POST)
    if form.is_valid():
        services.spot_check_add(application=application, findings=form.cleaned_data["findings"], by=request.user)
        messages.success(request, _("抽查记录已保存。"))
    else:
        messages.error(request, _("请填写抽查情况。"))
    return redirect("reviews:detail", pk)


@role_required(Role.COUNTY_ADMIN)
@require_POST
def reopen(request, pk: int):
    """The same panel scores again: a revision resubmitted after a return, or after a city send-back."""
    application = _application(request, pk)
    try:
        with transaction.atomic():
            services.review_round_open(application=application, by=request.user)
    except ValidationError as exc:
        _fail(request, exc)
    else:
        messages.success(request, _("已重新开始评估，已通知评估组成员重新评分。"))
    return redirect("reviews:detail", pk)
