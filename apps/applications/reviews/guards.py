"""Checks, effects and recipients the application workflow calls for the review, notice and naming steps.

They are referenced from the transition table in apps/applications/assessments/workflow.py
and run inside ``application_transition`` on the locked row.
"""

from collections.abc import Iterable

from django.db.models import QuerySet

from apps.accounts.models import Role, User
from apps.applications.assessments.selectors import staff_over_unit
from apps.standards.scoring import fmt_score

from .models import LevelScore, ScoreLevel


def unit_reps(application) -> QuerySet[User]:
    return User.objects.filter(memberships__role=Role.UNIT_REP, memberships__unit_id=application.unit_id,
                               is_active=True)


def county_admins(application) -> Iterable[User]:
    return staff_over_unit(unit=application.unit, role=Role.COUNTY_ADMIN)


def city_admins(application) -> Iterable[User]:
    return staff_over_unit(unit=application.unit, role=Role.CITY_ADMIN)


def panel_members(application) -> Iterable[User]:
    return User.objects.filter(panel_seats__panel__application=application)


def precheck_applies(application) -> bool:
    """The township pre-check (测评) is a step only when the campaign year uses it and the unit lies in a township.

    Only for the first submission: a revision resubmitted after the county returned it goes back to the county.
    """
    return bool(application.campaign_year.township_precheck and application.unit.township_id
                and application.revision <= 1)


def precheck_problems(application) -> list[str]:
    if not application.campaign_year.township_precheck:
        return [f"{application.campaign_year.year}年度未启用乡镇(街道)测评，申报直接由县级评估验收。"]
    if not application.unit.township_id:
        return ["该单位未登记所属乡镇(街道)，申报直接由县级评估验收。"]
    if application.revision > 1:
        return ["该申报是退回修改后重新提交的，由县级直接重新评估。"]
    return []


def review_round_start(application, by) -> None:
    from .rounds import round_start

    round_start(application)


def review_round_close(application, by) -> None:
    from .rounds import round_close

    round_close(application)


def return_detail(application, comment: str) -> str:
    """The return's reason and every per-item comment, for the unit's notification and e-mail."""
    from apps.applications.assessments.selectors import return_feedback

    lines = [f"退回理由：{comment}"]
    feedback = return_feedback(application)
    if feedback is not None and feedback.comments:
        lines.append("逐项修改意见：")
        lines += [f"{c.criterion.code} {c.criterion.title}：{c.text}" for c in feedback.comments]
    return "\n".join(lines)


def precheck_pending(application) -> list[str]:
    if precheck_applies(application):
        return ["本年度启用乡镇(街道)测评：请待乡镇(街道)测评完成并报送县级后，再组建评估组。"]
    return []


def may_decide(user, application) -> bool:
    """County decisions are taken by the county tripartite office or, for the panel, by its recorder.

    A reviewer who is not the recorder scores and inspects but does not decide alone.
    """
    from apps.accounts.permissions import in_jurisdiction

    from .models import PanelMember

    if in_jurisdiction(user, application.unit.region, [Role.COUNTY_ADMIN]):
        return True
    return PanelMember.objects.filter(panel__application=application, user=user, is_recorder=True).exists()


def approval_problems(application) -> list[str]:
    """Why the county may not approve yet: the panel, its sheets, the pass line and every level's vetoes."""
    from .results import comparison

    data = comparison(application)
    if data.panel is None:
        return ["尚未组建三方评估组。"]
    problems = []
    waiting = [str(m.user) for m in data.members if m.sheet_submitted_at is None]
    if waiting:
        problems.append(f"以下评估人员尚未提交评分表：{'、'.join(waiting)}。")
    result = data.panel_result
    if result.missing:
        problems.append(f"评估组合成得分还缺 {len(result.missing)} 个条目：{'、'.join(result.missing[:10])}。")
    if data.vetoes:
        problems.append(f"一票否决项 {'、'.join(data.vetoes)} 在某一层级被判定为“是”，不能通过，应作“未通过”处理。")
    if not result.missing and not result.reaches_pass_line:
        problems.append(f"评估组得分 {fmt_score(result.total)} 分，未达到达标线 {fmt_score(result.pass_line)} 分。")
    for line in result.sub_lines:
        if not result.missing and not line.met:
            problems.append(
                f"“{line.name}”得分 {fmt_score(line.score)} 分，未达到最低分 {fmt_score(line.minimum)} 分。"
            )
    return problems


def panel_result_freeze(application, by) -> None:
    from .results import comparison

    data = comparison(application)
    panel = data.panel
    panel.result_total = data.panel_result.total
    panel.result_grade = data.panel_result.grade or ""
    panel.save(update_fields=["result_total", "result_grade"])


def city_veto_problems(application) -> list[str]:
    vetoes = LevelScore.objects.filter(application=application, level=ScoreLevel.CITY, value="yes",
                                       criterion__kind="veto").values_list("criterion__code", flat=True)
    codes = list(vetoes)
    return [f"市级抽查认定一票否决项 {'、'.join(codes)} 为“是”，不能确认。"] if codes else []


def naming_problems(application) -> list[str]:
    from apps.applications.notices.selectors import naming_blockers

    return naming_blockers(application=application)


def recognition_confer(application, by) -> None:
    from apps.applications.notices.services import recognition_for_application

    recognition_for_application(application=application, by=by)
