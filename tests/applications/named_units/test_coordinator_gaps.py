"""Hedong (seed 004, 二(六)): each harmonious enterprise has at least one certified coordinator by November 2023."""

import datetime

import pytest
from django.urls import reverse

from apps.applications.named_units.selectors import coordinator_gaps_for
from apps.campaigns.models import CampaignPolicy, NamingLevel
from apps.home.workbench import home_for
from apps.registry.coordinators.models import Coordinator
from tests.factories import UnitFactory, named

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 3, 1)


@pytest.fixture
def hedong_rule(regions):
    return CampaignPolicy.objects.create(region=regions.county_x, year=2023, naming_level=NamingLevel.COUNTY,
                                         coordinators_per_named_unit=1,
                                         coordinators_deadline=datetime.date(2023, 10, 31))


@pytest.fixture
def titles(regions, cast):
    lacking = UnitFactory(name="无协调员公司", region=regions.county_x)
    expired = UnitFactory(name="证书过期公司", region=regions.county_x)
    covered = UnitFactory(name="有持证协调员公司", region=regions.county_x)
    elsewhere = UnitFactory(name="曲沃无协调员公司", region=regions.county_y)
    for unit in (lacking, expired, covered, elsewhere):
        named(unit, city=regions.city, by=cast.city_admin, issued_on=datetime.date(2025, 12, 1))
    Coordinator.objects.create(full_name="王五", region=regions.county_x, certificate_number="LR-001",
                               valid_until=datetime.date(2025, 12, 31)).units.add(expired)
    Coordinator.objects.create(full_name="赵六", region=regions.county_x, certificate_number="").units.add(expired)
    Coordinator.objects.create(full_name="张三", region=regions.county_x, certificate_number="LR-002",
                               valid_until=datetime.date(2028, 1, 1)).units.add(covered)
    return {"lacking": lacking, "expired": expired, "covered": covered, "elsewhere": elsewhere}


def test_named_enterprises_without_a_valid_certificate_holder_are_listed_where_the_policy_requires_one(
        regions, cast, hedong_rule, titles):
    rows, rules = coordinator_gaps_for(user=cast.county_admin_x, today=TODAY)
    assert {title.unit.name for title in rows} == {"无协调员公司", "证书过期公司"}
    assert [(rule.required, rule.deadline, rule.overdue(TODAY)) for rule in rules] == [
        (1, datetime.date(2023, 10, 31), True)]
    # 曲沃县 follows the city, whose documents set no such rule: nothing to list there.
    rows, rules = coordinator_gaps_for(user=cast.county_admin_y, today=TODAY)
    assert list(rows) == [] and rules == []


def test_without_the_rule_nothing_is_listed(regions, cast, titles):
    rows, rules = coordinator_gaps_for(user=cast.city_admin, today=TODAY)
    assert list(rows) == [] and rules == []


def test_the_page_shows_the_deadline_and_only_the_offices_own_units(client, regions, cast, hedong_rule, titles,
                                                                    time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 1, 9, 0))
    client.force_login(cast.county_admin_x)
    html = client.get(reverse("named_units:coordinator_gaps")).content.decode()
    assert "无协调员公司" in html and "证书过期公司" in html and "有持证协调员公司" not in html
    assert "期限 2023-10-31" in html and "已逾期" in html
    client.force_login(cast.city_admin_other)
    html = client.get(reverse("named_units:coordinator_gaps")).content.decode()
    assert "无协调员公司" not in html
    client.force_login(cast.reviewers_x["hrss"])
    assert client.get(reverse("named_units:coordinator_gaps")).status_code == 403


def test_the_workbench_counts_them(regions, cast, hedong_rule, titles, time_machine):
    time_machine.move_to(datetime.datetime(2026, 3, 1, 9, 0))
    sections = {str(s.title): s for home in home_for(cast.county_admin_x) for s in home.sections}
    assert [(i.label, i.note) for i in sections["命名单位配备协调员"].items] == [
        ("缺少持证协调员的命名单位 2 家", "已过配备期限")]
    sections = {str(s.title): s for home in home_for(cast.county_admin_y) for s in home.sections}
    assert "命名单位配备协调员" not in sections
