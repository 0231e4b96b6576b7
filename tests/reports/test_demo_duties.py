"""seed_demo's duties module: the localities' report duties, a 长春 community, Jilin's indicators, Hedong's rule."""

import datetime

import pytest
from django.core.management import call_command

from apps.accounts.models import User
from apps.applications.named_units.selectors import coordinator_gaps_for
from apps.regions.models import Region, RegionLevel
from apps.registry.units.models import Unit, UnitKind
from apps.reports.duties import duty_occurrences
from apps.reports.models import Indicator, IndicatorValue, ReportDuty

pytestmark = pytest.mark.django_db


def test_seed_demo_sets_the_localities_duties_community_indicators_and_coordinator_rule(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path
    call_command("seed_demo")
    counts = (ReportDuty.objects.count(), Indicator.objects.count(), IndicatorValue.objects.count(),
              Region.objects.count(), Unit.objects.count())
    call_command("seed_demo")
    assert (ReportDuty.objects.count(), Indicator.objects.count(), IndicatorValue.objects.count(),
            Region.objects.count(), Unit.objects.count()) == counts

    hedong = Region.objects.get(code="120102")
    due = {(o.duty.kind, o.region.name, o.due) for o in duty_occurrences(year=2025, within=hedong)}
    assert ("midterm", "河东区", datetime.date(2025, 10, 31)) in due
    zaozhuang = Region.objects.get(code="370400")
    due = {(o.duty.kind, o.region.name, o.due) for o in duty_occurrences(year=2025, within=zaozhuang)}
    assert ("county", "滕州市", datetime.date(2025, 11, 30)) in due
    assert ("midterm", "枣庄市", datetime.date(2025, 12, 31)) in due

    community = Region.objects.get(level=RegionLevel.COMMUNITY, parent__name="桂林街道")
    assert Unit.objects.filter(kind=UnitKind.COMMUNITY, township=community).exists()
    assert list(Indicator.objects.filter(region__code="220000").values_list("name", flat=True)) == [
        "劳动合同签订率", "劳动用工备案率", "企业职工工资增长率", "查处举报投诉案件结案率", "职工群众上访下降率",
        "劳动关系协调工作经费到位率"]
    assert not IndicatorValue.objects.filter(is_example=False).exists()

    office = User.objects.get(username="county_admin_120102")
    rows, rules = coordinator_gaps_for(user=office, today=datetime.date.today())
    assert [row.unit.name for row in rows] == ["河东区演示企业有限公司"]
    assert rules[0].deadline == datetime.date(2023, 10, 31)
