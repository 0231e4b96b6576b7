import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation

from apps.regions.models import RegionLevel
from apps.standards.loader import StandardFileError, parse_standard
from apps.standards.models import Criterion, Standard
from apps.standards.services import standard_load
from tests.factories import CampaignYearFactory, RegionFactory

pytestmark = pytest.mark.django_db
STANDARDS = Path(settings.BASE_DIR) / "fixtures" / "standards"

MINIMAL = """\
code: T-1
version: "1"
title: 测试标准（示例）
issuing_body: 测试
unit_kind: enterprise
effective_from: 2024-01-01
total_score: 10
pass_line: 6
example: true
criteria:
  - {code: "1", kind: number, max: 10, step: 0.5, title: 第一项}
"""


@pytest.fixture
def tianjin(regions):
    return RegionFactory(name="天津市", code="120000", level=RegionLevel.CITY)


def test_every_shipped_standard_loads(tianjin, capsys):
    call_command("load_standard", STANDARDS)
    codes = set(Standard.objects.values_list("code", flat=True))
    assert {"LF-ENT", "LF-PARK", "LF-TOWN", "LF-IND", "DEMO-ALL", "DB37-T-4077-2020", "DB37-T-4076-2020",
            "DB37-T-4076-2020-TOWNSHIP", "TJ-ENT-PLACEHOLDER"} <= codes
    linfen = Standard.objects.get(code="LF-ENT")
    # The nine enterprise standards of the Linfen seed, plus the veto group.
    assert linfen.criteria.filter(parent__isnull=True).exclude(kind="group").count() == 9
    assert Standard.objects.get(code="LF-PARK").criteria.exclude(kind="veto").count() == 7
    assert "已载入" in capsys.readouterr().out


def test_shipped_scoring_schemes_are_titled_as_examples(tianjin):
    call_command("load_standard", STANDARDS)
    for standard in Standard.objects.all():
        assert standard.is_example and "示例" in standard.title, standard.code


def test_demo_standard_uses_every_feature(regions):
    call_command("load_standard", STANDARDS / "demo_all_features.yaml")
    demo = Standard.objects.get(code="DEMO-ALL")
    kinds = set(demo.criteria.values_list("kind", flat=True))
    assert kinds == {"group", "number", "choice", "veto"}
    assert demo.sub_lines.exists() and demo.grades.count() == 3
    assert max(demo.criteria.values_list("depth", flat=True)) >= 2
    deductions = demo.criteria.get(kind="choice").choices
    assert [c["value"] for c in deductions] == ["0", "-2", "-4", "-6"]


def test_malformed_file_names_line_item_and_problem_and_writes_nothing(regions, tmp_path):
    call_command("load_standard", STANDARDS / "linfen_industry_2023.yaml")
    before = (Standard.objects.count(), Criterion.objects.count())
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINIMAL.replace("step: 0.5", "step: 0.7").replace("total_score: 10", "total_score: 12"))
    good = tmp_path / "good.yaml"
    good.write_text(MINIMAL.replace("T-1", "T-2"))
    with pytest.raises(CommandError) as exc:
        call_command("load_standard", good, bad)
    message = str(exc.value)
    assert "第 11 行 · 条目“1”：从 0 到 10 不能按步长 0.7 整分" in message
    assert (Standard.objects.count(), Criterion.objects.count()) == before  # good.yaml was rolled back too


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("kind: number", "kind: nummer"), "第 11 行 · 条目“1”：kind 应为 group、number、choice、veto 之一"),
        (("max: 10", "max: 十"), "“max”应为数字，实际为“十”"),
        (("unit_kind: enterprise", "unit_kind: company"), "第 5 行：unit_kind 应为"),
        (("pass_line: 6", "pass_line: 11"), "达标线 11 不在可得分范围 0–10 之内"),
        (("title: 测试标准（示例）", "title: 测试标准"), "示例评分方案的标题须写明“示例”"),
        (("criteria:", "criterias:"), "不认识的字段“criterias”"),
        (("  - {code", "  - {code: \"1\", kind: veto, title: 否决}\n  - {code"), "条目编号重复"),
        (("{code: \"1\",", "{code: \"1\""), "YAML 格式错误"),
    ],
)
def test_validation_errors_are_specific(regions, change, expected):
    with pytest.raises(StandardFileError) as exc:
        parse_standard(MINIMAL.replace(*change), "t.yaml")
    assert expected in str(exc.value)


def test_choice_and_group_rules(regions):
    text = MINIMAL.replace(
        '  - {code: "1", kind: number, max: 10, step: 0.5, title: 第一项}',
        '  - {code: G, title: 分组, children: []}\n'
        '  - {code: C, kind: choice, title: 扣分, choices: [{value: 0, label: 无}]}\n'
        '  - {code: "1", kind: number, max: 10, title: 第一项}',
    )
    with pytest.raises(StandardFileError) as exc:
        parse_standard(text, "t.yaml")
    errors = exc.value.errors
    assert any("条目“G”：分组条目须有 children" in e for e in errors)
    assert any("条目“C”：选项条目须有 choices，且至少两个选项" in e for e in errors)


def test_unknown_locality_is_refused(regions):
    with pytest.raises(StandardFileError, match="区划代码“999999”在系统中不存在"):
        standard_load(text=MINIMAL + 'locality: "999999"\n')
    assert not Standard.objects.exists()


def test_unused_version_can_be_reloaded_in_place(regions):
    standard_load(text=MINIMAL)
    standard, created = standard_load(text=MINIMAL.replace("第一项", "第一项（修订）"))
    assert created and Standard.objects.count() == 1
    assert standard.criteria.get().title == "第一项（修订）"


@pytest.fixture
def campaign(regions):
    return CampaignYearFactory(city=regions.city)


def test_version_used_by_an_application_is_never_changed_in_place(cast, campaign):
    from apps.applications.assessments.models import Application

    standard, _ = standard_load(text=MINIMAL)
    Application.objects.create(unit=cast.unit_a, campaign_year=campaign, standard=standard)
    with pytest.raises(StandardFileError, match="已被申报使用，不能原地修改。请在文件中提高 version"):
        standard_load(text=MINIMAL.replace("第一项", "改过的第一项"))
    assert Standard.objects.get().criteria.get().title == "第一项"
    new, _ = standard_load(text=MINIMAL.replace('version: "1"', 'version: "2"'))
    assert Standard.objects.count() == 2 and new.version == "2"


def test_skip_existing_leaves_a_used_version_alone(cast, campaign):
    from apps.applications.assessments.models import Application

    standard, _ = standard_load(text=MINIMAL)
    Application.objects.create(unit=cast.unit_a, campaign_year=campaign, standard=standard)
    same, created = standard_load(text=MINIMAL, skip_existing=True)
    assert same == standard and not created


HAN = re.compile(r"[\u4e00-\u9fff]")
# Each file problem the loader names, as an English reader sees it: no Chinese but the file's own words.
ENGLISH = [
    (("kind: number", "kind: nummer"),
     "t.yaml, line 11 · item “1”: kind should be one of group, number, choice, veto, not “nummer”."),
    (("max: 10", "max: ten"), "“max” should be a number, not “ten”."),
    (("unit_kind: enterprise", "unit_kind: company"), "t.yaml, line 5: unit_kind should be one of enterprise, "),
    (("pass_line: 6", "pass_line: 11"), "The pass line 11 is outside the range of possible scores, 0–10."),
    (("title: 测试标准（示例）", "title: 测试标准"), "An example scoring scheme's title must say “示例” (example)"),
    (("criteria:", "criterias:"), "Unknown field “criterias”; the fields are: code, criteria, "),
    (("  - {code", "  - {code: \"1\", kind: veto, title: 否决}\n  - {code"),
     "Duplicate item code (already used on line 11)."),
    (("{code: \"1\",", "{code: \"1\""), "t.yaml, line 11: YAML format error: "),
    (("step: 0.5", "step: 0.7"), "line 11 · item “1”: 0 to 10 does not divide into steps of 0.7."),
    (("total_score: 10", "total_score: 12"), "The items' maximums add up to 10, not the total score 12."),
]


@pytest.mark.parametrize(("change", "expected"), ENGLISH)
def test_an_english_reader_reads_the_files_problems_in_english(regions, change, expected):
    with translation.override("en"), pytest.raises(StandardFileError) as exc:
        parse_standard(MINIMAL.replace(*change), "t.yaml")
    assert expected in str(exc.value)
    # What is left in Chinese is the file's own text (the title the example check quotes).
    assert not HAN.search(str(exc.value).replace("示例", "").replace("测试标准", "")), exc.value.errors


def test_choice_and_group_rules_in_english(regions):
    text = MINIMAL.replace(
        '  - {code: "1", kind: number, max: 10, step: 0.5, title: 第一项}',
        '  - {code: G, title: 分组, children: []}\n'
        '  - {code: C, kind: choice, title: 扣分, choices: [{value: 0, label: 无}]}\n'
        '  - {code: "1", kind: number, max: 10, title: 第一项}',
    )
    with translation.override("en"), pytest.raises(StandardFileError) as exc:
        parse_standard(text)
    assert "standard file, line 11 · item “G”: A group item needs children (at least one sub-item)." in exc.value.errors
    assert "standard file, line 12 · item “C”: A choice item needs choices, at least two of them." in exc.value.errors
