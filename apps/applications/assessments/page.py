"""The self-evaluation page's parts kept per application (``kept.application_part_kept``): the return's or the
refusal's feedback, the score summary with the survey, the items with the answers, the evidence and the timeline,
rendered without the request. They differ only by what the viewer may do on the page, which is part of their name:
whether they may edit (the items' fields, the survey's button, the evidence's withdraw forms) and whether they are
the unit's representative (the link to every comment of a return). While the viewer may edit, the evidence list is
rendered per request: its withdraw forms carry the viewer's token.
"""

from dataclasses import dataclass

from django.template.loader import render_to_string

from apps.applications.workflow.states import Status

from .kept import application_part_kept
from .models import Application, Evidence
from .satisfaction import survey_summary_for
from .selectors import application_page, evidence_of, not_passed_feedback, return_feedback

SELF_EVALUATION_PART = "self-evaluation"


@dataclass(frozen=True)
class SelfEvaluationParts:
    alerts: str  # why the county returned it or why it did not pass
    aside: str  # the score summary and the survey's
    items: str
    evidence: str | None  # None while the viewer may edit
    events: str
    has_revisions: bool


def self_evaluation_parts(application: Application, *, editable: bool, is_rep: bool,
                          naming_level: str) -> SelfEvaluationParts:
    """The kept parts of the application's self-evaluation page; only for a viewer the page has let in."""
    name = f"{SELF_EVALUATION_PART}:{'edit' if editable else 'read'}:{'rep' if is_rep else 'office'}"
    return application_part_kept(name, application,
                                 lambda: _parts_read(application, editable=editable, is_rep=is_rep,
                                                     naming_level=naming_level))


def evidence_rows(application: Application) -> list[Evidence]:
    """The evidence not withdrawn (``evidence_of``), kept as the parts are: while the viewer may edit, the list is
    rendered per request around these rows (each withdraw form carries the viewer's token)."""
    return application_part_kept(f"{SELF_EVALUATION_PART}:evidence", application, lambda: evidence_of(application))


def _parts_read(application: Application, *, editable: bool, is_rep: bool, naming_level: str) -> SelfEvaluationParts:
    data = application_page(application)
    survey = survey_summary_for(application=application, criteria=[row.criterion for row in data.rows])
    # While the unit revises, the county's reason heads the page and each comment sits beside its item.
    feedback = return_feedback(application) if application.status == Status.RETURNED else None
    for row in data.rows:
        row.suggestion = survey.suggestions.get(row.criterion.pk)
        row.comments = feedback.comments_on(row.criterion.pk) if feedback else []
    context = {"application": application, "page": data, "editable": editable, "survey": survey,
               "feedback": feedback, "not_passed": not_passed_feedback(application),
               "can_open_feedback_page": is_rep, "naming_level": naming_level, "evidence": data.evidence,
               "events": application.events.select_related("actor")}

    def rendered(template: str) -> str:
        return render_to_string(f"assessments/{template}.html", context)

    return SelfEvaluationParts(
        alerts=rendered("_detail_alerts"), aside=rendered("_detail_aside"), items=rendered("_detail_items"),
        evidence=None if editable else rendered("_evidence_list"), events=rendered("_detail_events"),
        has_revisions=application.revisions.exists())
