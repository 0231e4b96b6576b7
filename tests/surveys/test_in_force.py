"""Which standard is in force: chosen per region × year × unit kind (and variant), inherited downwards; no choice
means a refusal, never the demonstration standard."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.utils import timezone

from apps.applications.assessments.models import Application
from apps.applications.assessments.services import ApplicationError, application_open
from apps.campaigns.models import CampaignPolicy, NamingLevel
from apps.registry.enterprises.models import Enterprise, IndustryClass, SizeClass
from apps.standards.services import standard_load
from apps.surveys.in_force import standard_in_force_for, standard_in_force_save
from apps.surveys.loading import survey_template_load_text
from apps.surveys.models import StandardInForce, SurveyTemplate
from apps.surveys.services import survey_open
from tests.fixtures.standards import STANDARDS, put_in_force
from tests.fixtures.surveys import SHIPPED as SHIPPED_QUESTIONNAIRE

pytestmark = pytest.mark.django_db

GENERAL = """\
code: {code}
version: "1"
title: {title}
issuing_body: 测试
unit_kind: enterprise
effective_from: 2020-01-01
total_score: 10
{extra}criteria:
  - {{code: "1", kind: number, max: 10, title: 第一项}}
"""


def a_standard(code: str, *, example: bool = False, locality: str = "", variant: str = ""):
    extra = ("example: true\n" if example else "") + (f'locality: "{locality}"\n' if locality else "")
    extra += f"variant: {variant}\n" if variant else ""
    title = f"{code} 标准{'（示例）' if example else ''}"
    return standard_load(text=GENERAL.format(code=code, title=title, extra=extra))[0]


@pytest.fixture
def city_standard(regions):
    return a_standard("CITY", locality="141000")


def test_a_city_choice_applies_to_the_units_of_its_counties(cast, regions, city_standard):
    put_in_force(city_standard, regions.city, year=2023)
    assert standard_in_force_for(unit=cast.unit_a, year=2025).standard == city_standard
    assert standard_in_force_for(unit=cast.unit_b, year=2025).standard == city_standard


def test_a_choice_applies_from_its_year_on_and_the_latest_wins(cast, regions, city_standard):
    later = a_standard("LATER", locality="141000")
    put_in_force(city_standard, regions.city, year=2023)
    put_in_force(later, regions.city, year=2025)
    assert standard_in_force_for(unit=cast.unit_a, year=2022) is None
    assert standard_in_force_for(unit=cast.unit_a, year=2024).standard == city_standard
    assert standard_in_force_for(unit=cast.unit_a, year=2026).standard == later


def test_a_county_that_runs_its_own_campaign_overrides_the_city(cast, regions, city_standard):
    own = a_standard("OWN", locality="141002")
    put_in_force(city_standard, regions.city, year=2023)
    put_in_force(own, regions.county_x, year=2023)
    assert standard_in_force_for(unit=cast.unit_a, year=2025).standard == own
    assert standard_in_force_for(unit=cast.unit_b, year=2025).standard == city_standard


def test_a_variant_by_size_or_industry_is_chosen_by_the_units_attributes(cast, regions, city_standard):
    small = a_standard("SMALL", locality="141000", variant="中小微企业")
    factory_floor = a_standard("MANUF", locality="141000", variant="制造业")
    put_in_force(city_standard, regions.city, year=2023)
    StandardInForce.objects.create(region=regions.city, year=2023, unit_kind="enterprise",
                                   enterprise_size=SizeClass.SMALL, standard=small)
    manufacturing = IndustryClass.objects.get(code="C")
    StandardInForce.objects.create(region=regions.city, year=2023, unit_kind="enterprise",
                                   industry=manufacturing, standard=factory_floor)
    Enterprise.objects.filter(unit=cast.unit_a).delete()
    Enterprise.objects.create(unit=cast.unit_a, uscc="91141002MA0L000001", size=SizeClass.SMALL)
    Enterprise.objects.filter(unit=cast.unit_b).delete()
    Enterprise.objects.create(unit=cast.unit_b, uscc="91141002MA0L000002", size=SizeClass.LARGE,
                              industry=IndustryClass.objects.filter(section=manufacturing).first())
    assert standard_in_force_for(unit=cast.unit_a, year=2025).standard == small
    assert standard_in_force_for(unit=cast.unit_b, year=2025).standard == factory_floor


def test_without_a_choice_the_application_is_refused_not_put_on_the_demonstration_standard(cast, regions):
    demo, _ = standard_load(text=(STANDARDS / "demo_all_features.yaml").read_text())  # a standard for any locality
    with pytest.raises(ApplicationError) as exc:
        application_open(unit=cast.unit_a, by=cast.rep_a, today=timezone.localdate())
    message = exc.value.messages[0]
    assert f"尚未选定 {timezone.localdate().year} 年度适用于企业的创建标准" in message
    assert "不会改用演示标准" in message and "尧都区" in message
    assert not Application.objects.filter(standard=demo).exists()


def test_the_application_opens_on_the_chosen_standard(cast, regions, city_standard):
    a_standard("ANY")  # a general standard lying around is never picked by itself
    put_in_force(city_standard, regions.city)
    application = application_open(unit=cast.unit_a, by=cast.rep_a, today=timezone.localdate())
    assert application.standard == city_standard


def test_an_example_standard_is_chosen_only_explicitly(cast, regions):
    example = a_standard("EX", example=True)
    with pytest.raises(ValidationError, match="是示例评分方案，不是正式标准"):
        standard_in_force_save(region=regions.city, year=2025, unit_kind="enterprise", standard=example,
                               by=cast.city_admin)
    row = standard_in_force_save(region=regions.city, year=2025, unit_kind="enterprise", standard=example,
                                 example_confirmed=True, by=cast.city_admin)
    assert row.standard.is_example


def test_another_localitys_standard_or_another_kind_is_refused(cast, regions):
    zaozhuang = a_standard("ZZ", locality="370400")
    with pytest.raises(ValidationError, match="是为枣庄市制定的，不适用于临汾市"):
        standard_in_force_save(region=regions.city, year=2025, unit_kind="enterprise", standard=zaozhuang,
                               by=cast.city_admin)
    with pytest.raises(ValidationError, match="所选标准适用于企业，与单位类型不符"):
        standard_in_force_save(region=regions.other_city, year=2025, unit_kind="park", standard=zaozhuang,
                               by=cast.city_admin_other)


def test_a_standard_scored_from_the_survey_needs_a_questionnaire_with_its_questions(cast, regions, questionnaire):
    text = GENERAL.format(code="SAT", title="SAT", extra="").replace(
        "title: 第一项}", "title: 第一项, satisfaction: no-such-question}")
    standard, _ = standard_load(text=text)
    with pytest.raises(ValidationError, match="请同时选定满意度调查问卷"):
        standard_in_force_save(region=regions.city, year=2025, unit_kind="enterprise", standard=standard,
                               by=cast.city_admin)
    with pytest.raises(ValidationError, match="按问卷题目“no-such-question”计分，但所选问卷没有这道题"):
        standard_in_force_save(region=regions.city, year=2025, unit_kind="enterprise", standard=standard,
                               questionnaire=questionnaire, by=cast.city_admin)


def test_a_county_of_a_city_run_campaign_does_not_choose_but_a_district_that_names_does(cast, regions,
                                                                                        city_standard):
    with pytest.raises(ValidationError, match="适用标准由市级三方办公室选定"):
        standard_in_force_save(region=regions.county_x, year=2025, unit_kind="enterprise", standard=city_standard,
                               by=cast.county_admin_x)
    CampaignPolicy.objects.create(region=regions.county_x, year=2023, naming_level=NamingLevel.COUNTY)
    row = standard_in_force_save(region=regions.county_x, year=2025, unit_kind="enterprise",
                                 standard=city_standard, by=cast.county_admin_x)
    assert row.region == regions.county_x


def test_a_choice_is_audited(cast, regions, city_standard):
    row = standard_in_force_save(region=regions.city, year=2025, unit_kind="enterprise", standard=city_standard,
                                 basis="临人社发〔2023〕8号", by=cast.city_admin)
    assert LogEntry.objects.get_for_object(row).exists()


def test_a_survey_uses_the_questionnaire_its_locality_chose(cast, regions, city_standard, questionnaire):
    text = (SHIPPED_QUESTIONNAIRE.read_text(encoding="utf-8")).replace('version: "2025.1"', 'version: "2026.1"')
    newer = survey_template_load_text(content=text, activate=True).template
    assert SurveyTemplate.objects.get(is_active=True) == newer
    row = put_in_force(city_standard, regions.city)
    row.questionnaire = questionnaire
    row.save()
    survey = survey_open(unit=cast.unit_a, year=2026, by=cast.rep_a)
    assert survey.template == questionnaire
