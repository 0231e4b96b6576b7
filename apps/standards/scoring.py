"""The scoring engine: pure functions over plain data, no database.

A standard is described by a ``StandardSpec`` (built from model rows by
``spec_from_standard`` or directly in tests) and the answers by a mapping
criterion code → raw value as entered ("12.5", "-2", "yes"/"no"). The engine
never raises on bad answers: an answer it cannot read counts as missing, so
the page always shows a total and says what is left to do.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext, gettext_lazy, pgettext

GROUP, NUMBER, CHOICE, VETO = "group", "number", "choice", "veto"
VETO_YES, VETO_NO = "yes", "no"
VETO_WORDS = {VETO_YES: gettext_lazy("是"), VETO_NO: gettext_lazy("否")}  # a veto answer as a person reads it


def answer_text(value: str) -> str:
    """A stored answer or score as people read it everywhere: a veto's "yes"/"no" as 是/否, a number as typed."""
    return str(VETO_WORDS.get(value, value))


@dataclass(frozen=True)
class CriterionSpec:
    code: str
    kind: str
    parent: str | None = None
    title: str = ""
    min_score: Decimal | None = None
    max_score: Decimal | None = None
    step: Decimal | None = None
    choices: tuple[Decimal, ...] = ()

    @property
    def is_leaf(self) -> bool:
        return self.kind != GROUP

    @property
    def lowest(self) -> Decimal:
        if self.kind == CHOICE:
            return min(self.choices)
        if self.kind == NUMBER:
            return self.min_score or Decimal(0)
        return Decimal(0)

    @property
    def highest(self) -> Decimal:
        if self.kind == CHOICE:
            return max(self.choices)
        if self.kind == NUMBER:
            return self.max_score or Decimal(0)
        return Decimal(0)


@dataclass(frozen=True)
class SubLineSpec:
    name: str
    minimum: Decimal
    criterion_codes: tuple[str, ...]


@dataclass(frozen=True)
class GradeSpec:
    label: str
    min_score: Decimal


@dataclass(frozen=True)
class StandardSpec:
    pass_line: Decimal | None
    criteria: tuple[CriterionSpec, ...]
    sub_lines: tuple[SubLineSpec, ...] = ()
    grades: tuple[GradeSpec, ...] = ()
    total_score: Decimal | None = None


@dataclass
class SubLineResult:
    name: str
    minimum: Decimal
    score: Decimal
    met: bool


@dataclass
class ScoreResult:
    total: Decimal
    pass_line: Decimal | None
    subtotals: dict[str, Decimal]
    sub_lines: list[SubLineResult]
    grade: str | None
    vetoes_hit: list[str]
    answered: int
    required: int
    missing: list[str] = field(default_factory=list)
    # Groups whose items add up to more than the group's maximum: they count at their maximum.
    capped: list[str] = field(default_factory=list)

    @property
    def has_pass_line(self) -> bool:
        return self.pass_line is not None

    @property
    def veto_hit(self) -> bool:
        return bool(self.vetoes_hit)

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def reaches_pass_line(self) -> bool:
        """A standard without a pass line relies on completeness, vetoes and sub-lines: nothing to reach."""
        return self.pass_line is None or self.total >= self.pass_line

    @property
    def sub_lines_met(self) -> bool:
        return all(line.met for line in self.sub_lines)

    @property
    def passed(self) -> bool:
        return self.complete and self.reaches_pass_line and self.sub_lines_met and not self.veto_hit

    @property
    def percent_complete(self) -> int:
        return 100 if not self.required else int(self.answered * 100 / self.required)


def to_decimal(raw: object) -> Decimal | None:
    if raw is None or raw == "":
        return None
    try:
        value = Decimal(str(raw).strip())
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


# Lazy: scoring asks answer_error about every unanswered item, and only a shown message needs the catalogue.
PICK_YES_OR_NO = gettext_lazy("请选择“是”或“否”。")
NOT_A_NUMBER = gettext_lazy("请输入数字。")


def answer_error(criterion: CriterionSpec, raw: object) -> str | None:
    """Why ``raw`` is not a valid answer to ``criterion`` (in the reader's language), or None when it is."""
    if criterion.kind == VETO:
        return None if raw in (VETO_YES, VETO_NO) else PICK_YES_OR_NO
    value = to_decimal(raw)
    if value is None:
        return NOT_A_NUMBER
    if criterion.kind == CHOICE:
        if value not in criterion.choices:
            allowed = pgettext("list separator", "、").join(_fmt(choice) for choice in criterion.choices)
            return gettext("只能选择以下分值之一：%(allowed)s。") % {"allowed": allowed}
        return None
    low, high = criterion.lowest, criterion.highest
    if value < low or value > high:
        return gettext("分值应在 %(low)s 到 %(high)s 之间。") % {"low": _fmt(low), "high": _fmt(high)}
    if criterion.step and (value - low) % criterion.step != 0:
        return gettext("分值须按 %(step)s 分递增。") % {"step": _fmt(criterion.step)}
    return None


def leaf_value(criterion: CriterionSpec, raw: object) -> Decimal | None:
    """The points a valid answer is worth; None when unanswered or invalid. Vetoes are worth 0."""
    if answer_error(criterion, raw) is not None:
        return None
    if criterion.kind == VETO:
        return Decimal(0)
    return to_decimal(raw)


def score(spec: StandardSpec, answers: Mapping[str, object]) -> ScoreResult:
    by_code = {criterion.code: criterion for criterion in spec.criteria}
    values: dict[str, Decimal] = {}
    missing: list[str] = []
    vetoes: list[str] = []
    leaves = [criterion for criterion in spec.criteria if criterion.is_leaf]
    for leaf in leaves:
        raw = answers.get(leaf.code)
        value = leaf_value(leaf, raw)
        if value is None:
            missing.append(leaf.code)
            continue
        values[leaf.code] = value
        if leaf.kind == VETO and raw == VETO_YES:
            vetoes.append(leaf.code)

    subtotals, capped = _group_subtotals(spec, values)
    top_level = [criterion.code for criterion in spec.criteria if criterion.parent is None]
    total = sum((_contribution(code, values, subtotals) for code in top_level), Decimal(0))
    sub_lines = []
    for line in spec.sub_lines:
        codes = _outermost(by_code, line.criterion_codes)
        line_score = sum((_contribution(code, values, subtotals) for code in codes), Decimal(0))
        sub_lines.append(SubLineResult(line.name, line.minimum, line_score, line_score >= line.minimum))

    grade = None
    for candidate in sorted(spec.grades, key=lambda g: g.min_score):
        if total >= candidate.min_score and not vetoes:
            grade = candidate.label
    return ScoreResult(
        total=total,
        pass_line=spec.pass_line,
        subtotals=subtotals,
        sub_lines=sub_lines,
        grade=grade,
        vetoes_hit=vetoes,
        answered=len(leaves) - len(missing),
        required=len(leaves),
        missing=missing,
        capped=capped,
    )


def _children(spec: StandardSpec) -> dict[str | None, list[CriterionSpec]]:
    children: dict[str | None, list[CriterionSpec]] = {}
    for criterion in spec.criteria:
        children.setdefault(criterion.parent, []).append(criterion)
    return children


def _group_subtotals(spec: StandardSpec, values: Mapping[str, Decimal]) -> tuple[dict[str, Decimal], list[str]]:
    """Each group's score, deepest first: its children's scores, held at the group's maximum when it has one."""
    children = _children(spec)
    subtotals: dict[str, Decimal] = {}
    capped: list[str] = []
    groups = [criterion for criterion in spec.criteria if not criterion.is_leaf]
    depth = {c.code: _depth(c, {x.code: x for x in spec.criteria}) for c in groups}
    for group in sorted(groups, key=lambda g: -depth[g.code]):
        raw = sum((_contribution(child.code, values, subtotals) for child in children.get(group.code, [])),
                  Decimal(0))
        if group.max_score is not None and raw > group.max_score:
            raw = group.max_score
            capped.append(group.code)
        subtotals[group.code] = raw
    return subtotals, [c.code for c in spec.criteria if c.code in capped]


def _depth(criterion: CriterionSpec, by_code: Mapping[str, CriterionSpec]) -> int:
    depth, parent = 0, criterion.parent
    while parent is not None:
        depth, parent = depth + 1, by_code[parent].parent
    return depth


def _contribution(code: str, values: Mapping[str, Decimal], subtotals: Mapping[str, Decimal]) -> Decimal:
    if code in subtotals:
        return subtotals[code]
    return values.get(code, Decimal(0))


def _outermost(by_code: Mapping[str, CriterionSpec], codes: Iterable[str]) -> list[str]:
    """The codes none of whose ancestors is listed too, so a sub-line counts each item once."""
    listed = set(codes)
    result = []
    for code in dict.fromkeys(codes):
        parent = by_code[code].parent if code in by_code else None
        while parent is not None and parent not in listed:
            parent = by_code[parent].parent
        if parent is None and code in by_code:
            result.append(code)
    return result


def bounds(spec: StandardSpec) -> tuple[Decimal, Decimal]:
    """The lowest and highest total any complete set of answers can reach, with group maxima applied."""
    children = _children(spec)

    def reach(criterion: CriterionSpec) -> tuple[Decimal, Decimal]:
        if criterion.is_leaf:
            return criterion.lowest, criterion.highest
        parts = [reach(child) for child in children.get(criterion.code, [])]
        low, high = sum((p[0] for p in parts), Decimal(0)), sum((p[1] for p in parts), Decimal(0))
        if criterion.max_score is not None:
            low, high = min(low, criterion.max_score), min(high, criterion.max_score)
        return low, high

    parts = [reach(criterion) for criterion in children.get(None, [])]
    return sum((p[0] for p in parts), Decimal(0)), sum((p[1] for p in parts), Decimal(0))


def group_reach(spec: StandardSpec, code: str) -> Decimal:
    """The most a group's items add up to before its own maximum applies."""
    children = _children(spec)

    def high(criterion: CriterionSpec) -> Decimal:
        if criterion.is_leaf:
            return criterion.highest
        total = sum((high(child) for child in children.get(criterion.code, [])), Decimal(0))
        return total if criterion.max_score is None else min(total, criterion.max_score)

    group = next(c for c in spec.criteria if c.code == code)
    return sum((high(child) for child in children.get(group.code, [])), Decimal(0))


def _fmt(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text


fmt_score = _fmt
