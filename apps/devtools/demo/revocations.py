"""Demo of dynamic management for seed_demo: revocation rules, an API client, incentives of named units.

Idempotent. The API client's token is fixed and printed, like the demo password, so that a new user can
post a risk event with curl right after ``make demo``; it is a demo credential and nothing else.
"""

import datetime

from django.db import connection
from django.utils import timezone

from apps.accounts.models import User
from apps.applications.recognitions.models import Recognition, RecognitionStatus
from apps.oversight.incentives.models import IncentiveGrant, IncentiveMeasure
from apps.oversight.incentives.services import eligibility_problems, incentive_grant_create
from apps.oversight.revocations.models import RevocationRule
from apps.oversight.risks.models import TOKEN_VALID_DAYS, ApiClient, RiskKind, Severity, token_digest
from apps.regions.models import Region

DEMO_API_TOKEN = "demo-risk-api-token-only-for-the-demo-141000"
DEMO_API_SOURCE = "demo-inspection"
DEMO_MEASURES = ("public-service-fast-track", "subsidy-fast-track", "award-reference")

RULES = (
    ("重大违法或群体性事件", [RiskKind.INSPECTION_VIOLATION, RiskKind.MASS_INCIDENT, RiskKind.WORK_STOPPAGE,
                             RiskKind.WAGE_ARREARS, RiskKind.SAFETY_ACCIDENT, RiskKind.OCCUPATIONAL_HAZARD],
     Severity.MAJOR, 1, None),
    ("12个月内3件劳动争议仲裁案件", [RiskKind.ARBITRATION_CASE], Severity.MINOR, 3, 365),
    ("12个月内2次群体访", [RiskKind.GROUP_PETITION], Severity.MINOR, 2, 365),
)


def demo_dynamic_management(*, city: Region, city_admin: User) -> list[str]:
    """Create the demo rules, API client and incentive grants; returns lines telling how to try them."""
    for name, kinds, min_severity, min_count, window_days in RULES:
        RevocationRule.objects.get_or_create(city=city, name=name, defaults={
            "kinds": list(kinds), "min_severity": min_severity, "min_count": min_count,
            "window_days": window_days, "updated_by": city_admin})
    client = ApiClient.objects.filter(source=DEMO_API_SOURCE).first() or ApiClient(
        name="演示：劳动保障监察系统", source=DEMO_API_SOURCE, region=city)
    client.token_hash = token_digest(DEMO_API_TOKEN)
    client.token_expires_at = timezone.now() + datetime.timedelta(days=TOKEN_VALID_DAYS)
    client.save()

    lines = []
    titles = (Recognition.objects.filter(city=city, status=RecognitionStatus.VALID)
              .select_related("unit").order_by("number"))
    for title in titles:
        for measure in IncentiveMeasure.objects.filter(region=city, code__in=DEMO_MEASURES):
            running = IncentiveGrant.objects.filter(measure=measure, recognition=title, ended_on__isnull=True)
            if not running.exists() and not eligibility_problems(measure=measure, recognition=title):
                incentive_grant_create(measure=measure, recognition=title, granted_on=title.issued_on,
                                       by=city_admin, note="演示")
        lines.append(f"{title.unit.name}：单位编号 {title.unit_id}，证书编号 {title.number}，"
                     f"查验 /verify/{title.number}/")
    lines.append(f"风险事件接口令牌（仅限演示）：{DEMO_API_TOKEN}")
    if connection.vendor != "postgresql":
        lines.append("注意：取消命名检查需要 PostgreSQL，请设置 DATABASE_URL 后运行 make demo。")
    return lines
