"""A small city of applications, titles and surveys, described as plain data the tests count by hand."""

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings

from apps.applications.assessments.models import Answer, Application
from apps.applications.recognitions.services import recognition_create
from apps.applications.workflow.service import title_revoke
from apps.registry.enterprises.models import Enterprise, IndustryClass
from apps.registry.units.models import Unit, UnitKind
from apps.standards.services import standard_load
from apps.surveys.loading import survey_template_load
from apps.surveys.services import device_token_new, survey_open, survey_submit
from tests.factories import CampaignYearFactory, EnterpriseFactory, UnitFactory

STANDARDS = Path(settings.BASE_DIR) / "fixtures" / "standards"
SURVEY = Path(settings.BASE_DIR) / "fixtures" / "surveys" / "linfen_enterprise_satisfaction.yaml"
YEAR = 2026

# (county, kind, size, industry division, status, year, score of item 1, score of item 2)
SPECS = [
    ("x", "enterprise", "large", "13", "named", YEAR, "9", "12"),
    ("x", "enterprise", "small", "13", "named", YEAR, "8", "10"),
    ("x", "enterprise", "medium", "47", "county_approved", YEAR, "7", "11"),
    ("x", "enterprise", "micro", "47", "not_passed", YEAR, "4", "6"),
    ("x", "enterprise", "small", "65", "draft", YEAR, "10", "15"),
    ("x", "enterprise", "small", "65", "county_review", YEAR, "6", "9"),
    ("x", "park", "", "", "in_notice", YEAR, "", ""),
    ("y", "enterprise", "large", "13", "named", YEAR, "10", "14"),
    ("y", "enterprise", "medium", "47", "returned", YEAR, "5", "8"),
    ("y", "enterprise", "small", "65", "draft", YEAR, "", ""),
    ("y", "enterprise", "small", "65", "county_review", YEAR, "7", "7"),
    ("x", "enterprise", "large", "13", "named", YEAR - 1, "9", "13"),
    ("y", "enterprise", "small", "47", "not_passed", YEAR - 1, "3", "5"),
]
PASSED = {"county_approved", "city_confirmed", "in_notice", "named", "revoked", "expired"}


# GB/T 4754-2017 divisions used above, with their sections.
INDUSTRIES = {"13": ("农副食品加工业", "C", "制造业"), "47": ("房屋建筑业", "E", "建筑业"),
              "65": ("软件和信息技术服务业", "I", "信息传输、软件和信息技术服务业")}


def _industry(code: str) -> IndustryClass:
    """The division from the data migration; transactional tests flush those rows, so make them again then."""
    name, section_code, section_name = INDUSTRIES[code]
    section, _ = IndustryClass.objects.get_or_create(code=section_code, defaults={"name": section_name})
    division, _ = IndustryClass.objects.get_or_create(code=code, defaults={"name": name, "section": section})
    return division


@dataclass
class CityData:
    applications: list[tuple[tuple, Application]] = field(default_factory=list)
    revoked_in_year: int = 0
    survey_answers: dict[str, tuple[int, int]] = field(default_factory=dict)  # county → (satisfied, total)


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def city_data(cast, regions) -> CityData:
    """13 applications over two years in 临汾市, titles for the named ones, one revoked title, two surveys."""
    enterprise_standard, _ = standard_load(text=(STANDARDS / "linfen_enterprise_2023.yaml").read_text(),
                                           source="linfen")
    park_standard, _ = standard_load(text=(STANDARDS / "linfen_park_township_2023.yaml").read_text(),
                                     source="linfen-park")
    campaigns = {year: CampaignYearFactory(city=regions.city, year=year) for year in (YEAR - 1, YEAR)}
    counties = {"x": regions.county_x, "y": regions.county_y}
    industries = {code: _industry(code) for code in INDUSTRIES}
    data = CityData()
    for index, spec in enumerate(SPECS):
        county, kind, size, industry, status, year, first, second = spec
        if kind == UnitKind.ENTERPRISE:
            unit = EnterpriseFactory(unit__region=counties[county], unit__name=f"报告企业{index}",
                                     size=size, industry=industries[industry]).unit
            standard = enterprise_standard
        else:
            unit = UnitFactory(kind=kind, region=counties[county], name=f"报告园区{index}")
            standard = park_standard
        application = Application.objects.create(unit=unit, campaign_year=campaigns[year], standard=standard,
                                                 status=status)
        criteria = {c.code: c for c in standard.criteria.filter(code__in=["1", "2"])}
        for code, value in (("1", first), ("2", second)):
            if value and code in criteria:
                Answer.objects.create(application=application, criterion=criteria[code], value=value)
        if status == "named":
            recognition_create(unit=unit, city=regions.city, year=year, issued_on=date(year, 12, 1),
                               by=cast.city_admin, application=application)
        data.applications.append((spec, application))
    # A title of the earlier year revoked in the report's year.
    earlier = next(app for spec, app in data.applications if spec[5] == YEAR - 1 and spec[4] == "named")
    title_revoke(recognition=earlier.recognition, by=cast.city_admin, reason="发生欠薪事件",
                       on=date(YEAR, 5, 6))
    data.revoked_in_year = 1
    survey_template_load(path=SURVEY)
    for county, unit, sheets in (("x", cast.unit_a, [5, 4, 2]), ("y", cast.unit_b, [1, 5])):
        survey = survey_open(unit=unit, year=YEAR, by=cast.rep_a if county == "x" else cast.rep_b)
        questions = list(survey.template.questions.all())
        options = {option.value: option for option in survey.template.options.all()}
        for value in sheets:
            survey_submit(survey=survey, device_token=device_token_new(),
                          option_ids={q.pk: options[value].pk for q in questions})
        satisfied = sum(len(questions) for value in sheets if options[value].counts_as_satisfied)
        data.survey_answers[county] = (satisfied, len(questions) * len(sheets))
    return data


def count(data: CityData, *, year: int = YEAR, county: str | None = None, passed: bool = False,
          submitted: bool = False) -> int:
    """Counting by hand over SPECS, independent of the report's SQL."""
    total = 0
    for spec, _application in data.applications:
        if spec[5] != year or (county and spec[0] != county):
            continue
        if submitted and spec[4] == "draft":
            continue
        if passed and spec[4] not in PASSED:
            continue
        total += 1
    return total


def enterprise_count(**kwargs) -> int:
    return Enterprise.objects.filter(**kwargs).count()


def units_in(region) -> int:
    return Unit.objects.filter(region__path__startswith=region.path).count()
