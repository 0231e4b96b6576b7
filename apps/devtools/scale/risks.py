"""Risk events: a heavy tail (most enterprises have none, a few have many), mostly minor, over five years."""

import itertools
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from apps.oversight.risks.models import RiskEvent

from .bulk import copy_rows, rng_for
from .registry import Registry

KINDS = [("arbitration_case", 0.30, "劳动人事争议仲裁院"), ("wage_arrears", 0.15, "劳动保障监察支队"),
         ("inspection_violation", 0.12, "劳动保障监察支队"), ("no_written_contract", 0.10, "劳动保障监察支队"),
         ("unpaid_social_insurance", 0.08, "社会保险事业中心"), ("excessive_overtime", 0.06, "劳动保障监察支队"),
         ("negative_opinion", 0.07, "网信办舆情监测"), ("group_petition", 0.05, "信访局"),
         ("safety_accident", 0.03, "应急管理局"), ("occupational_hazard", 0.02, "卫生健康委员会"),
         ("mass_incident", 0.01, "公安局"), ("work_stoppage", 0.01, "总工会")]
SEVERITIES = [1, 2, 3, 4]
SEVERITY_WEIGHTS = [0.80, 0.15, 0.04, 0.01]
SIZE_RISK = {"micro": 0.5, "small": 1.0, "medium": 2.5, "large": 5.0}
TZ = ZoneInfo("Asia/Shanghai")


def risk_events_build(*, registry: Registry, seed: int, count: int, years: int) -> int:
    rng = rng_for(seed, "risks")
    firms = registry.firms
    # Pareto weights give the heavy tail; poorer-run and larger enterprises draw more.
    weights = [rng.paretovariate(1.2) * SIZE_RISK[firm.size] * (1.5 - firm.quality) for firm in firms]
    cumulative = list(itertools.accumulate(weights))
    units = rng.choices(firms, cum_weights=cumulative, k=count)
    kinds = rng.choices(KINDS, weights=[weight for _, weight, _ in KINDS], k=count)
    severities = rng.choices(SEVERITIES, weights=SEVERITY_WEIGHTS, k=count)
    today = timezone.localdate()
    span = 365 * years
    start = today - timedelta(days=span)

    def rows():
        for firm, (kind, _, source), severity in zip(units, kinds, severities, strict=True):
            occurred = start + timedelta(days=rng.randrange(span))
            yield (firm.unit_id, firm.county.region.pk, firm.township_id, kind, occurred, severity, source,
                   f"{source}通报（基准数据）", "import", "", datetime.combine(occurred, time(16), TZ))

    return copy_rows(RiskEvent, ["unit_id", "region_id", "township_id", "kind", "occurred_on", "severity", "source",
                                 "description", "channel", "external_id", "created_at"], rows())

