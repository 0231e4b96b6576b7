"""The one transition table: from, to, who may make the move, what must hold, what happens, whom to tell.

Every guard, effect and recipient list is referenced directly. A row says who may act by role, and whether they
act for their own unit or within their jurisdiction (over the unit's county or township); ``actor_rule`` narrows
that further; ``system`` lets the nightly job make the move with no actor. Later features add rows; the service
(service.py) stays as it is.
"""

from collections.abc import Callable
from dataclasses import dataclass

from apps.accounts.models import Role
from apps.accounts.roles import FILER_ROLES

from . import effects, guards, offices, recipients
from .states import Status

OWN_UNIT, JURISDICTION = "own_unit", "jurisdiction"
# The unit's own representatives, or staff of the row's other roles over the unit (帮办代办: guards.files_for_unit).
FILER = "filer"


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
    # The nightly job may make this move on its own (``by=None``).
    system: bool = False


_SUBMIT = {
    "roles": frozenset(FILER_ROLES),
    "scope": FILER,
    "actor_rule": guards.files_for_unit,
    "guards": (guards.submission_problems, guards.renewal_title_problems),
    "effects": (effects.revision_freeze,),
    "next_actors": recipients.reviewers_of_submission,
}
_COUNTY = frozenset({Role.COUNTY_ADMIN})
_TOWNSHIP = frozenset({Role.TOWNSHIP_STAFF})
# After the county: the office of the level the locality's policy names at (the city, or a county/district) confirms,
# announces and names; the office of the level that decides revocations revokes (offices.py). The rows name every
# office role and the actor rule keeps the one the policy names, over the unit.
_NAMING = {"roles": frozenset(offices.NAMING_ROLES), "scope": JURISDICTION,
           "actor_rule": offices.acts_for_naming_office}
_REVOKING = {"roles": frozenset(offices.NAMING_ROLES), "scope": JURISDICTION,
             "actor_rule": offices.acts_for_revocation_office}
# County decisions: the county tripartite office, or the panel's recorder (合议记录人) on the panel's behalf.
_DECIDE = {"roles": frozenset({Role.COUNTY_ADMIN, Role.COUNTY_REVIEWER}), "scope": JURISDICTION,
           "actor_rule": guards.may_decide}

TRANSITIONS: tuple[Transition, ...] = (
    Transition(Status.DRAFT, Status.SUBMITTED, **_SUBMIT),
    Transition(Status.RETURNED, Status.SUBMITTED, **_SUBMIT),
    # Review (apps/applications/reviews): township pre-check when the city uses it, then the county panel.
    Transition(Status.SUBMITTED, Status.TOWNSHIP_PRECHECK, _TOWNSHIP, JURISDICTION,
               guards=(guards.precheck_problems,)),
    Transition(Status.TOWNSHIP_PRECHECK, Status.COUNTY_REVIEW, _TOWNSHIP, JURISDICTION,
               next_actors=recipients.county_admins),
    Transition(Status.SUBMITTED, Status.COUNTY_REVIEW, _COUNTY, JURISDICTION, guards=(guards.precheck_pending,),
               effects=(effects.review_round_start,), next_actors=recipients.panel_members),
    Transition(Status.COUNTY_REVIEW, Status.RETURNED, next_actors=recipients.unit_reps, comment_required=True,
               effects=(effects.review_round_close,), notice_detail=recipients.return_detail, **_DECIDE),
    Transition(Status.COUNTY_REVIEW, Status.NOT_PASSED, next_actors=recipients.unit_reps, comment_required=True,
               **_DECIDE),
    Transition(Status.COUNTY_REVIEW, Status.COUNTY_APPROVED, guards=(guards.approval_problems,),
               effects=(effects.panel_result_freeze,), next_actors=recipients.naming_office, **_DECIDE),
    # Confirmation by the naming office (the city by default), send-back and re-review.
    Transition(Status.COUNTY_APPROVED, Status.CITY_CONFIRMED, guards=(guards.city_veto_problems,), **_NAMING),
    Transition(Status.COUNTY_APPROVED, Status.CITY_RETURNED, effects=(effects.review_round_close,),
               next_actors=recipients.county_admins, comment_required=True, **_NAMING),
    Transition(Status.CITY_RETURNED, Status.COUNTY_REVIEW, _COUNTY, JURISDICTION,
               effects=(effects.review_round_start,), next_actors=recipients.panel_members),
    # Where the province decides (省级审定), the notice waits for its recorded passing decision; a recorded
    # failing decision ends the application (notices.services.province_decision_record).
    Transition(Status.CITY_CONFIRMED, Status.NOT_PASSED, guards=(guards.province_rejection_problems,),
               next_actors=recipients.unit_reps, comment_required=True, **_NAMING),
    # Public notice (apps/applications/notices): an upheld objection sends the application back to the county.
    # Where the office consulted departments before the notice (apps/applications/opinions), the notice waits until
    # every department answered or the deadline passed and each objection is decided; an upheld one sends the
    # application back to the county, as an upheld public objection does.
    Transition(Status.CITY_CONFIRMED, Status.IN_NOTICE,
               guards=(guards.province_decision_problems, guards.department_opinion_problems), **_NAMING),
    Transition(Status.CITY_CONFIRMED, Status.CITY_RETURNED, guards=(guards.department_objection_upheld,),
               effects=(effects.review_round_close,), next_actors=recipients.county_admins, comment_required=True,
               **_NAMING),
    Transition(Status.IN_NOTICE, Status.CITY_RETURNED, effects=(effects.review_round_close,),
               next_actors=recipients.county_admins, comment_required=True, **_NAMING),
    # Naming confers the title; from here the title's status is the application's.
    Transition(Status.IN_NOTICE, Status.NAMED, guards=(guards.naming_problems, guards.renewal_title_problems),
               effects=(effects.title_confer,),
               next_actors=recipients.unit_reps, **_NAMING),
    # Dynamic management (apps/oversight/revocations): confirming a revocation case revokes the title (取消命名),
    # also one that has expired meanwhile (the case was opened while it was valid); a title past its validity ends
    # as expired, by the nightly job or the naming office.
    # No next actors: revocation_case_confirm tells the unit itself, naming the title, certificate and reason
    # (both telling it sent the unit two messages for one revocation).
    Transition(Status.NAMED, Status.REVOKED, comment_required=True, effects=(effects.title_revoke,), **_REVOKING),
    Transition(Status.EXPIRED, Status.REVOKED, comment_required=True, effects=(effects.title_revoke,), **_REVOKING),
    Transition(Status.NAMED, Status.EXPIRED, guards=(guards.title_still_valid,), effects=(effects.title_expire,),
               system=True, **_NAMING),
)


def transitions_from(status: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == status]


def find_transition(source: str, target: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.source == source and t.target == target), None)
