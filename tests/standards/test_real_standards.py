"""What real standards need: group maxima, an optional pass line, items scored from their own survey question,
and an identical re-load that changes nothing."""

from decimal import Decimal

import pytest

from apps.standards import scoring
from apps.standards.loader import StandardFileError, parse_standard
from apps.standards.models import Standard
from apps.standards.selectors import standard_spec
from apps.standards.services import standard_load
from tests.factories import CampaignYearFactory

pytestmark = pytest.mark.django_db

HEAD = """\
code: T-REAL
version: "1"
title: 测试标准（示例）
issuing_body: 测试
unit_kind: enterprise
effective_from: 2024-01-01
example: true
"""

# A section worth 20 points whose items add up to 25 (the document says the section counts at most 20).
CAPPED = HEAD + """\
total_score: 30
criteria:
  - code: A
    title: 劳动用工
    max: 20
    children:
      - {code: A1, kind: number, max: 15, title: 劳动合同}
      - {code: A2, kind: number, max: 10, title: 灵活用工}
  - {code: B, kind: number, max: 10, title: 其他}
"""


def test_a_groups_score_never_exceeds_its_maximum():
    spec = parse_standard(CAPPED).spec()
    result = scoring.score(spec, {"A1": "15", "A2": "10", "B": "10"})
    assert result.subtotals["A"] == Decimal(20)
    assert result.total == Decimal(30)
    assert result.capped == ["A"]
    below = scoring.score(spec, {"A1": "10", "A2": "5", "B": "10"})
    assert below.subtotals["A"] == Decimal(15) and below.capped == []


def test_the_maximum_holds_after_loading_too(regions):
    standard, _ = standard_load(text=CAPPED)
    assert standard.criteria.get(code="A").max_score == Decimal(20)
    result = scoring.score(standard_spec(standard), {"A1": "15", "A2": "10", "B": "0"})
    assert result.total == Decimal(20)


def test_a_total_that_ignores_the_group_maximum_is_refused():
    with pytest.raises(StandardFileError) as exc:
        parse_standard(CAPPED.replace("total_score: 30", "total_score: 35"))
    assert any("各条目最高分合计为 30" in error for error in exc.value.errors)


def test_a_group_maximum_its_items_cannot_reach_is_refused_with_its_line():
    text = CAPPED.replace("    max: 20\n", "    max: 30\n").replace("total_score: 30", "total_score: 35")
    with pytest.raises(StandardFileError) as exc:
        parse_standard(text, "t.yaml")
    line = text.splitlines().index("    max: 30") + 1
    assert any(f"t.yaml 第 {line} 行" in e and "达不到该分组的最高分" in e for e in exc.value.errors), exc.value.errors


def test_a_group_takes_no_step_or_minimum():
    with pytest.raises(StandardFileError, match="分组条目只能设置最高分 max，不能设置“step”"):
        parse_standard(CAPPED.replace("    max: 20\n", "    max: 20\n    step: 1\n"))


NO_PASS_LINE = HEAD + """\
total_score: 10
criteria:
  - {code: "1", kind: number, max: 10, title: 第一项}
  - {code: V1, kind: veto, title: 否决}
"""


def test_a_standard_without_a_pass_line_loads_and_relies_on_completeness_and_vetoes(regions):
    standard, _ = standard_load(text=NO_PASS_LINE)
    assert standard.pass_line is None and not standard.has_pass_line
    spec = standard_spec(standard)
    low = scoring.score(spec, {"1": "0", "V1": "no"})
    assert low.reaches_pass_line and low.passed and not low.has_pass_line
    assert not scoring.score(spec, {"1": "10", "V1": "yes"}).passed
    assert not scoring.score(spec, {"1": "10"}).passed


def test_a_pass_line_outside_the_range_is_still_refused():
    with pytest.raises(StandardFileError, match="达标线 11 不在可得分范围"):
        parse_standard(NO_PASS_LINE + "pass_line: 11\n")


def test_satisfaction_may_name_its_own_question():
    text = HEAD + """\
total_score: 20
criteria:
  - {code: S1, kind: number, max: 10, title: 总体满意度, satisfaction: true}
  - {code: S2, kind: number, max: 10, title: 工资收入满意度, satisfaction: pay}
"""
    items = {c.code: c for c in parse_standard(text).criteria}
    assert items["S1"].satisfaction_source and items["S1"].satisfaction_question == ""
    assert items["S2"].satisfaction_source and items["S2"].satisfaction_question == "pay"


def test_a_veto_cannot_be_scored_from_the_survey():
    text = HEAD + "total_score: 1\ncriteria:\n  - {code: N, kind: number, max: 1, title: 一}\n" \
        "  - {code: V, kind: veto, title: 否决, satisfaction: pay}\n"
    with pytest.raises(StandardFileError, match="只有数值评分或选项评分条目可以由满意度调查计分"):
        parse_standard(text)


def test_reloading_the_identical_file_in_use_is_a_no_op(cast, regions):
    standard, written = standard_load(text=NO_PASS_LINE)
    assert written
    from apps.applications.assessments.models import Application

    Application.objects.create(unit=cast.unit_a, campaign_year=CampaignYearFactory(city=regions.city),
                               standard=standard)
    again, written = standard_load(text=NO_PASS_LINE)
    assert again == standard and not written
    assert Standard.objects.count() == 1
    with pytest.raises(StandardFileError, match="已被申报使用，不能原地修改"):
        standard_load(text=NO_PASS_LINE.replace("第一项", "改过的第一项"))
