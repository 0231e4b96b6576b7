"""The application's life cycle: every status, one transition table, one service that moves between them.

No code outside ``application_transition`` changes ``Application.status``.
A row of TRANSITIONS says who may make the move (role, and whether they
act for their own unit or within their jurisdiction), which checks must
pass first (guards return Chinese messages, empty when fine), what to do on
arrival (effects), and whom to tell (next actors). Later features add rows;
the service stays as it is.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    TOWNSHIP_PRECHECK = "township_precheck", _("乡镇(街道)测评中")
    COUNTY_REVIEW = "county_review", _("县级评估验收中")
    RETURNED = "returned", _("退回修改")
    NOT_PASSED = "not_passed", _("未通过")
    COUNTY_APPROVED = "county_approved", _("县级验收通过")
    CITY_CONFIRMED = "city_confirmed", _("市级已确认")
    CITY_RETURNED = "city_returned", _("市级退回")
    IN_NOTICE = "in_notice", _("公示中")
    NAMED = "named", _("已命名")
    REVOKED = "revoked", _("已取消命名")
    EXPIRED = "expired", _("已过期")


def status_label(value: str) -> str:
    """A status's label, as get_FIELD_display() gives it, without that method's cost on long lists.

    get_FIELD_display() rebuilds a dict of all thirteen lazy labels (thirteen catalogue lookups) per call:
    ~0.1 ms, once per row of a list and twice per history entry.
    """
    try:
        return Status(value).label
    except ValueError:
        return value


# Statuses in which the unit may change answers and evidence.
EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.RETURNED})

OWN_UNIT, JURISDICTION = "own_unit", "jurisdiction"


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    roles: frozenset[str]
    scope: str
    guards: tuple[Callable, ...] = ()
    effects: tuple[Callable, ...] = ()
    next_actors: Callable | None = None
    comment_required: bool = False
    # A narrower test of the actor, after role and jurisdiction: (user, application) -> bool.
    actor_rule: Callable | None = None
    # What the people told need to act on, in full: (application, comment) -> str. Without it, the comment.
    notice_detail: Callable | None = None


class TransitionRefused(ValidationError):
    """The move is not allowed now; ``messages`` says why, in Chinese."""


def _submission_problems(application) -> list[str]:
    from .services import submission_problems

    return submission_problems(application=application)


def _freeze_snapshot(application, by) -> None:
    from .services import revision_freeze

    revision_freeze(application=application, by=by)


def _reviewers_of_submission(application) -> Iterable:
    from apps.applications.reviews.guards import precheck_applies

    from .selectors import staff_over_unit

    role = "township_staff" if precheck_applies(application) else "county_admin"
    return staff_over_unit(unit=application.unit, role=role)


_SUBMIT = {
    "roles": frozenset({"unit_rep"}),
    "scope": OWN_UNIT,
    "guards": (_submission_problems,),
    "effects": (_freeze_snapshot,),
    "next_actors": _reviewers_of_submission,
}

def _review(name: str) -> Callable:
    """A guard, effect or recipient list from apps/applications/reviews/guards.py, imported when first called."""

    def call(*args):
        from apps.applications.reviews import guards

        return getattr(guards, name)(*args)

    call.__name__ = name
    return call


def _title_still_valid(application) -> list[str]:
    from django.utils import timezone

    recognition = getattr(application, "recognition", None)
    if recognition is not None and recognition.valid_until >= timezone.localdate():
        return [f"称号有效期至{recognition.valid_until:%Y年%m月%d日}，尚未到期。"]
    return []


_COUNTY = frozenset({"county_admin"})
_TOWNSHIP = frozenset({"township_staff"})
_CITY = frozenset({"city_admin"})
# County decisions: the county tripartite office, or the panel's recorder (合议记录人) on the panel's behalf.
_DECIDE = {"roles": frozenset({"county_admin", "county_reviewer"}), "scope": JURISDICTION,
           "actor_rule": _review("may_decide")}

TRANSITIONS: tuple[Transition, ...] = (
    Transition(Status.DRAFT, Status.SUBMITTED, **_SUBMIT),
    Transition(Status.RETURNED, Status.SUBMITTED, **_SUBMIT),
    # Review (apps/applications/reviews): township pre-check when the city uses it, then the county panel.
    Transition(Status.SUBMITTED, Status.TOWNSHIP_PRECHECK, _TOWNSHIP, JURISDICTION,
               guards=(_review("precheck_problems"),)),
    Transition(Status.TOWNSHIP_PRECHECK, Status.COUNTY_REVIEW, _TOWNSHIP, JURISDICTION,
               next_actors=_review("county_admins")),
    # Entering county review starts a round of scoring: the panel scores the current revision on empty sheets.
    Transition(Status.SUBMITTED, Status.COUNTY_REVIEW, _COUNTY, JURISDICTION, guards=(_review("precheck_pending"),),
               effects=(_review("review_round_start"),), next_actors=_review("panel_members")),
    # A return or a send-back ends the round: the sheets become history until the county opens the next one.
    Transition(Status.COUNTY_REVIEW, Status.RETURNED, next_actors=_review("unit_reps"), comment_required=True,
               effects=(_review("review_round_close"),), notice_detail=_review("return_detail"), **_DECIDE),
    Transition(Status.COUNTY_REVIEW, Status.NOT_PASSED, next_actors=_review("unit_reps"), comment_required=True,
               **_DECIDE),
    Transition(Status.COUNTY_REVIEW, Status.COUNTY_APPROVED, guards=(_review("approval_problems"),),
               effects=(_review("panel_result_freeze"),), next_actors=_review("city_admins"), **_DECIDE),
    # City confirmation, send-back and re-review.
    Transition(Status.COUNTY_APPROVED, Status.CITY_CONFIRMED, _CITY, JURISDICTION,
               guards=(_review("city_veto_problems"),)),
    Transition(Status.COUNTY_APPROVED, Status.CITY_RETURNED, _CITY, JURISDICTION,
               effects=(_review("review_round_close"),), next_actors=_review("county_admins"), comment_required=True),
    Transition(Status.CITY_RETURNED, Status.COUNTY_REVIEW, _COUNTY, JURISDICTION,
               effects=(_review("review_round_start"),), next_actors=_review("panel_members")),
    # Public notice (apps/applications/notices): an upheld objection sends the application back to the county.
    Transition(Status.CITY_CONFIRMED, Status.IN_NOTICE, _CITY, JURISDICTION),
    Transition(Status.IN_NOTICE, Status.CITY_RETURNED, _CITY, JURISDICTION,
               effects=(_review("review_round_close"),), next_actors=_review("county_admins"), comment_required=True),
    Transition(Status.IN_NOTICE, Status.NAMED, _CITY, JURISDICTION, guards=(_review("naming_problems"),),
               effects=(_review("recognition_confer"),), next_actors=_review("unit_reps")),
    # Dynamic management (apps/oversight/revocations): confirming a revocation case revokes the title (取消命名);
    # a title past its validity ends as expired.
    # No next actors: revocation_case_confirm tells the unit itself, naming the title, certificate and reason
    # (both telling it sent the unit two messages for one revocation).
    Transition(Status.NAMED, Status.REVOKED, _CITY, JURISDICTION, comment_required=True),
    Transition(Status.NAMED, Status.EXPIRED, _CITY, JURISDICTION, guards=(_title_still_valid,)),
)


def transitions_from(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == status]


def find_transition(source: str, target: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.source == source and t.target == target), None)


def may_act(user, application, transition: Transition) -> bool:
    from apps.accounts.permissions import in_jurisdiction, memberships_of

    if transition.scope == OWN_UNIT:
        return any(m.role in transition.roles and m.unit_id == application.unit_id for m in memberships_of(user))
    unit = application.unit
    allowed = any(
        in_jurisdiction(user, region, [role]) for role in transition.roles for region in (unit.region, unit.township)
        if region is not None
    )
    return allowed and (transition.actor_rule is None or transition.actor_rule(user, application))


def transition_message(application, transition: Transition, comment: str) -> str:
    """What the next actors are told: the move and, for a move that needs one (a return, a send-back), its reason."""
    year, status = application.campaign_year.year, Status(transition.target).label
    message = f"{application.unit.name}的{year}年度创建申报：{status}。"
    if transition.comment_required and comment.strip():
        message += f"理由：{comment.strip()}"
    return message


def application_transition(*, application, to: str, by, comment: str = ""):
    """Move ``application`` to status ``to`` on behalf of ``by``.

    The row is re-read with SELECT ... FOR UPDATE so two people acting at
    once cannot both move it (the second sees the new status and is refused).
    Guards run after the lock, on the locked row. The event, effects and
    notifications commit together with the status change.
    """
    from apps.notifications.services import notify

    from .models import Application, ApplicationEvent

    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("unit__region", "unit__township", "campaign_year__city", "standard")
            .get(pk=application.pk)
        )
        transition = find_transition(locked.status, to)
        if transition is None:
            raise TransitionRefused(
                f"当前状态为“{Status(locked.status).label}”，不能变更为“{Status(to).label}”。"
            )
        if not may_act(by, locked, transition):
            raise TransitionRefused("您无权办理此项操作。")
        if transition.comment_required and not comment.strip():
            raise TransitionRefused("请填写意见。")
        problems = [problem for guard in transition.guards for problem in guard(locked)]
        if problems:
            raise TransitionRefused(problems)
        source = locked.status
        for effect in transition.effects:
            effect(locked, by)
        locked.status = to
        locked.save(update_fields=["status", "revision", "updated_at"])
        ApplicationEvent.objects.create(
            application=locked, actor=by, from_status=source, to_status=to, comment=comment
        )
        if transition.next_actors is not None:
            from django.urls import reverse

            recipients = [user for user in transition.next_actors(locked) if user.pk != by.pk]
            # The message names the move (and a return's reason); the detail holds the full text and every
            # per-item comment, shown on the messages page and in the e-mail.
            detail = (transition.notice_detail(locked, comment) if transition.notice_detail
                      else f"意见：{comment}" if comment else "")
            notify(users=recipients, message=transition_message(locked, transition, comment),
                   url=reverse("assessments:detail", args=[locked.pk]), detail=detail, sms=True)
    application.refresh_from_db()
    return application
