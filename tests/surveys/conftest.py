from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from apps.surveys.loading import survey_template_load
from apps.surveys.models import Survey, SurveyCode, SurveyMode, SurveyTemplate
from apps.surveys.services import code_hash, device_token_new, survey_open, survey_submit
from tests.factories import CampaignYearFactory

SHIPPED = Path(settings.BASE_DIR) / "fixtures" / "surveys" / "linfen_enterprise_satisfaction.yaml"
VALUE_LABELS = {5: "非常满意", 4: "满意", 3: "基本满意", 2: "不满意", 1: "非常不满意"}


def this_year() -> int:
    return timezone.localdate().year


@pytest.fixture(autouse=True)
def _campaign_years(request):
    """A survey belongs to a campaign year of the unit's city: the cast's city has the years tests use."""
    if "cast" not in request.fixturenames:
        return
    regions = request.getfixturevalue("regions")
    for year in {2025, 2026, 2027, this_year() - 1, this_year(), this_year() + 1}:
        CampaignYearFactory(city=regions.city, year=year)


@pytest.fixture
def questionnaire(db) -> SurveyTemplate:
    return survey_template_load(path=SHIPPED).template


@pytest.fixture
def survey_a(cast, questionnaire) -> Survey:
    return survey_open(unit=cast.unit_a, year=this_year(), by=cast.rep_a)


@pytest.fixture
def survey_b(cast, questionnaire) -> Survey:
    return survey_open(unit=cast.unit_b, year=this_year(), by=cast.rep_b)


@pytest.fixture
def coded_survey_a(cast, questionnaire) -> Survey:
    """Unit A's survey answered with answer codes: the mode that may feed a score."""
    return survey_open(unit=cast.unit_a, year=this_year(), by=cast.rep_a, employee_count=40, mode=SurveyMode.CODES)


def one_code(survey: Survey) -> str:
    """A fresh unused answer code (as if one more slip were printed); only for sheets the test itself submits."""
    code = device_token_new()
    SurveyCode.objects.create(survey=survey, code_hash=code_hash(survey=survey, code=code))
    return code


def answer(survey: Survey, values: list[int] | int, *, device_token: str | None = None) -> None:
    """Submit one answer sheet through the service: ``values`` per question in order (or one value for all).

    An answer-code survey gets a fresh code for the sheet; a link survey a fresh device.
    """
    questions = list(survey.template.questions.all())
    options = {option.value: option.pk for option in survey.template.options.all()}
    if isinstance(values, int):
        values = [values] * len(questions)
    survey_submit(
        survey=survey,
        device_token=device_token or device_token_new(),
        code=one_code(survey) if survey.uses_codes else None,
        option_ids={question.pk: options[value] for question, value in zip(questions, values, strict=True)},
    )
