"""The panel's combined sheet and the side-by-side table (self / township / members / panel / city).

Pure reading: a fixed number of queries per application whatever the
number of items or members.
"""

from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import CharField, F, Prefetch, Value
from django.utils.translation import gettext

from apps.accounts.models import User
from apps.applications.assessments.models import Application
from apps.applications.assessments.selectors import application_standard
from apps.applications.workflow.states import Status
from apps.standards.models import Criterion, CriterionKind, Standard
from apps.standards.scoring import VETO_NO, VETO_YES, ScoreResult, answer_text, fmt_score, score, to_decimal
from apps.standards.selectors import criteria_of, standard_spec

from .models import CombinationRule, LevelScore, MemberScore, PanelMember, ReviewPanel, ScoreLevel


def panel_with_sheets(application: Application) -> tuple[ReviewPanel | None, list[PanelMember]]:
    """The panel and its members with their scores: two queries, starting from the members.

    Read afresh on every call (not from the application's joined row): sheets change between two
    comparisons of the same application object.
    """
    members = list(
        PanelMember.objects.filter(panel__application=application)
        .select_related("panel", "user")
        .order_by("party", "pk")
        # Only the item's code and the value are read: no Criterion (nor full score row) built per score.
        .prefetch_related(Prefetch("scores", queryset=MemberScore.objects.only("member_id", "value", "comment")
                                   .annotate(criterion_code=F("criterion__code"))))
    )
    if not members:
        return ReviewPanel.objects.filter(application=application).first(), []
    panel = members[0].panel
    for member in members:
        member.panel = panel  # one panel object for all, as panel.members would give
    return panel, members


def sheet_values(member: PanelMember) -> dict[str, str]:
    return {s.criterion_code: s.value for s in member.scores.all()}


def sheet_comments(member: PanelMember) -> dict[str, str]:
    return {s.criterion_code: s.comment for s in member.scores.all() if s.comment}


def combine(rule: str, sheets: list[tuple[PanelMember, dict[str, str]]], criteria: list[Criterion]) -> dict[str, str]:
    """The panel's value per item: the mean of the members' numbers, or the recorder's sheet.

    A veto item is "yes" for the panel when any member says yes: a veto at
    any level fails the application.
    """
    result: dict[str, str] = {}
    if rule == CombinationRule.AGREED:
        recorder = next((values for member, values in sheets if member.is_recorder), {})
    for criterion in criteria:
        if not criterion.is_leaf:
            continue
        code = criterion.code
        raw = [values.get(code, "") for _, values in sheets]
        if criterion.kind == CriterionKind.VETO:
            answered = [value for value in raw if value]
            if VETO_YES in answered:
                result[code] = VETO_YES
            elif answered and len(answered) == len(sheets):
                result[code] = VETO_NO
            continue
        if rule == CombinationRule.AGREED:
            if recorder.get(code):
                result[code] = recorder[code]
            continue
        numbers = [to_decimal(value) for value in raw]
        if numbers and all(number is not None for number in numbers):
            mean = (sum(numbers, Decimal(0)) / len(numbers)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
            result[code] = fmt_score(mean)
    return result


@dataclass
class Disagreement:
    """An item the members scored far apart: the county sees it before concluding."""

    criterion: Criterion
    low: str
    high: str
    limit: str  # the spread allowed for the item (a share of its score range); "" for a veto item


def disagreement_share() -> Decimal:
    """The share of an item's score range two members may differ by before the item is flagged (default 30 %)."""
    return Decimal(str(settings.PANEL_DISAGREEMENT_SHARE))


def disagreements(sheets: list[dict[str, str]], criteria: list[Criterion]) -> list[Disagreement]:
    """Items where the members' numbers differ by more than the share of the item's range, or their veto answers
    differ. Only items at least two members scored are compared."""
    share = disagreement_share()
    found = []
    for criterion in criteria:
        if not criterion.is_leaf:
            continue
        raw = [values[criterion.code] for values in sheets if values.get(criterion.code)]
        if len(raw) < 2:
            continue
        if criterion.kind == CriterionKind.VETO:
            if len(set(raw)) > 1:
                found.append(Disagreement(criterion, answer_text(VETO_NO), answer_text(VETO_YES), ""))
            continue
        numbers = [number for number in map(to_decimal, raw) if number is not None]
        span = max(abs(criterion.max_score or 0), abs(criterion.min_score or 0))
        if len(numbers) < 2 or not span:
            continue
        limit = span * share
        if max(numbers) - min(numbers) > limit:
            found.append(Disagreement(criterion, fmt_score(min(numbers)), fmt_score(max(numbers)),
                                      fmt_score(limit.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))))
    return found


def seat_of(data: "Comparison", user: User) -> PanelMember | None:
    """The user's seat on the application's panel, if they sit on it."""
    return next((member for member in data.members if member.user_id == user.pk), None) if data.panel else None


def scores_hidden_from(seat: PanelMember | None, application: Application) -> bool:
    """Independent scoring: while the panel scores (county review), a member whose own sheet is not submitted
    sees no other member's score. Everyone else (a member who submitted, the offices, the chair once the sheets
    are in) sees them all."""
    return seat is not None and seat.sheet_submitted_at is None and application.status == Status.COUNTY_REVIEW


def comparison_for(application: Application, user: User) -> tuple["Comparison", PanelMember | None]:
    """The side-by-side table as ``user`` may see it, and their seat: the review page and the evaluation form
    (PDF and Word) all read it here, so the three never disagree on whose scores a member sees."""
    data = comparison(application)
    seat = seat_of(data, user)
    if scores_hidden_from(seat, application):
        blind_for(data, seat)
    return data, seat


def blind_for(data: "Comparison", seat: PanelMember) -> None:
    """A member who has not submitted sees only their own sheet: the other members' scores, the panel's combined
    values and the disagreements stay hidden, so each member scores independently. The veto items named are
    those of the columns still shown (another member's "yes" would give their sheet away)."""
    hidden = {2 + index for index, member in enumerate(data.members) if member.pk != seat.pk}
    hidden.add(2 + len(data.members))  # the panel's combined column
    for row in data.rows:
        for index in hidden:
            if index < len(row.cells):
                row.cells[index] = Cell(value="", is_member=row.cells[index].is_member)
    data.totals = ["" if index in hidden else total for index, total in enumerate(data.totals)]
    shown_later = gettext("（提交本人评分后可见）")  # outside the f-string, where makemessages finds it
    data.columns = [f"{column}{shown_later}" if index in hidden and index < 2 + len(data.members)
                    else column for index, column in enumerate(data.columns)]
    data.panel_values, data.panel_result, data.disagreements = {}, None, []
    data.vetoes = sorted({row.criterion.code for row in data.rows if row.criterion.kind == CriterionKind.VETO
                          and any(cell.value == VETO_YES for cell in row.cells)})


SELF = "self"  # the source of the unit's own answers beside the levels' scores (ScoreLevel values)


@dataclass
class Cell:
    value: str
    differs: bool = False
    comment: str = ""  # a panel member's comment on the item
    is_member: bool = False  # in a panel member's column (the table can fold these away)

    @property
    def text(self) -> str:
        """The value as the table shows it: a veto item's yes/no in words."""
        return answer_text(self.value)


@dataclass
class Row:
    criterion: Criterion
    cells: list[Cell] = field(default_factory=list)


@dataclass
class Comparison:
    application: Application
    standard: Standard
    panel: ReviewPanel | None
    members: list[PanelMember]  # the panel's, by party
    columns: list[str]
    rows: list[Row]
    panel_values: dict[str, str]
    panel_result: ScoreResult | None
    vetoes: list[str]
    totals: list[str]
    disagreements: list["Disagreement"] = field(default_factory=list)

    @property
    def member_columns(self) -> list[bool]:
        """Per column, whether it is a panel member's (self and township come first, panel and city last)."""
        return _member_flags(len(self.members))


def _member_flags(count: int) -> list[bool]:
    return [False, False] + [True] * count + [False, False]


def _same(a: str, b: str) -> bool:
    da, db = to_decimal(a), to_decimal(b)
    if da is not None and db is not None:
        return da == db
    return a == b


def panel_spec(standard: Standard):
    """The standard's scoring spec for panel values: inputs were checked against each item's step when saved;
    a panel mean may fall between steps."""
    spec = standard_spec(standard)
    return replace(spec, criteria=tuple(replace(c, step=None) for c in spec.criteria))


def comparison(application: Application) -> Comparison:
    standard = application_standard(application)
    criteria = criteria_of(standard)
    spec = panel_spec(standard)
    # The unit's own answers and the township's and city's scores, in one query.
    answers = application.answers.annotate(source=Value(SELF, output_field=CharField()))
    level_scores = LevelScore.objects.filter(application=application).annotate(source=F("level"))
    self_values: dict[str, str] = {}
    levels: dict[str, dict[str, str]] = {ScoreLevel.TOWNSHIP: {}, ScoreLevel.CITY: {}}
    for source, code, value in answers.values_list("source", "criterion__code", "value").union(
        level_scores.values_list("source", "criterion__code", "value"), all=True
    ):
        (self_values if source == SELF else levels[source])[code] = value
    panel, members = panel_with_sheets(application)
    sheets = [(member, sheet_values(member)) for member in members]
    panel_values = combine(panel.rule, sheets, criteria) if panel else {}

    columns = [gettext("自评"), str(ScoreLevel.TOWNSHIP.label)]
    columns += [f"{member.user}（{member.get_party_display()}）" for member in members]
    columns += [gettext("评估组"), str(ScoreLevel.CITY.label)]
    sources = [self_values, levels[ScoreLevel.TOWNSHIP], *[values for _, values in sheets], panel_values,
               levels[ScoreLevel.CITY]]
    notes = [{}, {}, *[sheet_comments(member) for member in members], {}, {}]
    is_member = _member_flags(len(members))
    rows = []
    for criterion in criteria:
        row = Row(criterion=criterion)
        if criterion.is_leaf:
            base = self_values.get(criterion.code, "")
            for source, comments, member in zip(sources, notes, is_member, strict=True):
                value = source.get(criterion.code, "")
                row.cells.append(Cell(value=value, differs=bool(value and base and not _same(value, base)),
                                      comment=comments.get(criterion.code, ""), is_member=member))
        rows.append(row)
    results = [score(spec, source) for source in sources]
    vetoes = sorted({code for result in results for code in result.vetoes_hit})
    panel_result = score(spec, panel_values) if panel else None
    totals = [fmt_score(result.total) if source else "" for result, source in zip(results, sources, strict=True)]
    return Comparison(application, standard, panel, members, columns, rows, panel_values, panel_result, vetoes,
                      totals, disagreements([values for _, values in sheets], criteria))
