"""The scoring engine, on generated standards and answers (hypothesis) and on worked examples."""

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from apps.standards import scoring
from apps.standards.scoring import CriterionSpec, GradeSpec, StandardSpec, SubLineSpec, score

D = Decimal


@st.composite
def standards(draw):
    """A random tree: one or two groups, each holding number / choice / veto leaves."""
    criteria: list[CriterionSpec] = []
    for g in range(draw(st.integers(1, 3))):
        group = f"G{g}"
        criteria.append(CriterionSpec(code=group, kind=scoring.GROUP))
        for i in range(draw(st.integers(1, 5))):
            code = f"{group}.{i}"
            kind = draw(st.sampled_from([scoring.NUMBER, scoring.CHOICE, scoring.VETO]))
            if kind == scoring.NUMBER:
                high = D(draw(st.integers(1, 20)))
                criteria.append(CriterionSpec(code, kind, group, min_score=D(0), max_score=high, step=D("0.5")))
            elif kind == scoring.CHOICE:
                values = draw(st.lists(st.integers(-6, 5), min_size=2, max_size=4, unique=True))
                criteria.append(CriterionSpec(code, kind, group, choices=tuple(D(v) for v in values)))
            else:
                criteria.append(CriterionSpec(code, kind, group))
    pass_line = D(draw(st.integers(0, 30)))
    return StandardSpec(
        pass_line=pass_line,
        criteria=tuple(criteria),
        sub_lines=(SubLineSpec("G0 最低", D(draw(st.integers(0, 10))), ("G0",)),),
        grades=(GradeSpec("A", pass_line), GradeSpec("AA", pass_line + 5)),
    )


@st.composite
def answered(draw, complete: bool = True):
    spec = draw(standards())
    answers: dict[str, str] = {}
    for c in spec.criteria:
        if not c.is_leaf or (not complete and draw(st.booleans())):
            continue
        if c.kind == scoring.NUMBER:
            halves = draw(st.integers(0, int(c.max_score * 2)))
            answers[c.code] = str(D(halves) / 2)
        elif c.kind == scoring.CHOICE:
            answers[c.code] = str(draw(st.sampled_from(c.choices)))
        else:
            answers[c.code] = draw(st.sampled_from([scoring.VETO_YES, scoring.VETO_NO]))
    return spec, answers


@settings(max_examples=200, deadline=None)
@given(answered())
def test_total_of_complete_answers_stays_within_the_standards_bounds(case):
    spec, answers = case
    result = score(spec, answers)
    low, high = scoring.bounds(spec)
    assert low <= result.total <= high
    assert result.complete and result.answered == result.required


@settings(max_examples=200, deadline=None)
@given(answered(complete=False))
def test_a_veto_answered_yes_always_fails(case):
    spec, answers = case
    result = score(spec, answers)
    if any(answers.get(c.code) == "yes" for c in spec.criteria if c.kind == scoring.VETO):
        assert result.veto_hit and not result.passed and result.grade is None
    else:
        assert not result.veto_hit


@settings(max_examples=200, deadline=None)
@given(answered(complete=False))
def test_group_subtotals_add_up_to_the_total_and_missing_items_block_passing(case):
    spec, answers = case
    result = score(spec, answers)
    top_groups = [c.code for c in spec.criteria if c.parent is None]
    assert sum(result.subtotals[g] for g in top_groups) == result.total
    assert result.answered + len(result.missing) == result.required
    if result.missing:
        assert not result.passed


@settings(max_examples=100, deadline=None)
@given(answered())
def test_passed_means_every_condition_holds(case):
    spec, answers = case
    result = score(spec, answers)
    assert result.passed == (
        result.total >= spec.pass_line and all(line.met for line in result.sub_lines) and not result.veto_hit
    )


DEMO = StandardSpec(
    pass_line=D(8),
    criteria=(
        CriterionSpec("B", scoring.GROUP),
        CriterionSpec("B1", scoring.NUMBER, "B", min_score=D(0), max_score=D(6), step=D("0.5")),
        CriterionSpec("C", scoring.GROUP),
        CriterionSpec("C1", scoring.NUMBER, "C", min_score=D(0), max_score=D(6)),
        CriterionSpec("D1", scoring.CHOICE, None, choices=(D(0), D(-2), D(-4))),
        CriterionSpec("V1", scoring.VETO, None),
    ),
    sub_lines=(SubLineSpec("基础", D(5), ("B",)),),
    grades=(GradeSpec("A", D(8)), GradeSpec("AA", D(10))),
)


def test_worked_example_with_a_deduction_and_a_grade():
    result = score(DEMO, {"B1": "5.5", "C1": "6", "D1": "-2", "V1": "no"})
    assert result.total == D("9.5") and result.grade == "A" and result.passed
    assert result.subtotals == {"B": D("5.5"), "C": D(6)}


def test_sub_line_below_its_minimum_fails_even_above_the_pass_line():
    result = score(DEMO, {"B1": "4", "C1": "6", "D1": "0", "V1": "no"})
    assert result.total == D(10) and result.reaches_pass_line
    assert not result.sub_lines_met and not result.passed


def test_invalid_answers_count_as_missing():
    result = score(DEMO, {"B1": "5.25", "C1": "7", "D1": "-3", "V1": "maybe"})
    assert result.missing == ["B1", "C1", "D1", "V1"] and result.total == 0


def test_answer_errors_are_chinese_and_specific():
    b1 = DEMO.criteria[1]
    assert scoring.answer_error(b1, "7") == "分值应在 0 到 6 之间。"
    assert scoring.answer_error(b1, "5.25") == "分值须按 0.5 分递增。"
    assert scoring.answer_error(b1, "abc") == "请输入数字。"
    assert scoring.answer_error(DEMO.criteria[4], "-3") == "只能选择以下分值之一：0、-2、-4。"
    assert scoring.answer_error(DEMO.criteria[5], "") == "请选择“是”或“否”。"
