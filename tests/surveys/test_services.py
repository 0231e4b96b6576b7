import pytest
from django.db import IntegrityError

from apps.registry.units.models import VerificationStatus
from apps.surveys.models import Survey, SurveyAnswer, SurveyDevice, SurveyOption, SurveyResponse, SurveyStatus
from apps.surveys.services import (
    SurveyAlreadyAnswered,
    SurveyError,
    SurveyUnavailable,
    survey_close,
    survey_open,
    survey_reopen,
)
from tests.factories import UnitFactory
from tests.fixtures.surveys import answer, this_year

pytestmark = pytest.mark.django_db


def test_one_survey_per_unit_and_year(cast, survey_a):
    with pytest.raises(SurveyError, match="年度的满意度调查已经发起过"):
        survey_open(unit=cast.unit_a, year=this_year(), by=cast.rep_a)
    assert survey_open(unit=cast.unit_a, year=this_year() + 1, by=cast.rep_a).pk != survey_a.pk


def test_the_database_refuses_a_second_survey_for_the_same_unit_and_year(cast, survey_a):
    with pytest.raises(IntegrityError):
        Survey.objects.create(
            unit=cast.unit_a, year=survey_a.year, template=survey_a.template, token="other", max_responses=5
        )


def test_an_unverified_unit_cannot_open_a_survey(cast, questionnaire, regions):
    pending = UnitFactory(region=regions.county_x, verification_status=VerificationStatus.PENDING)
    with pytest.raises(SurveyError, match="尚未核验通过"):
        survey_open(unit=pending, year=this_year(), by=cast.rep_a)


def test_without_a_loaded_questionnaire_opening_is_refused(cast):
    with pytest.raises(SurveyError, match="尚未载入满意度调查问卷"):
        survey_open(unit=cast.unit_a, year=this_year(), by=cast.rep_a)


def test_cap_is_five_times_the_employees_but_never_above_the_template_maximum(cast, questionnaire):
    assert survey_open(unit=cast.unit_a, year=2025, by=cast.rep_a, employee_count=40).max_responses == 200
    assert survey_open(unit=cast.unit_a, year=2026, by=cast.rep_a, employee_count=4000).max_responses == 5000
    assert survey_open(unit=cast.unit_a, year=2027, by=cast.rep_a).max_responses == 5000


def test_a_device_answers_only_once(survey_a):
    answer(survey_a, 5, device_token="phone-1")
    with pytest.raises(SurveyAlreadyAnswered):
        answer(survey_a, 1, device_token="phone-1")
    survey_a.refresh_from_db()
    assert survey_a.response_count == 1
    assert SurveyResponse.objects.count() == 1
    assert set(SurveyAnswer.objects.values_list("option__value", flat=True)) == {5}


def test_the_same_device_may_answer_another_units_survey(survey_a, survey_b):
    answer(survey_a, 5, device_token="phone-1")
    answer(survey_b, 5, device_token="phone-1")
    assert SurveyDevice.objects.count() == 2
    assert SurveyDevice.objects.values("token_hash").distinct().count() == 2


def test_closed_survey_takes_no_answers_and_reopens(cast, survey_a):
    survey_close(survey=survey_a, by=cast.rep_a)
    with pytest.raises(SurveyUnavailable, match="已经结束"):
        answer(survey_a, 4)
    assert SurveyDevice.objects.count() == 0, "a refused answer must not burn the device's one chance"
    survey_reopen(survey=survey_a, by=cast.rep_a)
    answer(survey_a, 4)
    assert Survey.objects.get(pk=survey_a.pk).response_count == 1


def test_closing_twice_is_refused(cast, survey_a):
    survey_close(survey=survey_a, by=cast.rep_a)
    with pytest.raises(SurveyError, match="已经结束"):
        survey_close(survey=survey_a, by=cast.rep_a)
    assert Survey.objects.get(pk=survey_a.pk).status == SurveyStatus.CLOSED


def test_answers_stop_at_the_cap(cast, questionnaire):
    survey = survey_open(unit=cast.unit_a, year=this_year(), by=cast.rep_a, employee_count=1)
    for _ in range(5):
        answer(survey, 3)
    with pytest.raises(SurveyUnavailable, match="已达上限"):
        answer(survey, 3)
    assert SurveyResponse.objects.filter(survey=survey).count() == 5


def test_an_incomplete_sheet_is_refused(survey_a):
    question = survey_a.template.questions.first()
    option = survey_a.template.options.first()
    from apps.surveys.services import survey_submit

    with pytest.raises(SurveyError, match="答卷不完整"):
        survey_submit(survey=survey_a, device_token="t", option_ids={question.pk: option.pk})
    unknown_option = SurveyOption.objects.order_by("-pk").first().pk + 1
    full = {q.pk: unknown_option for q in survey_a.template.questions.all()}
    with pytest.raises(SurveyError, match="无效选项"):
        survey_submit(survey=survey_a, device_token="t", option_ids=full)
    assert SurveyResponse.objects.count() == 0


def test_stored_answers_carry_no_identifier():
    """No time, address, agent or device link on what is stored about a response."""
    assert {f.name for f in SurveyResponse._meta.get_fields()} == {"id", "survey", "answers"}
    assert {f.name for f in SurveyAnswer._meta.get_fields()} == {"id", "survey", "response", "question", "option"}
    assert {f.name for f in SurveyDevice._meta.get_fields()} == {"id", "survey", "token_hash"}


def test_the_device_record_holds_a_keyed_hash_not_the_token(survey_a):
    answer(survey_a, 5, device_token="phone-secret-token")
    stored = SurveyDevice.objects.get().token_hash
    assert "phone-secret-token" not in stored
    assert len(stored) == 64


def test_a_survey_needs_the_campaign_year_of_the_units_city(cast, questionnaire):
    from apps.campaigns.models import CampaignYear

    CampaignYear.objects.filter(year=this_year()).delete()
    with pytest.raises(SurveyError, match=f"所在市尚未设置 {this_year()} 年度创建活动"):
        survey_open(unit=cast.unit_a, year=this_year(), by=cast.rep_a)
    assert not Survey.objects.exists()


def test_the_cap_follows_the_registered_employee_count_over_a_typed_one(cast, questionnaire):
    from tests.factories import EnterpriseFactory

    EnterpriseFactory(unit=cast.unit_a, employee_count=12)
    survey = survey_open(unit=cast.unit_a, year=this_year(), by=cast.rep_a, employee_count=900)
    assert (survey.employee_count, survey.max_responses) == (12, 60)


def test_an_enterprise_without_a_registered_count_may_type_one(cast, questionnaire):
    from tests.factories import EnterpriseFactory

    EnterpriseFactory(unit=cast.unit_a, employee_count=None)
    survey = survey_open(unit=cast.unit_a, year=this_year(), by=cast.rep_a, employee_count=7)
    assert (survey.employee_count, survey.max_responses) == (7, 35)
