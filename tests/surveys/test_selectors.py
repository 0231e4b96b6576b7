import random
from decimal import Decimal

import pytest

from apps.accounts.models import Party
from apps.surveys.models import Survey, SurveyOption
from apps.surveys.selectors import satisfaction_for, score_for_rate, survey_aggregate, survey_list_for
from tests.fixtures.surveys import answer, this_year

pytestmark = pytest.mark.django_db


def independent_rate(sheets: list[list[int]], column: int | None, satisfied=frozenset({5, 4, 3})) -> Decimal:
    values = [v for sheet in sheets for v in (sheet if column is None else [sheet[column]])]
    share = Decimal(sum(v in satisfied for v in values) * 100) / Decimal(len(values))
    return share.quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")


def test_aggregate_matches_an_independent_count_in_one_query(survey_a, survey_b, django_assert_num_queries):
    rng = random.Random(2026)
    sheets = [[rng.choice([5, 4, 3, 2, 1]) for _ in range(9)] for _ in range(37)]
    for sheet in sheets:
        answer(survey_a, sheet)
    for _ in range(12):
        answer(survey_b, 1)  # another unit's answers must not leak into unit A's rates
    survey_a = Survey.objects.select_related("template").get(pk=survey_a.pk)

    with django_assert_num_queries(2):  # the counts in one query, and the policy in force (the threshold)
        aggregate = survey_aggregate(survey_a)

    assert aggregate.respondents == 37
    assert [d.dimension for d in aggregate.dimensions][:2] == ["工资收入", "社会保险"]
    for column, dimension in enumerate(aggregate.dimensions):
        assert dimension.total == 37
        assert dimension.rate == independent_rate(sheets, column), dimension.dimension
        labels = {o.pk: o.value for o in SurveyOption.objects.filter(template=survey_a.template)}
        assert {labels[pk]: n for pk, n in dimension.counts.items()} == {
            value: sum(sheet[column] == value for sheet in sheets) for value in {s[column] for s in sheets}
        }
    assert aggregate.overall_question.rate == independent_rate(sheets, 8)
    assert aggregate.overall_rate == aggregate.overall_question.rate
    assert aggregate.pooled_rate == independent_rate([sheet[:8] for sheet in sheets], None)
    assert aggregate.meets_threshold == (aggregate.overall_rate >= Decimal(80))


def test_threshold_and_suggested_score_follow_the_overall_question(survey_a):
    for _ in range(9):
        answer(survey_a, [1] * 8 + [4])  # every dimension unhappy, overall satisfied
    answer(survey_a, [5] * 8 + [2])
    survey_a.refresh_from_db()
    aggregate = survey_aggregate(survey_a)
    assert aggregate.overall_rate == Decimal("90.0")
    assert aggregate.pooled_rate == Decimal("10.0")
    assert aggregate.meets_threshold
    assert aggregate.suggested_score == Decimal("10")
    assert not aggregate.dimensions[0].meets_threshold


def test_which_options_count_as_satisfied_is_data(survey_a):
    for value in (5, 4, 3, 3, 2):
        answer(survey_a, value)
    survey_a.refresh_from_db()
    assert survey_aggregate(survey_a).overall_rate == Decimal("80.0")
    SurveyOption.objects.filter(template=survey_a.template, label="基本满意").update(counts_as_satisfied=False)
    assert survey_aggregate(survey_a).overall_rate == Decimal("40.0")


@pytest.mark.parametrize(("rate", "score"), [("95", "10"), ("90", "10"), ("89.9", "8"), ("80", "8"), ("70", "5"),
                                              ("12.5", "0")])
def test_score_mapping_takes_the_first_band_reached(questionnaire, rate, score):
    assert score_for_rate(questionnaire.score_mapping, Decimal(rate)) == Decimal(score)


def test_satisfaction_for_needs_a_survey_and_the_minimum_number_of_answers(cast, survey_a):
    assert satisfaction_for(cast.unit_b, this_year()) is None
    for _ in range(9):
        answer(survey_a, 4)
    assert satisfaction_for(cast.unit_a, this_year()) is None
    answer(survey_a, 2)
    result = satisfaction_for(cast.unit_a, this_year())
    assert result.respondents == 10
    assert result.overall_rate == Decimal("90.0")
    assert satisfaction_for(cast.unit_a, this_year() - 1) is None


def test_survey_list_is_scoped_to_unit_and_jurisdiction(cast, survey_a, survey_b):
    def visible(user):
        return set(survey_list_for(user=user).values_list("unit__name", flat=True))

    assert visible(cast.rep_a) == {"甲公司"}
    assert visible(cast.rep_b) == {"乙公司"}
    assert visible(cast.reviewers_x[Party.UNION]) == {"甲公司"}
    assert visible(cast.county_admin_y) == {"乙公司"}
    assert visible(cast.township_staff_x) == {"甲公司"}
    assert visible(cast.city_admin) == {"甲公司", "乙公司"}
    assert visible(cast.city_admin_other) == set()
    assert visible(cast.coordinator_x) == set()
    assert visible(cast.no_role) == set()
