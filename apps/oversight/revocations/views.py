from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from apps.accounts.permissions import role_required
from apps.accounts.roles import ADMIN_ROLES
from apps.applications.recognitions.selectors import recognition_list_for
from apps.core.confirmation import confirmation_page, is_confirmed
from apps.core.official import in_official_language, official_response
from apps.core.public_cache import public_page_kept

from .documents import revocation_notice_document
from .forms import CaseConfirmForm, CaseDismissForm, ConsentForm, PlaqueForm, ProposalForm, RevocationRuleForm
from .models import CaseStatus, RevocationCase
from .permissions import RULE_ROLES, may_decide_case, may_propose_revocation
from .selectors import (
    NOTICE_GENERATION_KEYS,
    cities_for_rules,
    public_revocation_notices,
    revocation_case_list_for,
    revocation_chain,
    revocation_notice_texts,
    revocation_rule_list_for,
)
from .services import (
    revocation_case_confirm,
    revocation_case_dismiss,
    revocation_case_plaque_record,
    revocation_consent_record,
    revocation_propose,
    revocation_rule_save,
)


@role_required(*RULE_ROLES)
def rule_list(request: HttpRequest) -> HttpResponse:
    rules = revocation_rule_list_for(user=request.user).order_by("city__name", "name", "pk")
    page = Paginator(rules, 50).get_page(request.GET.get("page"))
    return render(request, "revocations/rules.html", {"page": page})


@role_required(*RULE_ROLES)
def rule_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    rule = get_object_or_404(revocation_rule_list_for(user=request.user), pk=pk) if pk else None
    cities = cities_for_rules(user=request.user)
    if rule is None and not cities:
        raise Http404
    initial = {"is_active": True, "min_count": 1}
    if rule is not None:
        initial = {name: getattr(rule, name) for name in
                   ("name", "kinds", "min_severity", "min_count", "window_days", "is_active")}
    form = RevocationRuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            revocation_rule_save(rule=rule, city=rule.city if rule else cities[0], data=form.cleaned_data,
                                 by=request.user)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("规则已保存，将在下一次检查时生效。"))
            return redirect("revocations:rules")
    title = _("修改取消命名规则") if rule else _("新增取消命名规则")
    return render(request, "risks/form.html", {"form": form, "title": title,
                                               "back_url": reverse("revocations:rules")},
                  status=400 if form.errors else 200)


@role_required(*ADMIN_ROLES)
def case_list(request: HttpRequest) -> HttpResponse:
    cases = revocation_case_list_for(user=request.user)
    status = request.GET.get("status", CaseStatus.OPEN)
    if status in CaseStatus.values:
        cases = cases.filter(status=status)
    page = Paginator(cases.order_by("-opened_at", "-pk"), 25).get_page(request.GET.get("page"))
    return render(request, "revocations/cases.html", {
        "page": page, "statuses": CaseStatus.choices, "status": status, "query": f"status={status}",
    })


def _decidable_case(request: HttpRequest, pk: int) -> RevocationCase:
    """A case in the user's jurisdiction (else 404) that their office decides under the policy (else 403)."""
    case = get_object_or_404(revocation_case_list_for(user=request.user), pk=pk)
    if not may_decide_case(request.user, case):
        raise PermissionDenied
    return case


def _case_page(request: HttpRequest, case: RevocationCase, **forms) -> HttpResponse:
    can_decide = may_decide_case(request.user, case)
    chain = revocation_chain(case)
    context = {
        "chain": chain,
        "consent_form": forms.get("consent_form") or ConsentForm(prefix="consent", choices=chain.missing_choices),
        "case": case, "events": case.events.order_by("occurred_on"), "log": case.log.select_related("by"),
        "can_decide": can_decide and case.status == CaseStatus.OPEN,
        "can_record_plaque": can_decide and case.status == CaseStatus.CONFIRMED,
        "confirm_form": forms.get("confirm_form") or CaseConfirmForm(prefix="confirm"),
        "dismiss_form": forms.get("dismiss_form") or CaseDismissForm(prefix="dismiss"),
        "plaque_form": forms.get("plaque_form") or PlaqueForm(prefix="plaque"),
    }
    return render(request, "revocations/case_detail.html", context, status=400 if forms else 200)


@role_required(*ADMIN_ROLES)
def case_propose(request: HttpRequest, recognition_pk: int) -> HttpResponse:
    """An office proposes revoking a title of its jurisdiction; only the level the policy names may (else 403)."""
    recognition = get_object_or_404(recognition_list_for(user=request.user, semi_join=True), pk=recognition_pk)
    if not may_propose_revocation(request.user, recognition):
        raise PermissionDenied
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and not is_confirmed(request):
        return confirmation_page(
            request, question=_("确认提出取消“%(unit)s”的命名？") % {"unit": recognition.unit.name},
            confirm_label=_("确认提出"), cancel_url=reverse("revocations:propose", args=[recognition_pk]),
            summary=[(_("称号"), f"{recognition.full_title}（{recognition.number}）"),
                     (_("提出取消命名的理由和依据"), form.cleaned_data["reason"])],
        )
    if request.method == "POST" and form.is_valid():
        try:
            case = revocation_propose(recognition=recognition, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("已提出取消命名，等待决定机关处理。"))
            return redirect("revocations:case", pk=case.pk)
    return render(request, "revocations/propose.html", {"recognition": recognition, "form": form},
                  status=400 if form.errors else 200)


@role_required(*ADMIN_ROLES)
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _case_page(request, get_object_or_404(revocation_case_list_for(user=request.user), pk=pk))


@never_cache
@role_required(*ADMIN_ROLES)
@in_official_language
def case_notice_file(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The revocation notice as an official document (PDF or Word); only once the title is revoked."""
    case = get_object_or_404(revocation_case_list_for(user=request.user).filter(status=CaseStatus.CONFIRMED), pk=pk)
    document = revocation_notice_document(case)
    return official_response("revocation_notice", document, fmt=fmt, filename=document.title)


@require_POST
@role_required(*ADMIN_ROLES)
def case_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    case = _decidable_case(request, pk)
    form = CaseConfirmForm(request.POST, prefix="confirm")
    if form.is_valid() and not is_confirmed(request):
        data = form.cleaned_data
        return confirmation_page(
            request, question=_("确认取消“%(unit)s”的命名？") % {"unit": case.recognition.unit.name},
            confirm_label=_("确认取消命名"), danger=True, cancel_url=reverse("revocations:case", args=[pk]),
            summary=[(_("称号"), f"{case.recognition.full_title}（{case.recognition.number}）"),
                     (_("取消命名的理由和依据"), data["reason"]),
                     (_("铭牌收回日期"), data["plaque_recovered_on"] and f"{data['plaque_recovered_on']:%Y-%m-%d}"),
                     (_("铭牌收回情况"), data["plaque_note"])],
            warning=_("取消命名后，证书查验页显示已取消，相关激励措施终止，单位列入取消命名公告。"),
        )
    if form.is_valid():
        try:
            revocation_case_confirm(case=case, by=request.user, reason=form.cleaned_data["reason"],
                                    plaque_recovered_on=form.cleaned_data["plaque_recovered_on"],
                                    plaque_note=form.cleaned_data["plaque_note"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("已取消命名，证书查验页和公告已更新，相关激励已终止。"))
            return redirect("revocations:case", pk=pk)
    return _case_page(request, case, confirm_form=form)


@require_POST
@role_required(*ADMIN_ROLES)
def case_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    case = _decidable_case(request, pk)
    form = CaseDismissForm(request.POST, prefix="dismiss")
    if form.is_valid() and not is_confirmed(request):
        return confirmation_page(
            request, question=_("确认不予取消“%(unit)s”的命名？") % {"unit": case.recognition.unit.name},
            confirm_label=_("确认不予取消"), cancel_url=reverse("revocations:case", args=[pk]),
            summary=[(_("称号"), f"{case.recognition.full_title}（{case.recognition.number}）"),
                     (_("不予取消的理由"), form.cleaned_data["reason"])],
        )
    if form.is_valid():
        try:
            revocation_case_dismiss(case=case, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("已决定不予取消命名。"))
            return redirect("revocations:case", pk=pk)
    return _case_page(request, case, dismiss_form=form)


@require_POST
@role_required(*ADMIN_ROLES)
def case_plaque(request: HttpRequest, pk: int) -> HttpResponse:
    case = _decidable_case(request, pk)
    form = PlaqueForm(request.POST, prefix="plaque")
    if form.is_valid():
        try:
            revocation_case_plaque_record(case=case, by=request.user, recovered_on=form.cleaned_data["recovered_on"],
                                          note=form.cleaned_data["note"])
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("已登记铭牌收回。"))
            return redirect("revocations:case", pk=pk)
    return _case_page(request, case, plaque_form=form)


@require_POST
@role_required(*ADMIN_ROLES)
def case_consent(request: HttpRequest, pk: int) -> HttpResponse:
    case = _decidable_case(request, pk)
    form = ConsentForm(request.POST, prefix="consent", choices=revocation_chain(case).missing_choices)
    if form.is_valid():
        try:
            revocation_consent_record(case=case, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error.messages)
        else:
            messages.success(request, _("上级意见已登记。"))
            return redirect("revocations:case", pk=pk)
    return _case_page(request, case, consent_form=form)


NOTICES_PER_PAGE = 25


@transaction.non_atomic_requests  # read-only and public: no BEGIN, no health check on a cache hit
def public_notices(request: HttpRequest) -> HttpResponse:
    """Public by policy: revoked titles are announced to society (向社会公布), each in its locality's wording.

    The count and the page's rendered rows are kept per page (public_cache): confirming a revocation, changing a
    policy's wording or renaming a unit drops them (``NOTICE_GENERATION_KEYS``)."""
    asked = request.GET.get("page", "")
    total, number, shown = public_page_kept("revocation-notices", asked, build=_notice_rows,
                                            generation_keys=NOTICE_GENERATION_KEYS)
    return render(request, "revocations/public_notices.html", {
        "page": Paginator(range(total), NOTICES_PER_PAGE).get_page(number),
        "rows": mark_safe(shown),  # our own template's output, escaped as it rendered
    })


def _notice_rows(asked: str) -> tuple[int, int, str]:
    """The notices' total, the page number shown and that page's rows rendered."""
    page = Paginator(public_revocation_notices(), NOTICES_PER_PAGE).get_page(asked)
    rows = list(zip(page, revocation_notice_texts(list(page)), strict=True))
    return page.paginator.count, page.number, render_to_string("revocations/_public_notice_rows.html",
                                                                {"rows": rows})
