"""Drawing a panel from the expert pool, replacing an expert who declines, and keeping the pool."""

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.models import Membership, Party, Role, User
from apps.applications.assessments.kept import application_pages_changed
from apps.applications.assessments.models import Application
from apps.applications.reviews import services as reviews
from apps.applications.reviews.models import CombinationRule, PanelMember
from apps.applications.workflow.queues import application_queues_changed
from apps.applications.workflow.states import Status
from apps.campaigns.selectors import panel_parties_required
from apps.core.draws import new_seed
from apps.regions.models import Region

from .models import Expert, ExpertDraw, ExpertRelation, pick

MAX_PER_PARTY = 5


def _normal(text: str) -> str:
    return "".join((text or "").split()).upper()


def pool_regions(region: Region) -> list[Region]:
    """The pools a county draws from: its own and its city's."""
    return [region, region.parent] if region.parent_id else [region]


def _unit_code(unit) -> str:
    enterprise = getattr(unit, "enterprise", None)
    return _normal(enterprise.uscc) if enterprise is not None else ""


def conflict_of(expert: Expert, application: Application, *, same_township: bool) -> str:
    """Why the expert may not review this application ("" when they may)."""
    unit = application.unit
    name, code = _normal(unit.name), _unit_code(unit)
    if _normal(expert.employer) == name:
        return _("本人工作单位")
    if code and _normal(expert.credit_code) == code:
        return _("同一统一社会信用代码")
    for relation in expert.relations.all():
        if _normal(relation.unit_name) == name or (code and _normal(relation.credit_code) == code):
            return _("申报的利害关系：%(relation)s") % {"relation": relation.relation}
    if same_township and expert.township_id and expert.township_id == unit.township_id:
        return _("同一乡镇(街道)")
    return ""


def _scorers(application: Application) -> dict[int, str]:
    """User id → party of the county's reviewers: who can sit on the panel and score in the portal."""
    return dict(Membership.objects.filter(role=Role.COUNTY_REVIEWER, region=application.unit.region,
                                          user__is_active=True).values_list("user_id", "party"))


def candidates_for(application: Application, parties: Iterable[str], *, same_township: bool,
                   exclude: Iterable[int] = ()) -> tuple[dict[str, list[int]], list[list]]:
    """Per party the experts who may be drawn, and the pool entries left out with the reason."""
    parties = list(parties)
    excluded_ids = set(exclude)
    scorers = _scorers(application)
    experts = (Expert.objects.filter(region__in=pool_regions(application.unit.region), party__in=parties,
                                     is_active=True)
               .prefetch_related("relations").order_by("pk"))
    candidates: dict[str, list[int]] = {party: [] for party in parties}
    excluded: list[list] = []
    for expert in experts:
        if expert.pk in excluded_ids:
            reason = _("本申报已抽取过")
        elif expert.user_id is None or scorers.get(expert.user_id) != expert.party:
            reason = _("无本县(市、区)该方评分账号")
        else:
            reason = conflict_of(expert, application, same_township=same_township)
        if reason:
            excluded.append([expert.pk, reason])
        else:
            candidates[expert.party].append(expert.pk)
    return candidates, excluded


def _short(candidates: dict[str, list[int]], per_party: int) -> None:
    missing = [str(Party(party).label) for party, ids in sorted(candidates.items()) if len(ids) < per_party]
    if missing:
        raise ValidationError(_("专家库中可抽取的专家不足：%(parties)s。请先补充专家库或手工选择成员。")
                              % {"parties": "、".join(missing)})


def panel_draw(*, application: Application, by: User, per_party: int = 1, same_township: bool = False,
               seed: str | None = None) -> ExpertDraw:
    """Draw the panel at random per required party, log the draw and form the panel from the drawn experts."""
    if not 1 <= per_party <= MAX_PER_PARTY:
        raise ValidationError(_("每方抽取人数应为 1 到 %(max)s 人。") % {"max": MAX_PER_PARTY})
    parties = panel_parties_required(region=application.unit.region, year=application.campaign_year.year)
    candidates, excluded = candidates_for(application, parties, same_township=same_township)
    _short(candidates, per_party)
    seed = seed or new_seed()
    chosen = pick(candidates, seed, per_party)
    with transaction.atomic():
        draw = ExpertDraw.objects.create(application=application, seed=seed, per_party=per_party,
                                         same_township_excluded=same_township, candidates=candidates,
                                         excluded=excluded, chosen=chosen, by=by)
        experts = Expert.objects.filter(pk__in=[pk for ids in chosen.values() for pk in ids]).select_related("user")
        reviews.panel_form(application=application, reviewers=[e.user for e in experts],
                           rule=CombinationRule.MEAN, by=by)
    return draw


def drawn_ids(application: Application) -> set[int]:
    """Every expert drawn for this application so far (a declined one is never drawn again for it)."""
    return {pk for chosen in ExpertDraw.objects.filter(application=application).values_list("chosen", flat=True)
            for ids in chosen.values() for pk in ids}


def expert_decline(*, application: Application, expert: Expert, by: User, reason: str,
                   seed: str | None = None) -> ExpertDraw:
    """A drawn expert cannot serve: draw again for their party only, they and earlier draws excluded."""
    if application.status != Status.COUNTY_REVIEW:
        raise ValidationError(_("只有县级评估中的申报可以替换专家。"))
    if expert.pk not in drawn_ids(application):
        raise ValidationError(_("该专家不是本申报抽取的专家。"))
    member = PanelMember.objects.filter(panel__application=application, user_id=expert.user_id).first()
    if member is None:
        raise ValidationError(_("该专家已不在评估组中。"))
    if member.sheet_submitted_at:
        raise ValidationError(_("该专家已提交评分表，不能替换。"))
    reason = reason.strip()[:200]
    if not reason:
        raise ValidationError(_("请填写专家不能参加的原因。"))
    last = ExpertDraw.objects.filter(application=application).order_by("created_at", "pk").first()
    same_township = bool(last and last.same_township_excluded)
    candidates, excluded = candidates_for(application, [expert.party], same_township=same_township,
                                          exclude=drawn_ids(application))
    _short(candidates, 1)
    seed = seed or new_seed()
    chosen = pick(candidates, seed, 1)
    with transaction.atomic():
        draw = ExpertDraw.objects.create(application=application, seed=seed, per_party=1,
                                         same_township_excluded=same_township, candidates=candidates,
                                         excluded=excluded, chosen=chosen, replaces=expert,
                                         decline_reason=reason, by=by)
        newcomer = Expert.objects.select_related("user").get(pk=chosen[expert.party][0])
        if PanelMember.objects.filter(panel=member.panel, user=newcomer.user).exists():
            raise ValidationError(_("抽中的专家已在评估组中。"))
        panel, is_recorder = member.panel, member.is_recorder
        member.delete()
        PanelMember.objects.create(panel=panel, user=newcomer.user, party=newcomer.party,
                                          is_recorder=is_recorder)
        application_pages_changed(application_ids=[application.pk])
        application_queues_changed(application=application)  # the newcomer's sheet waits on their workbench
    return draw


def relations_parse(text: str) -> list[tuple[str, str, str]]:
    """The declared relations typed one a line: 单位名称｜统一社会信用代码｜关系 (the code may be left empty)."""
    rows, problems = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.replace("｜", "|").split("|")]
        if len(parts) != 3 or not parts[0] or not parts[2]:
            problems.append(_("第 %(n)s 行应为“单位名称|统一社会信用代码|关系”，单位名称和关系必填。") % {"n": number})
            continue
        if parts[1] and len(parts[1]) != 18:
            problems.append(_("第 %(n)s 行的统一社会信用代码应为 18 位。") % {"n": number})
            continue
        rows.append((parts[0][:200], parts[1].upper(), parts[2][:100]))
    if problems:
        raise ValidationError(problems)
    return rows


def relations_text(expert: Expert) -> str:
    return "\n".join(f"{r.unit_name}|{r.credit_code}|{r.relation}" for r in expert.relations.all())


def expert_save(*, expert: Expert, relations: list[tuple[str, str, str]]) -> Expert:
    with transaction.atomic():
        expert.full_clean()
        expert.save()
        kept = {(r.unit_name, r.credit_code, r.relation): r for r in expert.relations.all()}
        for key, relation in kept.items():
            if key not in relations:
                relation.delete()
        for unit_name, code, text in relations:
            if (unit_name, code, text) not in kept:
                ExpertRelation.objects.create(expert=expert, unit_name=unit_name, credit_code=code, relation=text)
    return expert
