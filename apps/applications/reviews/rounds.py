"""Rounds of county review: each time an application (re-)enters county review, its panel scores afresh.

A round ends when the county returns the application to the unit (who resubmits a new revision) or the city
sends it back (same revision, possibly after an upheld objection). The members' sheets of the ended round are
then copied into ArchivedSheet, unchanged, and cleared, so a decision always rests on sheets scored for the
revision under review; the review page shows the earlier rounds as history.
"""

from dataclasses import dataclass

from django.db.models import Prefetch

from apps.applications.assessments.models import Application
from apps.applications.assessments.selectors import application_standard
from apps.standards.scoring import VETO_WORDS, fmt_score, score
from apps.standards.selectors import criteria_of

from .models import ArchivedSheet, CombinationRule, MemberScore, PanelMember, ReviewPanel
from .results import combine, panel_spec


def sheets_archive(panel: ReviewPanel) -> int:
    """Keep the members' sheets of the panel's current round as history and clear them; the next round begins.

    Nothing happens (and the round stays) when no member has scored yet. Returns the number of sheets kept.
    """
    members = list(PanelMember.objects.filter(panel=panel).prefetch_related(
        Prefetch("scores", queryset=MemberScore.objects.select_related("criterion"))))
    scored = [member for member in members if member.sheet_submitted_at or member.scores.all()]
    if not scored:
        return 0
    ArchivedSheet.objects.bulk_create([
        ArchivedSheet(panel=panel, round=panel.round, revision=panel.revision, rule=panel.rule,
                      user_id=member.user_id, party=member.party, is_recorder=member.is_recorder,
                      values={s.criterion.code: [s.value, s.comment] for s in member.scores.all()},
                      submitted_at=member.sheet_submitted_at)
        for member in scored
    ])
    MemberScore.objects.filter(member__panel=panel).delete()
    PanelMember.objects.filter(panel=panel).update(sheet_submitted_at=None)
    panel.round += 1
    panel.save(update_fields=["round"])
    return len(scored)


def round_close(application: Application) -> None:
    """The application leaves county review for the unit or back from the city: its sheets become history."""
    panel = ReviewPanel.objects.filter(application=application).first()
    if panel is not None:
        sheets_archive(panel)
        panel.result_total, panel.result_grade = None, ""  # an approval's result no longer stands
        panel.save(update_fields=["result_total", "result_grade"])


def round_start(application: Application) -> None:
    """The panel (if any) scores the application's current revision, starting from empty sheets."""
    panel = ReviewPanel.objects.filter(application=application).first()
    if panel is None:
        return
    sheets_archive(panel)  # nothing left from a closed round; kept so a round never starts on old sheets
    panel.revision = application.revision
    panel.save(update_fields=["revision"])


def last_sheet_of(*, panel: ReviewPanel, user) -> ArchivedSheet | None:
    """The member's sheet of the latest earlier round, to start their new sheet from."""
    return ArchivedSheet.objects.filter(panel=panel, user=user).order_by("-round").first()


@dataclass
class PastRound:
    round: int
    revision: int
    rule_label: str
    columns: list[str]
    rows: list[tuple]  # (criterion, [value text per member])
    totals: list[str]
    panel_total: str


def past_rounds(application: Application, *, panel: ReviewPanel | None) -> list[PastRound]:
    """Earlier rounds' sheets, member by member, with each sheet's and the panel's total: two queries, none while
    the application's ``panel`` (as just read) is in its first round.

    Only sheets_archive writes ArchivedSheet rows and it moves the panel to the next round as it does, and the rows
    go with their panel: without a panel, or in round 1, there is nothing to read (most review pages).
    """
    if panel is None or panel.round == 1:
        return []
    sheets = list(ArchivedSheet.objects.filter(panel__application=application).select_related("user"))
    if not sheets:
        return []
    standard = application_standard(application)
    criteria = criteria_of(standard)
    spec = panel_spec(standard)
    rounds = []
    for number in sorted({sheet.round for sheet in sheets}):
        members = [sheet for sheet in sheets if sheet.round == number]
        values = [{code: pair[0] for code, pair in sheet.values.items()} for sheet in members]
        panel_values = combine(members[0].rule, list(zip(members, values, strict=True)), criteria)
        rows = [(criterion, [str(VETO_WORDS.get(v.get(criterion.code, ""), v.get(criterion.code, "")))
                             for v in values])
                for criterion in criteria if criterion.is_leaf]
        rounds.append(PastRound(
            round=number, revision=members[0].revision,
            rule_label=str(CombinationRule(members[0].rule).label),
            columns=[f"{sheet.user}（{sheet.get_party_display()}）" for sheet in members],
            rows=rows, totals=[fmt_score(score(spec, v).total) for v in values],
            panel_total=fmt_score(score(spec, panel_values).total),
        ))
    return rounds
