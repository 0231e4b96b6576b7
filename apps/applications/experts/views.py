from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from apps.accounts.models import Party, Role
from apps.accounts.permissions import regions_for, role_required
from apps.applications.reviews.selectors import review_application_list_for
from apps.applications.reviews.services import may_review_in
from apps.audit.services import audit_export
from apps.core.excel import xlsx_response
from apps.core.official import in_official_language
from apps.core.pagination import OneQueryPaginator

from . import services
from .export import draws_xlsx, experts_xlsx
from .forms import DeclineForm, DrawForm, ExpertForm
from .models import Expert
from .selectors import POOL_ROLES, draw_list_for, expert_list_for

EXPORT_LIMIT = 5000


def _party(request) -> str:
    party = request.GET.get("party", "")
    return party if party in Party.values else ""


@role_required(*POOL_ROLES)
def expert_list(request):
    party = _party(request)
    page = OneQueryPaginator(expert_list_for(user=request.user, party=party), 50).get_page(request.GET.get("page"))
    return render(request, "experts/list.html", {
        "page": page, "party": party, "parties": Party.choices, "query": f"party={party}" if party else "",
    })


@role_required(*POOL_ROLES)
@in_official_language
def expert_export(request):
    rows = list(expert_list_for(user=request.user, party=_party(request)).prefetch_related("relations")[:EXPORT_LIMIT])
    content = experts_xlsx(rows)
    audit_export(by=request.user, what="评估专家库", rows=len(rows))
    return xlsx_response(content, filename="评估专家库.xlsx")


def _edit_page(request, *, expert: Expert, region):
    form = ExpertForm(request.POST or None, instance=expert, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            services.expert_save(expert=form.save(commit=False), relations=form.cleaned_data["relations"])
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("专家信息已保存。"))
            return redirect("experts:list")
    return render(request, "experts/edit.html", {"form": form, "expert": expert, "region": region},
                  status=400 if form.errors else 200)


@role_required(*POOL_ROLES)
def expert_add(request):
    regions = regions_for(request.user, POOL_ROLES)
    if not regions:
        raise Http404
    return _edit_page(request, expert=Expert(region=regions[0]), region=regions[0])


@role_required(*POOL_ROLES)
def expert_edit(request, pk: int):
    expert = get_object_or_404(expert_list_for(user=request.user), pk=pk)
    return _edit_page(request, expert=expert, region=expert.region)


@role_required(*POOL_ROLES)
def draw_list(request):
    page = OneQueryPaginator(draw_list_for(user=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "experts/draws.html", {"page": page})


@never_cache
@role_required(*POOL_ROLES)
@in_official_language
def draw_export(request):
    """The draw log as Excel, every draw: seed, candidates, exclusions and the experts drawn."""
    draws = draw_list_for(user=request.user).select_related("application__unit__region")
    audit_export(by=request.user, what="专家抽取记录", rows=draws.count())
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return xlsx_response(draws_xlsx(draws), filename=f"expert-draws-{stamp}.xlsx")


@role_required(*POOL_ROLES)
def draw_detail(request, pk: int):
    draw = get_object_or_404(draw_list_for(user=request.user), pk=pk)
    ids = {pk for ids in draw.candidates.values() for pk in ids} | {row[0] for row in draw.excluded}
    experts = Expert.objects.in_bulk(ids)
    chosen = {pk for ids in draw.chosen.values() for pk in ids}
    candidates = [(str(Party(party).label), [(experts.get(pk), pk in chosen) for pk in ids])
                  for party, ids in sorted(draw.candidates.items())]
    excluded = [(experts.get(pk), reason) for pk, reason in draw.excluded]
    return render(request, "experts/draw_detail.html", {"draw": draw, "candidates": candidates,
                                                        "excluded": excluded})


def _application(request, pk: int):
    application = get_object_or_404(review_application_list_for(user=request.user), pk=pk)
    if not may_review_in(request.user, application, Role.COUNTY_ADMIN):
        raise Http404
    return application


@role_required(Role.COUNTY_ADMIN)
@require_POST
def panel_draw(request, pk: int):
    application = _application(request, pk)
    form = DrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("每方抽取人数应为 1 到 %(max)s 人。") % {"max": services.MAX_PER_PARTY})
        return redirect("reviews:detail", pk)
    try:
        with transaction.atomic():
            draw = services.panel_draw(application=application, by=request.user,
                                       per_party=form.cleaned_data["per_party"],
                                       same_township=form.cleaned_data["same_township"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已随机抽取专家组建评估组（随机种子 %(seed)s），已通知各成员评分。")
                         % {"seed": draw.seed})
    return redirect("reviews:detail", pk)


@role_required(Role.COUNTY_ADMIN)
@require_POST
def expert_decline(request, pk: int):
    application = _application(request, pk)
    form = DeclineForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("请填写专家不能参加的原因。"))
        return redirect("reviews:detail", pk)
    expert = Expert.objects.filter(pk=form.cleaned_data["expert"]).first()
    try:
        if expert is None:
            raise ValidationError(_("该专家不是本申报抽取的专家。"))
        with transaction.atomic():
            draw = services.expert_decline(application=application, expert=expert, by=request.user,
                                           reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("已为%(party)s重新抽取专家（随机种子 %(seed)s）。")
                         % {"party": expert.get_party_display(), "seed": draw.seed})
    return redirect("reviews:detail", pk)
