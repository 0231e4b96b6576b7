import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import translation

from apps.surveys.loading import SurveyFileError, survey_template_load
from apps.surveys.models import SurveyOption, SurveyQuestion, SurveyTemplate
from tests.fixtures.surveys import SHIPPED, answer

pytestmark = pytest.mark.django_db

GOOD = """
code: demo
version: "1"
title: 测试问卷
threshold_percent: 75
min_responses: 3
options:
  - {value: 2, label: 满意, satisfied: true}
  - {value: 1, label: 不满意, satisfied: false}
questions:
  - {code: pay, dimension: 工资收入, text: 工资满意吗？}
  - {code: overall, dimension: 总体评价, text: 总体满意吗？, overall: true}
"""

# Five problems on four lines (4, 7, 7, 10, 10).
BROKEN = """code: broken
version: "1"
title: 坏问卷
threshold_percent: 120
options:
  - {value: 2, label: 满意, satisfied: true}
  - {value: 2, label: 还行, satisfied: yes please}
questions:
  - {code: pay, dimension: 工资收入, text: 工资？}
  - {code: pay, text: 重复的题}
"""


def write(tmp_path, text: str, name: str = "q.yaml"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_questionnaire_has_linfen_dimensions_and_five_point_scale():
    template = survey_template_load(path=SHIPPED).template
    dimensions = list(template.questions.values_list("dimension", flat=True))
    assert dimensions == [
        "工资收入", "社会保险", "休息休假", "工作环境", "技能培训", "劳动条件", "民主协商", "人文关怀", "总体评价",
    ]
    assert template.questions.get(is_overall=True).code == "overall"
    options = list(template.options.values_list("label", "counts_as_satisfied"))
    assert options == [("非常满意", True), ("满意", True), ("基本满意", True), ("不满意", False), ("非常不满意", False)]
    assert template.threshold_percent == 80
    assert template.min_responses == 10
    assert template.is_active
    assert template.score_mapping[0] == {"min_rate": "90", "score": "10"}
    assert "非官方" in template.score_mapping_title


def test_loading_the_same_file_again_changes_nothing(capsys):
    call_command("load_survey_template", SHIPPED)
    first = SurveyTemplate.objects.get()
    call_command("load_survey_template", SHIPPED)
    assert "内容相同，未改动" in capsys.readouterr().out
    assert SurveyTemplate.objects.get().pk == first.pk


def test_malformed_file_lists_each_problem_with_its_line_and_writes_nothing(tmp_path):
    survey_template_load(path=SHIPPED)
    before = (SurveyTemplate.objects.count(), SurveyQuestion.objects.count(), SurveyOption.objects.count())
    bad = write(tmp_path, BROKEN)
    with pytest.raises(CommandError) as excinfo:
        call_command("load_survey_template", bad)
    message = str(excinfo.value)
    assert "第 4 行：问卷的“threshold_percent”应为 0 到 100 之间的数" in message
    assert "第 7 行：第 2 个选项的 value 2 与前面的选项重复" in message
    assert "第 7 行：第 2 个选项的“satisfied”应为 true 或 false" in message
    assert "第 10 行：第 2 道题的 code “pay”与前面的题目重复" in message
    assert "第 10 行：第 2 道题缺少“dimension”" in message
    assert before == (SurveyTemplate.objects.count(), SurveyQuestion.objects.count(), SurveyOption.objects.count())
    assert SurveyTemplate.objects.get().code == "linfen-enterprise-satisfaction"


def test_yaml_syntax_error_names_the_line(tmp_path):
    bad = write(tmp_path, 'code: x\nversion: "1"\ntitle: [未闭合\n')
    with pytest.raises(SurveyFileError) as excinfo:
        survey_template_load(path=bad)
    assert excinfo.value.errors[0].startswith("第 4 行：不是有效的 YAML")


def test_options_must_include_counted_and_uncounted(tmp_path):
    bad = write(tmp_path, GOOD.replace("satisfied: false", "satisfied: true"))
    with pytest.raises(SurveyFileError, match="既有计入满意的"):
        survey_template_load(path=bad)


def test_unknown_keys_are_reported(tmp_path):
    with pytest.raises(SurveyFileError, match="不认识的键“treshold”"):
        survey_template_load(path=write(tmp_path, GOOD + "treshold: 80\n"))


def test_a_version_used_by_a_survey_is_never_changed_in_place(tmp_path, cast):
    from apps.surveys.services import survey_open

    path = write(tmp_path, GOOD)
    template = survey_template_load(path=path).template
    survey = survey_open(unit=cast.unit_a, year=2025, by=cast.rep_a)
    answer(survey, 2)
    path.write_text(GOOD.replace("工资满意吗？", "改过的题目"), encoding="utf-8")
    with pytest.raises(SurveyFileError, match="已被 1 份调查使用，不能原地修改"):
        survey_template_load(path=path)
    assert template.questions.filter(text="工资满意吗？").exists()


def test_an_unused_version_is_replaced_and_the_newest_load_becomes_active(tmp_path):
    path = write(tmp_path, GOOD)
    survey_template_load(path=path)
    path.write_text(GOOD.replace("工资满意吗？", "改过的题目"), encoding="utf-8")
    survey_template_load(path=path)
    assert SurveyQuestion.objects.filter(text="改过的题目").count() == 1
    assert SurveyTemplate.objects.count() == 1
    survey_template_load(path=SHIPPED)
    assert list(SurveyTemplate.objects.filter(is_active=True).values_list("code", flat=True)) == [
        "linfen-enterprise-satisfaction"
    ]


def test_score_mapping_must_run_from_high_to_low(tmp_path):
    bad = GOOD + (
        "score_mapping:\n  title: 示例\n  bands:\n    - {min_rate: 50, score: 1}\n    - {min_rate: 80, score: 2}\n"
    )
    with pytest.raises(SurveyFileError, match="min_rate 应小于上一档"):
        survey_template_load(path=write(tmp_path, bad))


def test_demo_seed_loads_the_questionnaire_so_reps_can_open_surveys():
    call_command("seed_demo")
    call_command("seed_demo")
    assert SurveyTemplate.objects.filter(is_active=True).get().code == "linfen-enterprise-satisfaction"


def test_an_english_reader_reads_the_questionnaires_problems_in_english(tmp_path):
    bad = write(tmp_path, BROKEN + "treshold: 80\n")
    with translation.override("en"), pytest.raises(SurveyFileError) as excinfo:
        survey_template_load(path=bad)
    assert excinfo.value.errors == [
        "Line 4: Questionnaire: “threshold_percent” should be a number from 0 to 100, not 120.",
        "Line 7: Option 2: the value 2 repeats an earlier option's.",
        "Line 7: Option 2: “satisfied” should be true or false (whether it counts towards the satisfaction rate).",
        "Line 10: Question 2: the code “pay” repeats an earlier question's.",
        "Line 10: Question 2: “dimension” is missing.",
        "Line 11: Unknown key “treshold”.",
    ]
    with translation.override("en"), pytest.raises(SurveyFileError) as excinfo:
        survey_template_load(path=write(tmp_path, 'code: x\nversion: "1"\ntitle: [未闭合\n'))
    assert excinfo.value.errors[0].startswith("Line 4: This is not valid YAML (")
