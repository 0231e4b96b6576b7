"""The employee survey on the application: aggregate in the summary column, and satisfaction items scored from it."""

from decimal import Decimal

import pytest

from apps.applications.assessments.models import Answer
from apps.applications.assessments.satisfaction import criterion_score_suggestion, survey_summary_for
from apps.surveys.models import SurveyMode
from apps.surveys.selectors import survey_aggregate
from apps.surveys.services import survey_open
from tests.fixtures.surveys import answer

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(application, cast, questionnaire):
    """Answered with answer codes: only such a survey may feed a score."""
    return survey_open(unit=cast.unit_a, year=application.campaign_year.year, by=cast.rep_a, employee_count=40,
                       mode=SurveyMode.CODES)


def answers(survey, satisfied: int, unsatisfied: int) -> None:
    """Sheets whose every answer (overall included) is 4 (satisfied) or 2 (not satisfied)."""
    for _ in range(satisfied):
        answer(survey, 4)
    for _ in range(unsatisfied):
        answer(survey, 2)


def url(application, suffix: str = "") -> str:
    return f"/applications/{application.pk}/{suffix}"


def item9(application):
    return application.standard.criteria.get(code="9")


# --- the summary column ---------------------------------------------------------------------------

def test_without_a_survey_the_page_says_none_was_opened(client, cast, application):
    client.force_login(cast.rep_a)
    body = client.get(url(application)).content.decode()
    assert 'data-testid="survey-none"' in body and "尚未发起职工满意度调查" in body


def test_in_english_the_county_reads_that_the_unit_has_no_survey_not_that_its_own_unit_has_none(
        client, cast, application):
    client.force_login(cast.county_admin_x)
    client.cookies["django_language"] = "en"
    body = client.get(url(application)).content.decode()
    assert "This unit has not started this year's workers' satisfaction survey." in body
    assert "Your unit" not in body


def test_below_the_minimum_the_page_counts_answers_and_shows_no_rates(client, cast, application, survey):
    answers(survey, 3, 0)
    client.force_login(cast.rep_a)
    body = client.get(url(application)).content.decode()
    assert "已收到 3 份答卷，还需 7 份才显示汇总结果" in body
    assert 'data-testid="survey-overall"' not in body and "采用调查折算分" not in body


def test_rates_per_dimension_overall_and_threshold_are_shown(client, cast, application, survey):
    answers(survey, 17, 3)
    client.force_login(cast.rep_a)
    body = client.get(url(application)).content.decode()
    assert "20 份答卷" in body and "<strong>85.0%</strong>" in body and "达标线 80%" in body
    assert "工资收入" in body and "人文关怀" in body and "已达到" in body


@pytest.mark.parametrize("who", ["county_admin_x", "city_admin"])
def test_staff_and_reviewers_see_the_aggregate_but_cannot_apply_it(client, cast, application, survey, who):
    answers(survey, 10, 0)
    client.force_login(getattr(cast, who))
    body = client.get(url(application)).content.decode()
    assert "<strong>100.0%</strong>" in body and "折算本项 15 分" in body
    assert "采用调查折算分" not in body


def test_a_county_reviewer_sees_the_aggregate(client, cast, application, survey):
    answers(survey, 9, 1)
    client.force_login(cast.reviewers_x["hrss"])
    response = client.get(url(application))
    assert response.status_code == 200 and "<strong>90.0%</strong>" in response.content.decode()


def test_another_units_survey_is_not_shown(client, cast, application, questionnaire):
    other = survey_open(unit=cast.unit_b, year=application.campaign_year.year, by=cast.rep_b)
    answers(other, 10, 0)
    summary = survey_summary_for(application=application)
    assert summary.survey is None and not summary.visible


def test_summary_keeps_a_constant_number_of_queries(client, cast, application, survey, django_assert_max_num_queries):
    answers(survey, 12, 0)
    client.force_login(cast.rep_a)
    client.get(url(application))
    # 21: the policy in force (the threshold, the required uploads and the naming level's word for the status),
    # and two naming the standard in force (the choice and, for an enterprise, its size and industry).
    with django_assert_max_num_queries(21):
        assert client.get(url(application)).status_code == 200


# --- the suggested score ------------------------------------------------------------------------

@pytest.mark.parametrize(("satisfied", "unsatisfied", "score"), [
    (19, 1, "15"),    # 95 % → best band (10 of 10) → the item's 15
    (17, 3, "12"),    # 85 % → 8 of 10 → 12
    (15, 5, "7.5"),   # 75 % → 5 of 10 → 7.5, on the item's 0.5 step
    (10, 10, "0"),    # 50 % → 0
])
def test_the_mapping_is_scaled_to_the_items_maximum(application, survey, satisfied, unsatisfied, score):
    answers(survey, satisfied, unsatisfied)
    suggestion = criterion_score_suggestion(item9(application), survey_aggregate(survey))
    assert suggestion.value == Decimal(score)
    assert f"折算本项 {score} 分（本项满分 15 分）" in suggestion.explanation


def test_items_not_fed_by_the_survey_get_no_suggestion(application, survey):
    answers(survey, 10, 0)
    item1 = application.standard.criteria.get(code="1")
    assert criterion_score_suggestion(item1, survey_aggregate(survey)) is None


def test_choice_items_take_the_highest_choice_not_above_the_scaled_score(application, survey):
    answers(survey, 17, 3)  # 8 of 10
    criterion = item9(application)
    criterion.kind, criterion.choices = "choice", [{"value": 0}, {"value": 5}, {"value": 10}, {"value": 15}]
    assert criterion_score_suggestion(criterion, survey_aggregate(survey)).value == Decimal(10)


def test_using_the_survey_score_saves_it_with_its_source(client, cast, application, survey):
    answers(survey, 17, 3)
    client.force_login(cast.rep_a)
    response = client.post(url(application, f"answers/{item9(application).pk}/from-survey/"))
    assert response.status_code == 200 and response["X-Answer-Saved"] == "1"
    body = response.content.decode()
    assert 'value="12"' in body and "当前自评分即调查折算分" in body and "已保存" in body
    assert 'data-testid="total">12<' in body
    saved = Answer.objects.get(application=application, criterion__code="9")
    assert saved.value == "12" and "综合满意率 85.0%" in saved.narrative


def test_using_the_survey_score_keeps_the_reps_own_narrative(client, cast, application, survey):
    from apps.applications.assessments.services import answer_save

    answer_save(application=application, criterion=item9(application), value="3", narrative="我们自己的说明",
                by=cast.rep_a)
    answers(survey, 10, 0)
    client.force_login(cast.rep_a)
    client.post(url(application, f"answers/{item9(application).pk}/from-survey/"))
    saved = Answer.objects.get(application=application, criterion__code="9")
    assert (saved.value, saved.narrative) == ("15", "我们自己的说明")


def test_using_the_survey_score_below_the_minimum_is_refused_with_the_count(client, cast, application, survey):
    answers(survey, 4, 0)
    client.force_login(cast.rep_a)
    response = client.post(url(application, f"answers/{item9(application).pk}/from-survey/"))
    assert response.status_code == 422
    assert "已收到 4 份答卷，还需 6 份" in response.content.decode()
    assert not Answer.objects.filter(application=application).exists()


def test_using_the_survey_score_on_another_item_is_refused(client, cast, application, survey):
    answers(survey, 10, 0)
    client.force_login(cast.rep_a)
    item1 = application.standard.criteria.get(code="1")
    response = client.post(url(application, f"answers/{item1.pk}/from-survey/"))
    assert response.status_code == 422 and "不由职工满意度调查计分" in response.content.decode()


def test_using_the_survey_score_without_a_survey_is_refused(client, cast, application):
    client.force_login(cast.rep_a)
    response = client.post(url(application, f"answers/{item9(application).pk}/from-survey/"))
    assert response.status_code == 422 and "尚未发起职工满意度调查" in response.content.decode()


def test_using_the_survey_score_is_for_the_units_rep_only(client, cast, application, survey):
    answers(survey, 10, 0)
    target = url(application, f"answers/{item9(application).pk}/from-survey/")
    assert client.post(target).status_code == 302  # anonymous → login
    client.force_login(cast.coordinator_x)
    assert client.post(target).status_code == 403
    # County staff may file for a small enterprise on its behalf (帮办代办), not change what a unit files itself.
    client.force_login(cast.county_admin_x)
    assert client.post(target).status_code == 404
    client.force_login(cast.rep_b)
    assert client.post(target).status_code == 404
    assert not Answer.objects.filter(application=application).exists()


def test_the_printed_form_carries_the_survey_result(client, cast, application, survey):
    import io

    from pypdf import PdfReader

    answers(survey, 17, 3)
    client.force_login(cast.county_admin_x)
    response = client.get(url(application, "self-evaluation.pdf"))
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages).replace(" ", "")
    assert "20份答卷，综合满意率85.0%" in text and "工资收入85.0%" in text


def test_a_link_only_survey_cannot_feed_the_score(client, cast, application, questionnaire):
    """A link survey can be filled by one person with fresh cookie jars: its rate is shown, never adopted."""
    from apps.applications.assessments.services import ApplicationError, answer_from_survey

    link_survey = survey_open(unit=cast.unit_a, year=application.campaign_year.year, by=cast.rep_a,
                              mode=SurveyMode.LINK)
    answers(link_survey, 20, 0)
    with pytest.raises(ApplicationError, match="仅链接"):
        answer_from_survey(application=application, criterion=item9(application), by=cast.rep_a)
    client.force_login(cast.rep_a)
    response = client.post(url(application, f"answers/{item9(application).pk}/from-survey/"))
    assert response.status_code == 422 and "不能计入自评得分" in response.content.decode()
    assert not Answer.objects.filter(application=application).exists()
    body = client.get(url(application)).content.decode()
    assert 'data-testid="survey-link-only"' in body and 'data-testid="survey-overall"' in body
    assert "采用调查折算分" not in body
    assert survey_summary_for(application=application, criteria=[item9(application)]).suggestions == {}


# --- an item scored from its own question -------------------------------------------------------

def test_an_item_naming_its_question_is_scored_from_that_questions_rate(application, survey):
    """Every sheet is satisfied overall; only 15 of 20 are satisfied with their pay (75 % → 5 of 10 → 7.5)."""
    questions = list(survey.template.questions.all())
    pay = next(index for index, question in enumerate(questions) if question.code == "pay")
    for satisfied_with_pay in [True] * 15 + [False] * 5:
        values = [4] * len(questions)
        values[pay] = 4 if satisfied_with_pay else 2
        answer(survey, values)
    item = item9(application)
    overall = criterion_score_suggestion(item, survey_aggregate(survey))
    assert overall.value == Decimal("15")
    item.satisfaction_question = "pay"
    from_pay = criterion_score_suggestion(item, survey_aggregate(survey))
    assert from_pay.value == Decimal("7.5")
    assert "“工资收入”题满意率 75.0%" in from_pay.explanation


def test_an_item_naming_a_question_the_survey_lacks_gets_no_suggestion(application, survey):
    answers(survey, 20, 0)
    item = item9(application)
    item.satisfaction_question = "no-such-question"
    assert criterion_score_suggestion(item, survey_aggregate(survey)) is None
