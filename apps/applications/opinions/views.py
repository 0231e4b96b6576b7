from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext
from django.views.decorators.http import require_POST

from apps.accounts.models import Role, User
from apps.accounts.permissions import regions_for, role_required
from apps.applications.notices.selectors import confirmed_applications, ready_for_notice
from apps.applications.objections import DecisionForm, objection_decide, with_decision_forms
from apps.applications.workflow.offices import (
    NAMING_ROLES,
    acts_for_region,
    naming_levels_prime,
    naming_region,
    viewer_naming_level,
)
from apps.applications.workflow.states import Status, status_label
from apps.audit.services import audit_export
from apps.core.confirmation import confirmation_page, is_confirmed
from apps.core.excel import Column, xlsx_response, xlsx_table
from apps.core.official import in_official_language
from apps.core.pagination import NarrowPaginator
from apps.core.params import whole_number

from .forms import UPHELD, VERDICT_CHOICES, DepartmentForm, SendForm, answer_field_names
from .models import Consultation, ConsultationRequest, OpinionStatus, Verdict
from .selectors import (
    consultation_entries,
    consultation_list_for,
    consultation_matrix,
    department_list_for,
    departments_of,
    is_open,
    opinion_list_for,
    request_list_for,
    waiting_for,
)
from .services import Answer, answer_check, consultation_answer, consultation_send, department_save, opinion_handle


def _office_regions(user: User) -> list:
    """The regions whose own office the user is (the city's, or a county's): their departments are theirs."""
    return [region for region in regions_for(user, NAMING_ROLES) if acts_for_region(user, region)]


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@role_required(*NAMING_ROLES)
def consultation_list(request):
    page = NarrowPaginator(consultation_list_for(user=request.user), 20).get_page(request.GET.get("page"))
    for consultation in page:
        consultation.open = is_open(consultation, answered=consultation.answered, asked=consultation.asked)
    return render(request, "opinions/list.html", {"page": page, "today": timezone.localdate()})


@role_required(*NAMING_ROLES)
def consultation_send_view(request):
    """The office picks confirmed applications it is about to announce and the departments to ask."""
    regions = _office_regions(request.user)
    departments = [d for region in regions for d in departments_of(region, active_only=True)]
    confirmed = ready_for_notice(user=request.user)
    busy = waiting_for([a.pk for a in confirmed])
    candidates = [a for a in confirmed if a.pk not in busy]
    form = SendForm(request.POST or None, departments=departments)
    picked = set(request.POST.getlist("ids"))
    if request.method == "POST" and form.is_valid():
        ids = {number for v in picked if (number := whole_number(v)) is not None}
        chosen = [c for c in candidates if c.pk in ids]
        wanted = set(form.cleaned_data["departments"])
        chosen_departments = [d for d in departments if str(d.pk) in wanted]
        if not chosen:
            form.add_error(None, gettext("请至少选择一个%(confirmed)s、待公示的申报。") % {
                "confirmed": status_label(Status.CITY_CONFIRMED, viewer_naming_level(request.user))})
        elif not is_confirmed(request):
            return confirmation_page(
                request, question=gettext("确认发送征求部门意见？"), confirm_label=gettext("确认发送"),
                cancel_url=reverse("opinions:send"),
                summary=[(gettext("答复截止日期"), f"{form.cleaned_data['deadline']:%Y-%m-%d}"),
                         (gettext("征求意见的部门"), "、".join(d.name for d in chosen_departments))],
                items=[f"{c.region_name} · {c.unit_name}" for c in chosen],
            )
        else:
            applications = confirmed_applications(chosen)
            try:
                with transaction.atomic():
                    consultation = consultation_send(
                        region=naming_region(applications[0]), applications=applications,
                        departments=chosen_departments,
                        deadline=form.cleaned_data["deadline"], title=form.cleaned_data["title"],
                        note=form.cleaned_data["note"], by=request.user)
            except ValidationError as exc:
                _form_errors(form, exc)
            else:
                messages.success(request, gettext("已向 %(n)s 个部门征求意见，答复截止%(deadline)s。") % {
                    "n": len(chosen_departments), "deadline": date_format(consultation.deadline)})
                return redirect("opinions:detail", consultation.pk)
    return render(request, "opinions/send.html", {
        "form": form, "candidates": candidates, "busy": [a for a in confirmed if a.pk in busy], "picked": picked,
        "has_departments": bool(departments),
    }, status=400 if form.errors else 200)


@role_required(*NAMING_ROLES)
def consultation_detail(request, pk: int):
    return _consultation_page(request, get_object_or_404(consultation_list_for(user=request.user), pk=pk))


def _consultation_page(request, consultation: Consultation, *, refused: DecisionForm | None = None,
                       refused_key: int | None = None) -> HttpResponse:
    """The consultation's page; ``refused``: the decision form of department objection ``refused_key`` as posted."""
    matrix = consultation_matrix(consultation)
    naming_levels_prime(entry.application for entry, _cells in matrix.rows)
    return render(request, "opinions/detail.html", {
        "consultation": consultation, "matrix": matrix,
        "objections": with_decision_forms(matrix.objections, upheld=UPHELD, refused=refused, refused_key=refused_key),
        "open": is_open(consultation, answered=consultation.answered, asked=consultation.asked),
        "can_act": acts_for_region(request.user, consultation.region),
    })


@role_required(*NAMING_ROLES)
@in_official_language
def consultation_export(request, pk: int):
    """The consultation's answers as a workbook: one row per unit and department."""
    consultation = get_object_or_404(consultation_list_for(user=request.user), pk=pk)
    matrix = consultation_matrix(consultation)
    # Headers in Chinese whatever the session's language, as every export's.
    columns = [Column("县（市、区）", 12), Column("单位", 30), Column("单位类型", 12), Column("部门", 18),
               Column("意见", 10), Column("异议理由", 40, wrap=True), Column("处理结果", 12),
               Column("处理意见", 30, wrap=True), Column("答复时间", 18)]
    rows = []
    for entry, cells in matrix.rows:
        unit = entry.application.unit
        for req, opinion in cells:
            answered = timezone.localtime(req.answered_at).strftime("%Y-%m-%d %H:%M") if req.answered_at else ""
            rows.append([unit.region.name, unit.name, unit.get_kind_display(), req.department.name,
                         opinion.get_verdict_display() if opinion else "未答复",
                         opinion.reasons if opinion else "",
                         opinion.get_status_display() if opinion and opinion.status else "",
                         opinion.resolution if opinion else "", answered])
    content = xlsx_table(title=consultation.title, columns=columns, rows=rows,
                         caption=f"答复截止日期：{consultation.deadline:%Y-%m-%d}")
    audit_export(by=request.user, what=f"征求部门意见：{consultation.title}", rows=len(rows),
                 region_id=consultation.region_id)
    return xlsx_response(content, filename=f"consultation-{consultation.pk}.xlsx")


@role_required(*NAMING_ROLES)
@require_POST
def opinion_handle_view(request, pk: int):
    opinion = get_object_or_404(opinion_list_for(user=request.user), pk=pk, verdict=Verdict.OBJECTION)
    consultation = opinion.request.consultation
    return objection_decide(
        request, form=DecisionForm(request.POST, key=opinion.pk, upheld=UPHELD),
        may_act=acts_for_region(request.user, consultation.region),
        refused=gettext("该征求意见由其命名机关处理，您无权处理部门意见。"),
        question=gettext("确认部门意见处理结果“%(outcome)s”？"), unit=opinion.entry.application.unit.name,
        details=[(gettext("部门"), opinion.request.department.name)],
        decide=lambda upheld, resolution: opinion_handle(opinion=opinion, upheld=upheld, resolution=resolution,
                                                         by=request.user),
        done=gettext("部门意见已处理。"), back=reverse("opinions:detail", args=[consultation.pk]),
        refused_page=lambda form: _consultation_page(
            request, consultation_list_for(user=request.user).get(pk=consultation.pk), refused=form,
            refused_key=opinion.pk),
    )


def _people(region) -> list[User]:
    return list(User.objects.filter(memberships__role=Role.DEPARTMENT_STAFF, memberships__region=region,
                                    is_active=True).order_by("full_name", "username").distinct())


def _answer_confirmation(request, consultation_request: ConsultationRequest, entries: list,
                         answers: dict[int, Answer]):
    separator, labels = pgettext("label separator", "："), dict(VERDICT_CHOICES)
    return confirmation_page(
        request, question=gettext("确认提交意见？提交后不能修改。"), confirm_label=gettext("确认提交意见"),
        cancel_url=reverse("opinions:answer", args=[consultation_request.pk]),
        danger=any(answer.verdict == Verdict.OBJECTION for answer in answers.values()),
        summary=[(gettext("部门"), consultation_request.department.name), *(
            (entry.application.unit.name, str(labels[answers[entry.pk].verdict]) + (
                f"{separator}{answers[entry.pk].reasons.strip()}" if answers[entry.pk].verdict == Verdict.OBJECTION
                else "")) for entry in entries)],
    )


@role_required(*NAMING_ROLES)
def department_list(request):
    """The office's own list of departments it may consult, and their answering staff."""
    regions = _office_regions(request.user)
    region = regions[0] if regions else None
    form = DepartmentForm(request.POST or None, people=_people(region) if region else [])
    if request.method == "POST" and region is not None and form.is_valid():
        people = {str(u.pk): u for u in _people(region)}
        try:
            with transaction.atomic():
                department_save(region=region, name=form.cleaned_data["name"], by=request.user,
                                is_active=form.cleaned_data["is_active"],
                                staff=[people[pk] for pk in form.cleaned_data["staff"]])
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, gettext("部门已添加。"))
            return redirect("opinions:departments")
    departments = [d for r in regions for d in departments_of(r)]
    return render(request, "opinions/departments.html", {"departments": departments, "form": form,
                                                         "region": region}, status=400 if form.errors else 200)


@role_required(*NAMING_ROLES)
def department_edit(request, pk: int):
    department = get_object_or_404(department_list_for(user=request.user), pk=pk)
    can_act = acts_for_region(request.user, department.region)
    people = _people(department.region)
    initial = {"name": department.name, "is_active": department.is_active,
               "staff": [str(u.pk) for u in department.staff.all()]}
    form = DepartmentForm(request.POST or None, people=people, initial=initial)
    if request.method == "POST" and not can_act:
        form.is_valid()
        form.add_error(None, gettext("只有本级三方办公室可以维护征求意见部门。"))
    elif request.method == "POST" and form.is_valid():
        by_pk = {str(u.pk): u for u in people}
        try:
            with transaction.atomic():
                department_save(region=department.region, name=form.cleaned_data["name"], by=request.user,
                                department=department, is_active=form.cleaned_data["is_active"],
                                staff=[by_pk[pk] for pk in form.cleaned_data["staff"]])
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, gettext("部门信息已保存。"))
            return redirect("opinions:departments")
    return render(request, "opinions/department_edit.html", {"department": department, "form": form,
                                                             "can_act": can_act},
                  status=400 if form.errors else 200)


@role_required(Role.DEPARTMENT_STAFF)
def inbox(request):
    """A department's consultations: those awaiting its answer first."""
    page = NarrowPaginator(request_list_for(user=request.user), 20).get_page(request.GET.get("page"))
    return render(request, "opinions/inbox.html", {"page": page, "today": timezone.localdate()})


@role_required(Role.DEPARTMENT_STAFF)
def answer(request, pk: int):
    """The department records, per unit, 无异议 or an objection with its reasons; all at once, before the deadline."""
    consultation_request = get_object_or_404(request_list_for(user=request.user), pk=pk)
    consultation = consultation_request.consultation
    entries = list(consultation_entries(consultation))
    answered = {o.entry_id: o for o in consultation_request.opinions.all()}
    errors: dict[str, str] = {}
    general: list[str] = []
    if request.method == "POST":
        answers = {}
        for entry in entries:
            verdict_name, reasons_name = answer_field_names(entry.pk)
            verdict = request.POST.get(verdict_name, "")
            if verdict in Verdict.values:
                answers[entry.pk] = Answer(verdict=verdict, reasons=request.POST.get(reasons_name, "")[:3000])
        try:
            answer_check(request=consultation_request, entries=entries, answers=answers, by=request.user)
            if not is_confirmed(request):  # an answer is final: asked first, with every unit's verdict
                return _answer_confirmation(request, consultation_request, entries, answers)
            with transaction.atomic():
                consultation_answer(request=consultation_request, answers=answers, by=request.user)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                errors = {key: " ".join(value) for key, value in exc.message_dict.items()}
            else:
                general = exc.messages
        else:
            messages.success(request, gettext("意见已提交。"))
            return redirect("opinions:inbox")
    rows = []
    for entry in entries:
        verdict_name, reasons_name = answer_field_names(entry.pk)
        rows.append({"entry": entry, "verdict_name": verdict_name, "reasons_name": reasons_name,
                     "verdict": request.POST.get(verdict_name, ""), "reasons": request.POST.get(reasons_name, ""),
                     "error": errors.get(str(entry.pk), ""), "opinion": answered.get(entry.pk)})
    return render(request, "opinions/answer.html", {
        "req": consultation_request, "consultation": consultation, "rows": rows, "general": general,
        "choices": VERDICT_CHOICES, "closed": consultation.deadline < timezone.localdate(),
        "pending_status": OpinionStatus.PENDING,
    }, status=400 if errors or general else 200)
