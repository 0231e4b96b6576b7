import datetime

import pytest

from apps.oversight.revocations.models import RevocationRule
from apps.oversight.risks.models import RiskKind, Severity
from tests.factories import named


@pytest.fixture
def title_a(cast, regions):
    """Unit A (county X) named by 临汾市 on 2024-12-01, valid three years."""
    return named(cast.unit_a, city=regions.city, by=cast.city_admin, issued_on=datetime.date(2024, 12, 1))


@pytest.fixture
def major_rule(regions):
    return RevocationRule.objects.create(
        city=regions.city, name="重大违法或群体性事件",
        kinds=[RiskKind.INSPECTION_VIOLATION, RiskKind.MASS_INCIDENT, RiskKind.WAGE_ARREARS],
        min_severity=Severity.MAJOR)


@pytest.fixture
def arbitration_rule(regions):
    return RevocationRule.objects.create(
        city=regions.city, name="12个月内3件仲裁案", kinds=[RiskKind.ARBITRATION_CASE], min_count=3, window_days=365)
