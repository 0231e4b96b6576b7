from collections.abc import Callable
from dataclasses import dataclass, field

from django.db.models import Max, Prefetch, QuerySet, prefetch_related_objects

from apps.accounts.models import Membership, User
from apps.accounts.permissions import regions_for, unit_ids_for
from apps.accounts.roles import APPLICATION_STAFF_ROLES
from apps.accounts.selectors import scope_to_jurisdiction
from apps.applications.workflow.offices import application_policy
from apps.applications.workflow.states import Status
from apps.campaigns.rules import RequiredEvidence, Rules
from apps.core.region_cache import region_cached
from apps.registry.units.models import Unit
from apps.standards.models import Criterion, Standard
from apps.standards.scoring import ScoreResult, fmt_score, score
from apps.standards.selectors import criteria_of, standard_spec

from .models import Answer, Application, ApplicationEvent, Evidence


def application_list_for(*, user: User, standard: bool = True) -> QuerySet[Application]:
    """Applications the user may see: their own unit's, or those of units in their jurisdiction.

    The jurisdiction is matched on the application's own copy of its unit's county and township (a county's few
    thousand rows read from the application_region_status index), not through the unit. ``standard=False``: the
    standard not joined, for one application whose standard comes from the process's copy (``with_standard``).
    """
    related = ("unit__region", "unit__township", "campaign_year__city", *(("standard",) if standard else ()))
    return scope_to_jurisdiction(
        Application.objects.select_related(*related),
        user,
        place="",
        roles=APPLICATION_STAFF_ROLES,
        unit_field="unit_id",
    )


# The list of applications (创建申报, assessments:list), kept per jurisdiction and page: an application opened
# (``application_create``, also on a unit's behalf) drops it for its county and township and every region above them
# (``applications_listed_changed``); a unit renamed or moved (its applications' copies of its name and place, which
# the list filters and sorts on) moves every unit's generation. No application is deleted or changes its year.
LIST_PART = "applications:list"


def application_page_kept(*, user: User, on_behalf: bool, number: int,
                          read: Callable[[], list[tuple[int, int]]]) -> list[tuple[int, int]]:
    """``read()`` (the ids of page ``number`` of the user's application list, with the total), kept per
    jurisdiction, filter and page.

    A county's list read and sorted its 7,000 applications (about 3,000 pages) to show 50 rows. Only the ids and
    the total are kept: what a row shows (its status, revision) is read with the page's rows each time. A user
    holding these offices in several regions, or a unit's representative (whose own units' applications are
    listed too), is read each time."""
    roots = regions_for(user, APPLICATION_STAFF_ROLES)
    if len(roots) != 1 or unit_ids_for(user):
        return read()
    return region_cached(LIST_PART, roots[0].pk, read, variant=f"{int(on_behalf)}:{number}")


def staff_over_unit(*, unit: Unit, role: str) -> QuerySet[User]:
    """Users holding ``role`` in a region that contains the unit."""
    regions = [unit.region, unit.township] if unit.township_id else [unit.region]
    ancestor_ids = {region_id for region in regions for region_id in region.path_ids}
    user_ids = Membership.objects.filter(role=role, region_id__in=ancestor_ids).values("user_id")
    return User.objects.filter(pk__in=user_ids, is_active=True)


def _standard_items() -> tuple:
    return Prefetch("criteria", queryset=Criterion.objects.order_by("position")), "sub_lines", "grades"


def standard_with_items(standard_id: int) -> Standard:
    """A standard with its items, sub-lines and grades in four queries, whatever its size."""
    return Standard.objects.prefetch_related(*_standard_items()).get(pk=standard_id)


# Standards in use, with their items, sub-lines and grades, by primary key: read once per process.
# A standard is never changed once an application uses it: standard_load refuses to replace it (the
# applications' PROTECT keys stop the delete), the admin is read-only, and a replaced unused standard is
# written under a new primary key. So what was read for one application stays true for every later one.
_standards_in_use: dict[int, Standard] = {}


def application_standard(application: Application) -> Standard:
    """The application's standard with its items: no query after the first for that standard in this process.

    The instance is shared by every request of the process: read it, never change it.
    """
    standard = _standards_in_use.get(application.standard_id)
    if standard is None:
        standard = application.standard  # the row application_list_for joined, or one query
        prefetch_related_objects([standard], *_standard_items())
        _standards_in_use[application.standard_id] = standard
    return standard


def with_standard(application: Application) -> Application:
    """The application with its standard set to the process's copy (``application_standard``): a page of one
    application joined the standard's row and built its instance on every request (~1 ms of the self-evaluation
    page's ~9 at 200,000 enterprises) to read what the process already holds."""
    Application.standard.field.set_cached_value(application, application_standard(application))
    return application


@dataclass
class TreeRow:
    criterion: Criterion
    answer: Answer | None
    subtotal: object = None
    suggestion: object = None  # a satisfaction.ScoreSuggestion on items the survey can score
    comments: list = field(default_factory=list)  # the county's comments on this item when it returned it


@dataclass
class ApplicationPage:
    application: Application
    standard: Standard
    rows: list[TreeRow]
    evidence: list[Evidence]
    result: ScoreResult
    answers: dict[str, Answer]
    required_evidence: list[RequiredEvidence]


def answers_by_code(application: Application) -> dict[str, Answer]:
    return {a.criterion.code: a for a in application.answers.select_related("criterion")}


def application_score(application: Application, standard: Standard | None = None,
                      answers: dict[str, Answer] | None = None) -> ScoreResult:
    standard = standard or standard_with_items(application.standard_id)
    answers = answers if answers is not None else answers_by_code(application)
    return score(standard_spec(standard), {code: a.value for code, a in answers.items()})


def application_page(application: Application) -> ApplicationPage:
    """Everything the self-evaluation page shows, in a fixed number of queries (the standard with its items from the
    process's copy, as the review page reads it: four queries fewer)."""
    standard = application_standard(application)
    answers = answers_by_code(application)
    result = application_score(application, standard, answers)
    rows = [
        TreeRow(criterion=c, answer=answers.get(c.code), subtotal=result.subtotals.get(c.code))
        for c in criteria_of(standard)
    ]
    required = application_rules(application).required_evidence(application.unit.kind)
    return ApplicationPage(application, standard, rows, evidence_of(application), result, answers, required)


def evidence_of(application: Application) -> list[Evidence]:
    """The application's evidence not withdrawn, with the items they belong to."""
    return list(application.evidence.filter(withdrawn_at__isnull=True).select_related("criterion"))


def application_rules(application: Application) -> Rules:
    """The campaign policy's rules in force for the application's unit and year, from the policy read once per
    application object (application_policy): the review and application pages asked three or four times."""
    return Rules(policy=application_policy(application))


def snapshot_build(*, application: Application) -> dict:
    """What the application contains now, as plain JSON (used for revisions and for comparing with the draft)."""
    standard = application_standard(application)
    answers = answers_by_code(application)
    result = application_score(application, standard, answers)
    return {
        "unit": {"id": application.unit_id, "name": application.unit.name},
        "year": application.campaign_year.year,
        "standard": {"code": standard.code, "version": standard.version, "title": standard.title},
        "answers": {code: {"value": a.value, "narrative": a.narrative} for code, a in answers.items()},
        "score": {
            "total": fmt_score(result.total),
            "pass_line": fmt_score(result.pass_line) if result.has_pass_line else None,
            "grade": result.grade,
            "subtotals": {code: fmt_score(v) for code, v in result.subtotals.items()},
            "sub_lines": [{"name": s.name, "score": fmt_score(s.score), "met": s.met} for s in result.sub_lines],
        },
        "evidence": [
            {"id": e.pk, "kind": e.kind, "name": e.original_name, "sha256": e.sha256}
            for e in application.evidence.filter(withdrawn_at__isnull=True).order_by("pk")
        ],
    }


@dataclass
class ReturnFeedback:
    """The county's latest return: its reason (the event's comment) and its comments per item."""

    event: ApplicationEvent
    revision: int
    comments: list  # reviews.ItemComment rows, with their criterion

    def comments_on(self, criterion_id: int) -> list:
        return [comment for comment in self.comments if comment.criterion_id == criterion_id]


def return_feedback(application: Application) -> ReturnFeedback | None:
    """Why the county last returned the application, or None when it never did.

    The comments are those written on the revision that was returned: the last one submitted before the return.
    """
    event = (application.events.filter(to_status=Status.RETURNED).select_related("actor")
             .order_by("-created_at", "-pk").first())
    if event is None:
        return None
    revision = application.revisions.filter(submitted_at__lte=event.created_at).aggregate(n=Max("number"))["n"]
    revision = revision or application.revision
    comments = list(application.item_comments.filter(revision=revision).select_related("criterion")
                    .order_by("criterion__position", "pk"))
    return ReturnFeedback(event=event, revision=revision, comments=comments)


def not_passed_feedback(application: Application) -> ApplicationEvent | None:
    """The written feedback of the office that did not pass the application (the county's 未通过, or a province's
    decision not to name): the reason it wrote on that move, with who and when; None unless it did not pass."""
    if application.status != Status.NOT_PASSED:
        return None
    return (application.events.filter(to_status=Status.NOT_PASSED).select_related("actor")
            .order_by("-created_at", "-pk").first())


def not_passed_feedback_for_unit(*, unit_id: int, limit: int = 5) -> list[ApplicationEvent]:
    """The unit's applications that did not pass, latest first, each with the office's written feedback."""
    return list(ApplicationEvent.objects.filter(application__unit_id=unit_id, to_status=Status.NOT_PASSED,
                                                application__status=Status.NOT_PASSED)
                .select_related("application__campaign_year", "actor").order_by("-created_at", "-pk")[:limit])
