"""The review page's parts that everyone who may open the page sees alike, kept per application
(``apps.applications.assessments.kept``): the score comparison as the offices see it, the panel's members, the
records and the timeline, rendered without the request (no form, no token, nothing of the viewer), and the few
facts the viewer's own part of the page is decided from. The services that change any of it move the application's
generation (``application_pages_changed``; the list is in that module).
"""

from dataclasses import dataclass
from datetime import datetime

from django.template.loader import render_to_string

from apps.accounts.models import User
from apps.applications.assessments.diff import snapshot_diff
from apps.applications.assessments.kept import application_part_kept
from apps.applications.assessments.models import Application
from apps.applications.assessments.satisfaction import survey_summary_for
from apps.applications.assessments.selectors import application_standard, return_feedback
from apps.applications.workflow.states import Status
from apps.standards.selectors import criteria_of

from .results import Comparison, comparison, comparison_for
from .rounds import past_rounds

REVIEW_PART = "review"


@dataclass(frozen=True)
class Seat:
    """A panel member as the viewer's part of the page needs them: whose seat it is and whether its sheet is in."""

    pk: int
    user_id: int
    sheet_submitted_at: datetime | None


@dataclass(frozen=True)
class ReviewParts:
    scores: str  # the comparison, disagreements, earlier rounds, revision changes, survey and panel result
    members: str  # the panel's members and whose sheet is in
    records: str  # inspections, spot checks, the province's decisions and the timeline
    has_panel: bool
    seats: list[Seat]
    send_back_comment: str | None  # the reason of the last city send-back, if any


def review_parts(application: Application, *, naming_level: str) -> ReviewParts:
    """The kept parts of the application's review page; only for a viewer the page has let in."""
    return application_part_kept(REVIEW_PART, application, lambda: _parts_read(application, naming_level))


def blind_scores(application: Application, *, viewer: User, seat: Seat, naming_level: str) -> str:
    """The comparison part as ``viewer``, a member whose sheet is not in, sees it (``comparison_for``: their own
    column only), kept per seat: only the page of the member in ``seat`` asks for it."""
    return application_part_kept(f"{REVIEW_PART}:blind:{seat.pk}", application,
                                 lambda: scores_html(application, comparison_for(application, viewer)[0], naming_level))


def scores_html(application: Application, data: Comparison, naming_level: str) -> str:
    """The comparison part for ``data``: as the offices see it, or as a member scoring blind does."""
    return render_to_string("reviews/_scores.html", {
        "application": application, "data": data, "naming_level": naming_level,
        "survey": survey_summary_for(application=application),
        "past_rounds": past_rounds(application, panel=data.panel),
        "revision_changes": _revision_changes(application)})


def _parts_read(application: Application, naming_level: str) -> ReviewParts:
    data = comparison(application)
    events = list(application.events.select_related("actor"))
    send_back = next((event for event in reversed(events) if event.to_status == Status.CITY_RETURNED), None)
    return ReviewParts(
        scores=scores_html(application, data, naming_level),
        members=render_to_string("reviews/_panel_members.html", {"data": data}),
        records=render_to_string("reviews/_records.html", {
            "naming_level": naming_level, "events": events,
            "inspections": application.inspections.prefetch_related("photos"),
            "spot_checks": application.spot_checks.select_related("by"),
            "province_decisions": application.province_decisions.select_related("forwarded_by", "recorded_by")}),
        has_panel=data.panel is not None,
        seats=[Seat(member.pk, member.user_id, member.sheet_submitted_at) for member in data.members],
        send_back_comment=send_back.comment if send_back else None)


def _revision_changes(application: Application):
    """What the unit changed in the revision under review since the one before it, and why it was returned."""
    if application.revision < 2:
        return None
    snapshots = dict(application.revisions.filter(number__in=(application.revision - 1, application.revision))
                     .values_list("number", "snapshot"))
    if len(snapshots) < 2:
        return None
    titles = {c.code: c.title for c in criteria_of(application_standard(application))}
    return {"old": application.revision - 1, "new": application.revision,
            "diff": snapshot_diff(snapshots[application.revision - 1], snapshots[application.revision], titles),
            "feedback": return_feedback(application)}
