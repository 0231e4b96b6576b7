"""The figures against counts made by hand over the same data."""

from decimal import Decimal

import pytest

from apps.reports.figures import figures_for, scope_for
from apps.surveys.selectors import rate_percent
from tests.fixtures.reports import YEAR, count

pytestmark = pytest.mark.django_db


def tables(sections) -> dict:
    return {table.key: table for section in sections for table in section.tables}


def test_city_overview_matches_a_count_by_hand(city_data, regions):
    figures = tables(figures_for(scope_for(region=regions.city, year=YEAR)))
    overview = {row[0]: row[1:] for row in figures["overview"].rows}
    submitted, passed = count(city_data, submitted=True), count(city_data, passed=True)
    before = count(city_data, year=YEAR - 1, submitted=True)
    assert overview["提交申报（家）"] == [submitted, before, submitted - before]
    assert overview["县级验收通过（家）"][0] == passed
    assert overview["通过率（%）"][0] == rate_percent(passed, submitted)
    assert overview["认定命名（家）"][0] == sum(1 for spec, _ in city_data.applications
                                          if spec[4] == "named" and spec[5] == YEAR)
    assert overview["取消命名（家）"] == [1, 0, 1]
    satisfied = sum(s for s, _ in city_data.survey_answers.values())
    total = sum(t for _, t in city_data.survey_answers.values())
    assert overview["职工满意率（%）"][0] == rate_percent(satisfied, total)


def test_city_compares_its_counties_side_by_side(city_data, regions):
    rows = {row[0]: row for row in tables(figures_for(scope_for(region=regions.city, year=YEAR)))["by_county"].rows}
    for key, county in (("x", regions.county_x), ("y", regions.county_y)):
        submitted, passed = count(city_data, county=key, submitted=True), count(city_data, county=key, passed=True)
        assert rows[county.name][2:5] == [submitted, passed, rate_percent(passed, submitted)]
        assert rows[county.name][7] == rate_percent(*city_data.survey_answers[key])


def test_counties_are_listed_in_division_code_order_not_in_order_of_entry(city_data, regions):
    from tests.factories import RegionFactory

    # Entered last (the highest id), but its code 141001 comes before 尧都区 (141002) and 曲沃县 (141021).
    RegionFactory(name="市辖区", code="141001", level="county", parent=regions.city)
    rows = tables(figures_for(scope_for(region=regions.city, year=YEAR)))["by_county"].rows
    assert [row[0] for row in rows][:3] == ["市辖区", regions.county_x.name, regions.county_y.name]


def test_county_figures_leave_out_other_counties(city_data, regions):
    figures = tables(figures_for(scope_for(region=regions.county_x, year=YEAR)))
    assert "by_county" not in figures
    overview = {row[0]: row[1] for row in figures["overview"].rows}
    assert overview["提交申报（家）"] == count(city_data, county="x", submitted=True)


def test_average_item_scores_and_weakest_items(city_data, regions):
    figures = tables(figures_for(scope_for(region=regions.city, year=YEAR)))
    items = {row[1]: row for row in figures["item_scores"].rows}
    # Item 1 of the enterprise standard, submitted 2026 applications only (drafts left out).
    values = [Decimal(spec[6]) for spec, _ in city_data.applications
              if spec[5] == YEAR and spec[4] != "draft" and spec[1] == "enterprise" and spec[6]]
    assert items["1"][3] == len(values)
    assert items["1"][4] == (sum(values) / len(values)).quantize(Decimal("0.01"))
    weakest = figures["weakest"].rows
    assert [row[2] for row in weakest] == sorted(row[2] for row in weakest)


def test_midterm_sums_every_campaign_year_up_to_its_year(city_data, regions):
    scope = scope_for(region=regions.city, year=YEAR, cumulative=True)
    assert scope.years == (YEAR - 1, YEAR)
    overview = {row[0]: row[1] for row in tables(figures_for(scope))["overview"].rows}
    assert overview["提交申报（家）"] == count(city_data, submitted=True) + count(city_data, year=YEAR - 1,
                                                                                submitted=True)


def test_trend_has_one_row_per_campaign_year(city_data, regions):
    rows = tables(figures_for(scope_for(region=regions.city, year=YEAR)))["trend"].rows
    assert [row[0] for row in rows] == [str(YEAR - 1), str(YEAR)]
    assert rows[0][1] == count(city_data, year=YEAR - 1, submitted=True)
