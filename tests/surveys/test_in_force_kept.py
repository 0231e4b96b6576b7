"""The standard in force as the self-evaluation page shows it, kept in the cache (``standard_in_force_kept``) until
a row in force, a standard or a questionnaire changes (every unit's), or the unit or its enterprise profile does
(that unit's). Each test keeps the value first, changes the row by the plain ``save()`` a service or the admin
makes, and reads it again: without the receiver that drops it, the old value would come back."""

import pytest

from apps.registry.enterprises.models import SizeClass
from apps.surveys.in_force import standard_in_force_kept
from apps.surveys.models import StandardInForce
from tests.factories import EnterpriseFactory
from tests.fixtures.standards import put_in_force
from tests.surveys.test_in_force import a_standard

pytestmark = pytest.mark.django_db

YEAR = 2026


@pytest.fixture
def general(regions):
    return put_in_force(a_standard("GENERAL"), regions.city, year=2023)


def test_a_changed_row_in_force_shows_at_once(cast, general):
    assert standard_in_force_kept(unit=cast.unit_a, year=YEAR).basis == "测试"
    general.basis = "市级三方办公室第 2 号文"
    general.save()
    assert standard_in_force_kept(unit=cast.unit_a, year=YEAR).basis == "市级三方办公室第 2 号文"


def test_a_new_row_nearer_the_unit_takes_over_at_once(cast, regions, general):
    assert standard_in_force_kept(unit=cast.unit_a, year=YEAR) == general
    county = put_in_force(a_standard("COUNTY"), regions.county_x, year=2024)
    assert standard_in_force_kept(unit=cast.unit_a, year=YEAR) == county
    county.delete()
    assert standard_in_force_kept(unit=cast.unit_a, year=YEAR) == general


def test_a_renamed_standard_shows_at_once(cast, general):
    assert standard_in_force_kept(unit=cast.unit_a, year=YEAR).standard.title == "GENERAL 标准"
    general.standard.title = "改名后的标准"
    general.standard.save()
    assert standard_in_force_kept(unit=cast.unit_a, year=YEAR).standard.title == "改名后的标准"


def test_a_renamed_questionnaire_shows_at_once(cast, general, questionnaire):
    general.questionnaire = questionnaire
    general.save()
    assert standard_in_force_kept(unit=cast.unit_a, year=YEAR).questionnaire.title == questionnaire.title
    questionnaire.title = "改名后的问卷"
    questionnaire.save()
    assert standard_in_force_kept(unit=cast.unit_a, year=YEAR).questionnaire.title == "改名后的问卷"


def test_an_enterprise_of_another_size_gets_its_variant_at_once(regions, general):
    enterprise = EnterpriseFactory(unit__region=regions.county_x, size=SizeClass.MEDIUM)
    small = StandardInForce.objects.create(region=regions.city, year=2023, unit_kind=general.unit_kind,
                                           enterprise_size=SizeClass.SMALL, standard=a_standard("SMALL"))
    assert standard_in_force_kept(unit=enterprise.unit, year=YEAR) == general
    enterprise.size = SizeClass.SMALL
    enterprise.save()
    assert standard_in_force_kept(unit=enterprise.unit, year=YEAR) == small


def test_a_unit_moved_to_another_county_gets_that_countys_choice_at_once(cast, regions, general):
    other = put_in_force(a_standard("QUWO"), regions.county_y, year=2024)
    assert standard_in_force_kept(unit=cast.unit_a, year=YEAR) == general
    unit = cast.unit_a
    unit.region, unit.township = regions.county_y, None
    unit.save()
    assert standard_in_force_kept(unit=unit, year=YEAR) == other
