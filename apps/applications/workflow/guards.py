"""What must hold before a move: each guard takes the locked application and returns sentences in the reader's
language, empty when fine.

Also the narrower tests of the actor (``may_decide``) and the predicates the screens share with the table
(``precheck_applies``). They run inside ``application_transition`` on the locked row.
"""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext

from apps.accounts.models import Role, User
from apps.accounts.permissions import in_jurisdiction, memberships_of
from apps.applications.assessments.models import Application
from apps.applications.assessments.selectors import application_rules, application_score, standard_with_items
from apps.applications.notices.models import ProvinceDecision, ProvinceOutcome
from apps.applications.notices.selectors import naming_blockers
from apps.applications.opinions.selectors import consultation_problems, upheld_objection_problems
from apps.applications.recognitions.models import RecognitionStatus
from apps.applications.reviews.models import LevelScore, PanelMember, ScoreLevel
from apps.applications.reviews.results import comparison
from apps.campaigns.services import OutsideWindow, campaign_window_check
from apps.standards.scoring import fmt_score

from .offices import application_policy
from .states import Status


def editing_phase(application: Application) -> str:
    """The campaign phase whose window bounds changes to ``application``.

    A draft is filled during self-evaluation; an application the county
    returned is revised while the county review is still running, so it may
    be changed and resubmitted until the county review deadline.
    """
    return "county_review" if application.status == Status.RETURNED else "self_evaluation"


def editing_window_check(*, application: Application) -> None:
    """Raise OutsideWindow (its message carries the dates) when today is outside the editing window."""
    campaign_window_check(campaign_year=application.campaign_year, phase=editing_phase(application),
                          today=timezone.localdate())


def submission_problems(application: Application) -> list[str]:
    """Every reason the application cannot be submitted now, each a sentence a person can act on."""
    problems: list[str] = []
    try:
        editing_window_check(application=application)
    except OutsideWindow as exc:
        problems.extend(exc.messages)
    standard = standard_with_items(application.standard_id)
    result = application_score(application, standard)
    sep = pgettext("list separator", "、")
    if result.missing:
        shown = sep.join(result.missing[:10]) + (gettext("等") if len(result.missing) > 10 else "")
        problems.append(gettext("还有 %(count)s 个条目未填写：%(items)s。")
                        % {"count": len(result.missing), "items": shown})
    if result.veto_hit:
        problems.append(gettext("一票否决项 %(codes)s 选择了“是”，不能申报。") % {"codes": sep.join(result.vetoes_hit)})
    if not result.reaches_pass_line:
        problems.append(gettext("自评总分 %(total)s 分，未达到达标线 %(pass_line)s 分，不能申报。")
                        % {"total": fmt_score(result.total), "pass_line": fmt_score(result.pass_line)})
    for line in result.sub_lines:
        if not line.met:
            problems.append(gettext("“%(name)s”得分 %(score)s 分，未达到该分项最低分 %(minimum)s 分。")
                            % {"name": line.name, "score": fmt_score(line.score), "minimum": fmt_score(line.minimum)})
    present = set(application.evidence.filter(withdrawn_at__isnull=True).values_list("kind", flat=True))
    for required in application_rules(application).required_evidence(application.unit.kind):
        if required.kind not in present:
            problems.append(gettext("缺少必传材料：%(label)s。") % {"label": required.label})
    return problems


def precheck_applies(application: Application) -> bool:
    """The township pre-check (测评) is a step only when the policy in force uses it and the unit lies in a township.

    Only for the first submission: a revision resubmitted after the county returned it goes back to the county.
    """
    return bool(application.unit.township_id and application.revision <= 1
                and application_rules(application).township_precheck)


def precheck_problems(application: Application) -> list[str]:
    if not application_rules(application).township_precheck:
        return [gettext("%(year)s年度未启用乡镇(街道)测评，申报直接由县级评估验收。")
                % {"year": application.campaign_year.year}]
    if not application.unit.township_id:
        return [gettext("该单位未登记所属乡镇(街道)，申报直接由县级评估验收。")]
    if application.revision > 1:
        return [gettext("该申报是退回修改后重新提交的，由县级直接重新评估。")]
    return []


def precheck_pending(application: Application) -> list[str]:
    if precheck_applies(application):
        return [gettext("本年度启用乡镇(街道)测评：请待乡镇(街道)测评完成并报送县级后，再组建评估组。")]
    return []


def files_for_unit(user: User, application: Application) -> bool:
    """The unit's own representative; or, for an application opened on the unit's behalf, the staff over it
    (the row's scope has already checked their role and jurisdiction)."""
    if any(m.role == Role.UNIT_REP and m.unit_id == application.unit_id for m in memberships_of(user)):
        return True
    return application.on_behalf


def may_decide(user: User, application: Application) -> bool:
    """County decisions are taken by the county tripartite office or, for the panel, by its recorder.

    A reviewer who is not the recorder scores and inspects but does not decide alone.
    """
    if in_jurisdiction(user, application.unit.region, [Role.COUNTY_ADMIN]):
        return True
    return PanelMember.objects.filter(panel__application=application, user=user, is_recorder=True).exists()


def approval_problems(application: Application) -> list[str]:
    """Why the county may not approve yet: the panel, its sheets, the pass line and every level's vetoes."""
    data = comparison(application)
    if data.panel is None:
        return [gettext("尚未组建三方评估组。")]
    problems = []
    sep = pgettext("list separator", "、")
    waiting = [str(m.user) for m in data.members if m.sheet_submitted_at is None]
    if waiting:
        problems.append(gettext("以下评估人员尚未提交评分表：%(names)s。") % {"names": sep.join(waiting)})
    result = data.panel_result
    if result.missing:
        problems.append(gettext("评估组合成得分还缺 %(count)s 个条目：%(items)s。")
                        % {"count": len(result.missing), "items": sep.join(result.missing[:10])})
    if data.vetoes:
        problems.append(gettext("一票否决项 %(codes)s 在某一层级被判定为“是”，不能通过，应作“未通过”处理。")
                        % {"codes": sep.join(data.vetoes)})
    if not result.missing and not result.reaches_pass_line:
        problems.append(gettext("评估组得分 %(total)s 分，未达到达标线 %(pass_line)s 分。")
                        % {"total": fmt_score(result.total), "pass_line": fmt_score(result.pass_line)})
    for line in result.sub_lines:
        if not result.missing and not line.met:
            problems.append(gettext("“%(name)s”得分 %(score)s 分，未达到最低分 %(minimum)s 分。")
                            % {"name": line.name, "score": fmt_score(line.score), "minimum": fmt_score(line.minimum)})
    return problems


def city_veto_problems(application: Application) -> list[str]:
    vetoes = LevelScore.objects.filter(application=application, level=ScoreLevel.CITY, value="yes",
                                       criterion__kind="veto").values_list("criterion__code", flat=True)
    codes = list(vetoes)
    if not codes:
        return []
    return [gettext("市级抽查认定一票否决项 %(codes)s 为“是”，不能确认。")
            % {"codes": pgettext("list separator", "、").join(codes)}]


def _province_decision(application: Application) -> ProvinceDecision | None:
    return ProvinceDecision.objects.filter(application=application).order_by("-forwarded_at", "-pk").first()


def province_decision_problems(application: Application) -> list[str]:
    """Where the province decides, the notice waits for its recorded decision that the unit reaches the standard."""
    policy = application_policy(application)
    if policy is None or not policy.province_decides:
        return []
    decision = _province_decision(application)
    if decision is None:
        return [gettext("本地实行省级审定：请先将该申报报送省级，登记省级审定通过的决定及文号后再公示、命名。")]
    if decision.outcome == ProvinceOutcome.PENDING:
        return [gettext("已于%(day)s报送省级，尚未登记省级审定结果。")
                % {"day": date_format(timezone.localtime(decision.forwarded_at))}]
    if decision.outcome != ProvinceOutcome.PASSED:
        return [gettext("省级审定未通过（%(number)s），不能公示、命名。") % {"number": decision.document_number}]
    return []


def department_opinion_problems(application: Application) -> list[str]:
    """Where the office consulted departments (征求部门意见), the notice waits for their answers (opinions)."""
    return consultation_problems(application)


def department_objection_upheld(application: Application) -> list[str]:
    return upheld_objection_problems(application)


def province_rejection_problems(application: Application) -> list[str]:
    """Only a recorded decision of the province that the unit does not reach the standard ends it here."""
    decision = _province_decision(application)
    if decision is None or decision.outcome != ProvinceOutcome.NOT_PASSED:
        return [gettext("尚未登记省级审定未通过的决定。")]
    return []


def naming_problems(application: Application) -> list[str]:
    return naming_blockers(application=application)


def title_still_valid(application: Application) -> list[str]:
    recognition = getattr(application, "recognition", None)
    if recognition is not None and recognition.valid_until is None:
        return [gettext("称号不设固定有效期，不会到期。")]
    if recognition is not None and recognition.valid_until >= timezone.localdate():
        return [gettext("称号有效期至%(day)s，尚未到期。") % {"day": date_format(recognition.valid_until)}]
    return []


def renewal_title_problems(application: Application) -> list[str]:
    """A renewal (复审) goes on only while its title does: valid, and, for its first submission, not yet ended."""
    if not application.is_renewal:
        return []
    title = application.renews
    if title.status != RecognitionStatus.VALID:
        return [gettext("复审的称号（证书编号 %(number)s）%(status)s，不能继续复审。")
                % {"number": title.number, "status": title.get_status_display()}]
    if (application.status == Status.DRAFT and title.valid_until is not None
            and title.valid_until < timezone.localdate()):
        return [gettext("称号已于%(day)s到期，复审须在到期前提交。") % {"day": date_format(title.valid_until)}]
    return []
