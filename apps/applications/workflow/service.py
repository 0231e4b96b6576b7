"""The one service that moves an application, what a user may do now, and the title's moves that follow from it.

No code outside ``application_transition`` changes ``Application.status``, and no code outside the workflow's
effects changes ``Recognition.status``.
"""

from collections.abc import Iterator
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from apps.accounts.models import Role, User
from apps.accounts.permissions import in_jurisdiction, memberships_of
from apps.applications.assessments.kept import application_pages_changed
from apps.applications.assessments.models import Application, ApplicationEvent
from apps.applications.recognitions.models import Recognition, RecognitionStatus
from apps.notifications.services import notify
from apps.regions.models import Region
from apps.registry.units.home import unit_home_changed
from apps.registry.units.models import Unit

from . import effects
from .offices import revokes_for
from .queues import application_queues_changed
from .states import RENEWAL_HOLDS_EXPIRY, Status
from .transitions import (
    FILER,
    OWN_UNIT,
    Transition,
    find_transition,
    transitions_from,
)


class TransitionRefused(ValidationError):
    """The move is not allowed now; ``messages`` says why, in Chinese."""


def _may_act_over(user: User | None, unit: Unit, transition: Transition) -> bool:
    """Role and scope only: the user holds one of the row's roles for the unit itself or over its county or township."""
    if user is None:
        return transition.system
    if transition.scope in (OWN_UNIT, FILER):
        if any(m.role in transition.roles and m.unit_id == unit.pk for m in memberships_of(user)):
            return True
        if transition.scope == OWN_UNIT:
            return False
    staff_roles = [role for role in transition.roles if role != Role.UNIT_REP]
    return any(in_jurisdiction(user, region, [role]) for region in _regions_over(unit) for role in staff_roles)


def _regions_over(unit: Unit) -> Iterator[Region]:
    """The unit's county, then its township: the township is read only when the county did not answer."""
    yield unit.region
    if unit.township_id is not None:
        yield unit.township


def may_act(user: User | None, application: Application, transition: Transition) -> bool:
    if not _may_act_over(user, application.unit, transition):
        return False
    return user is None or transition.actor_rule is None or transition.actor_rule(user, application)


def available_transitions(user: User, application: Application) -> list[Transition]:
    """The moves ``user`` may make on ``application`` now, by role, jurisdiction and actor rule.

    Guards are not run: a screen shows the action, and the service says why it cannot be taken yet
    (an approval before every sheet is in, a naming before the notice has ended). Each actor rule is asked
    once, however many rows share it (the county's three decisions).
    """
    answers: dict = {}
    allowed = []
    for transition in transitions_from(application.status):
        if not _may_act_over(user, application.unit, transition):
            continue
        rule = transition.actor_rule
        if rule is not None and rule not in answers:
            answers[rule] = rule(user, application)
        if rule is None or answers[rule]:
            allowed.append(transition)
    return allowed


def available_targets(user: User, application: Application) -> set[str]:
    """The statuses ``user`` may move ``application`` to now (see available_transitions)."""
    return {transition.target for transition in available_transitions(user, application)}


def transition_message(application: Application, transition: Transition, comment: str) -> str:
    """What the next actors are told: the move and, for a move that needs one (a return, a send-back), its reason."""
    year, status = application.campaign_year.year, Status(transition.target).label
    message = f"{application.unit.name}的{year}年度创建申报：{status}。"
    if transition.comment_required and comment.strip():
        message += f"理由：{comment.strip()}"
    return message


def transition_problems(*, application: Application, to: str, by: User | None, comment: str = "") -> list[str]:
    """Why ``by`` cannot move ``application`` to status ``to`` now; empty when the move may be made.

    application_transition asks this of the locked row; a page asks it first to refuse before its confirmation
    step (what is refused there is refused again on the locked row if it changed in between).
    """
    transition = find_transition(application.status, to)
    if transition is None:
        return [gettext("当前状态为“%(current)s”，不能变更为“%(target)s”。")
                % {"current": Status(application.status).label, "target": Status(to).label}]
    if not may_act(by, application, transition):
        return [gettext("您无权办理此项操作。")]
    if transition.comment_required and not comment.strip():
        return [gettext("请填写意见。")]
    return [problem for guard in transition.guards for problem in guard(application)]


def application_transition(*, application: Application, to: str, by: User | None, comment: str = "",
                           on: date | None = None) -> Application:
    """Move ``application`` to status ``to`` on behalf of ``by`` (None: the nightly job, on rows that allow it).

    ``on`` is the day the move takes effect for its effects (a title's revocation date); today by default.

    The row is re-read with SELECT ... FOR UPDATE so two people acting at
    once cannot both move it (the second sees the new status and is refused).
    Guards run after the lock, on the locked row. The event, effects and
    notifications commit together with the status change.
    """
    with transaction.atomic():
        locked = (
            Application.objects.select_for_update(of=("self",))
            .select_related("unit__region", "unit__township", "campaign_year__city", "standard", "region")
            .get(pk=application.pk)
        )
        problems = transition_problems(application=locked, to=to, by=by, comment=comment)
        if problems:
            raise TransitionRefused(problems)
        transition = find_transition(locked.status, to)
        source = locked.status
        for effect in transition.effects:
            effect(locked, by, comment, on)
        locked.status = to
        locked.save(update_fields=["status", "revision", "updated_at"])
        ApplicationEvent.objects.create(
            application=locked, actor=by, from_status=source, to_status=to, comment=comment
        )
        application_queues_changed(application=locked)
        # Also drops the kept parts of the application's pages (assessments/kept.py hangs them on the unit's
        # generation): the status, the event, a new round or revision.
        unit_home_changed(unit_ids=[locked.unit_id])
        # And the application's own generation: the review queue's kept row (reviews/lists.py) shows its status
        # and revision and is read by the application's id alone.
        application_pages_changed(application_ids=[locked.pk])
        if transition.next_actors is not None:
            recipients = [user for user in transition.next_actors(locked) if by is None or user.pk != by.pk]
            # The message names the move (and a return's reason); the detail holds the full text and every
            # per-item comment, shown on the messages page and in the e-mail.
            detail = (transition.notice_detail(locked, comment) if transition.notice_detail
                      else f"意见：{comment}" if comment else "")
            notify(users=recipients, message=transition_message(locked, transition, comment),
                   url=reverse("assessments:detail", args=[locked.pk]), detail=detail, sms=True)
    application.refresh_from_db()
    return application


def title_revoke(*, recognition: Recognition, by: User, reason: str, on: date | None = None) -> Recognition:
    """Revoke a title (取消命名).

    A title conferred by naming moves with its application: the application's revoked transition checks the
    actor and its effect marks the title. A title registered without an application is checked against the
    same row and marked by the same effect.
    """
    if not reason.strip():
        raise TransitionRefused(gettext("请填写撤销原因。"))
    if recognition.status == RecognitionStatus.REVOKED:
        raise TransitionRefused(gettext("该称号已撤销。"))
    if recognition.application_id is not None:
        application_transition(application=recognition.application, to=Status.REVOKED, by=by, comment=reason, on=on)
    else:
        with transaction.atomic():
            locked = (Recognition.objects.select_for_update(of=("self",))
                      .select_related("unit__region", "unit__township").get(pk=recognition.pk))
            if not (_may_act_over(by, locked.unit, find_transition(Status.NAMED, Status.REVOKED))
                    and revokes_for(by, locked.unit)):
                raise TransitionRefused(gettext("您无权办理此项操作。"))
            effects.recognition_revoked_mark(locked, reason=reason, on=on or timezone.localdate())
    recognition.refresh_from_db()
    return recognition


EXPIRY_COMMENT = "称号有效期届满"


def titles_expire() -> int:
    """Nightly: every title past its validity ends as expired; returns how many did. Safe to repeat.

    A title conferred by naming expires through its application's expired transition (no actor); a title
    registered without an application is marked by the same effect. Each commits on its own.
    """
    expired = 0
    # A title whose renewal (复审) was submitted before its end waits for the renewal's outcome: passed, it is
    # extended; not passed, it expires the next night.
    due = (Recognition.objects.filter(status=RecognitionStatus.VALID, valid_until__lt=timezone.localdate())
           .exclude(renewals__status__in=RENEWAL_HOLDS_EXPIRY)
           .select_related("application").order_by("pk"))
    for recognition in due:
        application = recognition.application
        if application is None:
            effects.recognition_expired_mark(recognition)
        elif application.status == Status.NAMED:
            try:
                application_transition(application=application, to=Status.EXPIRED, by=None, comment=EXPIRY_COMMENT)
            except TransitionRefused:
                continue
        else:
            continue
        expired += 1
    return expired
