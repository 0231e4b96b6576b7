from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from apps.accounts.permissions import regions_for, role_required
from apps.applications.objections import DecisionForm, objection_decide, with_decision_forms
from apps.applications.workflow.offices import (
    NAMING_ROLES,
    acts_for_naming_office,
    acts_for_region,
    naming_levels_prime,
    naming_region,
)
from apps.applications.workflow.states import Status
from apps.campaigns.rules import rules_for
from apps.core.client_ip import client_ip
from apps.core.confirmation import confirmation_page, is_confirmed
from apps.core.official import in_official_language, official_response
from apps.core.params import whole_number
from apps.core.public_cache import GENERATION_KEY, public_page_kept

from .documents import naming_decision_document, naming_office_name, notice_document, recognitions_of_notice
from .forms import UPHELD, ObjectionForm, ProvinceDecisionForm, PublishForm
from .models import Notice
from .selectors import (
    awaiting_province,
    confirmed_applications,
    notice_candidates,
    notice_entries,
    notice_list_for,
    notice_rows,
    notices_public,
    objection_list_for,
    province_decision_list_for,
)
from .services import (
    notice_name_all,
    notice_publish,
    objection_file,
    objection_handle,
    province_decision_record,
    province_forward,
)

NOTICES_PER_PAGE = 20


@transaction.non_atomic_requests  # read-only and public: no BEGIN, no health check on a cache hit
def public_list(request):
    """Public: every notice that has started, newest first.

    The count and the page's rendered rows are kept per page, language and date (public_cache): the rows are the
    notices' titles and dates and whether each still runs today, which only a notice published (``notice_publish``
    moves the public pages' generation) or the date turning changes; objections and revocations show elsewhere."""
    asked = request.GET.get("page", "")
    total, number, shown = public_page_kept("notices", asked, build=_public_rows, generation_keys=[GENERATION_KEY])
    return render(request, "notices/public_list.html", {
        "page": Paginator(range(total), NOTICES_PER_PAGE).get_page(number),
        "rows": mark_safe(shown),  # our own template's output, escaped as it rendered
    })


def _public_rows(asked: str) -> tuple[int, int, str]:
    """The started notices' total, the page number shown and that page's rows rendered."""
    page = Paginator(notices_public(), NOTICES_PER_PAGE).get_page(asked)
    return page.paginator.count, page.number, render_to_string("notices/_public_rows.html",
                                                                {"page": page, "today": timezone.localdate()})


def _public_page(request, notice: Notice, form: ObjectionForm | None = None, status: int = 200):
    entries = list(notice_entries(notice))
    today = timezone.localdate()
    is_open = notice.starts_on <= today <= notice.ends_on
    if form is None and is_open:
        form = ObjectionForm(entries=[e for e in entries if e.application.status == Status.IN_NOTICE])
    return render(request, "notices/public_detail.html",
                  {"notice": notice, "rows": notice_rows(entries, year=notice.year), "form": form, "is_open": is_open,
                   "office": naming_office_name(notice.city, notice.year)},
                  status=status)


def public_detail(request, pk: int):
    """Public: the units in one notice, and the objection form while it runs."""
    return _public_page(request, get_object_or_404(notices_public(), pk=pk))


@ratelimit(key="ip", rate="5/h", method="POST", block=False)
@require_POST
def objection_create(request, pk: int):
    """Public: anyone may object during the notice; contact is required and the form is rate-limited per IP."""
    notice = get_object_or_404(notices_public(), pk=pk)
    entries = [e for e in notice.entries.select_related("application__unit")
               if e.application.status == Status.IN_NOTICE]
    form = ObjectionForm(request.POST, entries=entries)
    if getattr(request, "limited", False):
        form.is_valid()
        form.add_error(None, gettext("提交过于频繁，请一小时后再试。"))
        return _public_page(request, notice, form, status=429)
    if not form.is_valid():
        return _public_page(request, notice, form, status=400)
    entry = next(e for e in entries if e.pk == form.cleaned_data["entry"])
    try:
        objection_file(entry=entry, contact=form.cleaned_data["contact"], content=form.cleaned_data["content"],
                       name=form.cleaned_data["name"], ip_address=client_ip(request))
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)
        return _public_page(request, notice, form, status=400)
    messages.success(request, gettext("您的异议已提交，我们将核实处理并与您联系。"))
    return redirect("notices:public_detail", pk)


@role_required(*NAMING_ROLES)
def manage(request):
    confirmed, waiting = notice_candidates(user=request.user)
    today = timezone.localdate()
    days = rules_for(region=regions_for(request.user, NAMING_ROLES)[0], year=today.year).notice_working_days
    form = PublishForm(request.POST or None, initial={"starts_on": today, "working_days": days})
    if request.method == "POST" and form.is_valid():
        ids = {number for v in request.POST.getlist("ids") if (number := whole_number(v)) is not None}
        chosen = [c for c in confirmed if c.pk in ids]
        if chosen and not is_confirmed(request):
            data = form.cleaned_data
            return confirmation_page(
                request, question=gettext("确认发布公示？"), confirm_label=gettext("确认发布"),
                cancel_url=reverse("notices:manage"),
                summary=[(gettext("公示标题"), data["title"]),
                         (gettext("公示开始日期"), f"{data['starts_on']:%Y-%m-%d}"),
                         (gettext("公示期（工作日）"), data["working_days"]),
                         (gettext("受理异议联系方式"), data["contact"])],
                items=[f"{c.region_name} · {c.unit_name}" for c in chosen],
                warning=gettext("公示发布后即在公开页面展示，不能撤回。"),
            )
        applications = confirmed_applications(chosen)
        city = naming_region(applications[0]) if applications else regions_for(request.user, NAMING_ROLES)[0]
        try:
            with transaction.atomic():
                notice = notice_publish(city=city, applications=applications, by=request.user,
                                        **form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, gettext("公示已发布，截止日期 %(day)s。") % {"day": date_format(notice.ends_on)})
            return redirect("notices:manage_detail", notice.pk)
    page = Paginator(notice_list_for(user=request.user), 20).get_page(request.GET.get("page"))
    return render(request, "notices/manage.html", {"form": form, "confirmed": confirmed, "page": page,
                                                   "picked": set(request.POST.getlist("ids")),
                                                   "awaiting_province": waiting})


@never_cache
@role_required(*NAMING_ROLES)
def manage_detail(request, pk: int):
    return _manage_detail_page(request, get_object_or_404(notice_list_for(user=request.user), pk=pk))


def _manage_detail_page(request, notice: Notice, *, refused: DecisionForm | None = None,
                        refused_key: int | None = None) -> HttpResponse:
    """The notice's management page; ``refused``: the decision form of objection ``refused_key`` as posted."""
    objections = objection_list_for(user=request.user).filter(entry__notice=notice).select_related("handled_by")
    entries = list(notice_entries(notice))
    naming_levels_prime(entry.application for entry in entries)
    return render(request, "notices/manage_detail.html", {
        "notice": notice, "entries": entries, "has_decision": recognitions_of_notice(notice).exists(),
        "objections": with_decision_forms(objections, upheld=UPHELD, refused=refused, refused_key=refused_key),
        "ended": notice.ends_on < timezone.localdate(), "can_act": acts_for_region(request.user, notice.city),
        "to_name": any(entry.application.status == Status.IN_NOTICE for entry in entries),
    })


@role_required(*NAMING_ROLES)
@require_POST
def objection_handle_view(request, pk: int):
    objection = get_object_or_404(objection_list_for(user=request.user), pk=pk)
    notice = objection.entry.notice
    return objection_decide(
        request, form=DecisionForm(request.POST, key=objection.pk, upheld=UPHELD),
        may_act=acts_for_region(request.user, notice.city),
        refused=gettext("该公示由其命名机关处理，您无权处理其异议。"),
        question=gettext("确认异议处理结果“%(outcome)s”？"), unit=objection.entry.application.unit.name,
        decide=lambda upheld, resolution: objection_handle(objection=objection, upheld=upheld,
                                                           resolution=resolution, by=request.user),
        done=gettext("异议已处理。"), back=reverse("notices:manage_detail", args=[notice.pk]),
        refused_page=lambda form: _manage_detail_page(request, notice, refused=form, refused_key=objection.pk),
    )


@never_cache
@role_required(*NAMING_ROLES)
@in_official_language
def notice_file(request, pk: int, fmt: str):
    """The notice as an official document (PDF or Word) for the office to finish and stamp."""
    notice = get_object_or_404(notice_list_for(user=request.user), pk=pk)
    return official_response("public_notice", notice_document(notice), fmt=fmt, filename=notice.title)


@never_cache
@role_required(*NAMING_ROLES)
@in_official_language
def decision_file(request, pk: int, fmt: str):
    """The naming decision with the list of the units named from this notice; 404 until one is named."""
    notice = get_object_or_404(notice_list_for(user=request.user), pk=pk)
    recognitions = list(recognitions_of_notice(notice))
    if not recognitions:
        raise Http404
    document = naming_decision_document(notice, recognitions)
    return official_response("naming_decision", document, fmt=fmt, filename=document.title)


@role_required(*NAMING_ROLES)
@require_POST
def name_all(request, pk: int):
    notice = get_object_or_404(notice_list_for(user=request.user), pk=pk)
    if not acts_for_region(request.user, notice.city):
        messages.error(request, gettext("该公示由其命名机关命名，您无权办理。"))
        return redirect("notices:manage_detail", pk)
    if not is_confirmed(request):
        entries = [e for e in notice_entries(notice) if e.application.status == Status.IN_NOTICE]
        if not entries:  # all named or sent back already: nothing to confirm
            messages.info(request, gettext("本公示中已没有待命名的单位。"))
            return redirect("notices:manage_detail", pk)
        blocked = gettext("（有未处理或成立的异议，不会命名）")
        return confirmation_page(
            request, question=gettext("确认公示期满，予以命名？"), confirm_label=gettext("确认命名"),
            cancel_url=reverse("notices:manage_detail", args=[pk]), summary=[(gettext("公示"), notice.title)],
            items=[e.application.unit.name + (blocked if e.pending or e.upheld else "") for e in entries],
            warning=gettext("命名后将生成证书编号并在证书查验页公开。"),
        )
    named, skipped = notice_name_all(notice=notice, by=request.user)
    messages.success(request, gettext("已命名 %(n)s 家单位。") % {"n": named})
    for line in skipped:
        messages.error(request, line)
    return redirect("notices:manage_detail", pk)




@role_required(*NAMING_ROLES)
def province(request):
    """Where the province decides: forward confirmed applications, then record each decision and its number."""
    rows = awaiting_province(user=request.user)
    return render(request, "notices/province.html", {
        "unforwarded": [a for a in rows if a.province_decision_id is None],
        "pending": [a for a in rows if a.province_decision_id is not None],
    })


@role_required(*NAMING_ROLES)
@require_POST
def province_forward_view(request):
    ids = {number for v in request.POST.getlist("ids") if (number := whole_number(v)) is not None}
    chosen = [c for c in awaiting_province(user=request.user) if c.pk in ids and c.province_decision_id is None]
    if not chosen:
        messages.error(request, gettext("请先勾选要报送省级审定的申报。"))
        return redirect("notices:province")
    if not is_confirmed(request):
        return confirmation_page(
            request, question=gettext("确认将 %(n)s 家单位报送省级审定？") % {"n": len(chosen)},
            confirm_label=gettext("确认报送"), cancel_url=reverse("notices:province"),
            items=[f"{c.region_name} · {c.unit_name}" for c in chosen],
        )
    try:
        with transaction.atomic():
            province_forward(applications=confirmed_applications(chosen), by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, gettext("已报送省级审定 %(n)s 家单位，请在省级作出决定后登记结果和文号。")
                         % {"n": len(chosen)})
    return redirect("notices:province")


@role_required(*NAMING_ROLES)
def province_record(request, pk: int):
    decision = get_object_or_404(province_decision_list_for(user=request.user), pk=pk)
    if not acts_for_naming_office(request.user, decision.application):
        raise PermissionDenied
    form = ProvinceDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                province_decision_record(decision=decision, passed=data["outcome"] == "passed",
                                         document_number=data["document_number"], decided_on=data["decided_on"],
                                         note=data["note"], by=request.user)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
        else:
            messages.success(request, gettext("省级审定结果已登记。"))
            return redirect("notices:province")
    return render(request, "notices/province_record.html", {"decision": decision, "form": form},
                  status=400 if form.errors else 200)
