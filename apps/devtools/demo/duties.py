"""Demo of the localities' report duties, a 长春 community, Jilin's indicators and Hedong's coordinator rule.

Idempotent: regions are found by code (or name under their parent), policy versions by region and year, so the
campaign policies another module seeds (demo/policies.py) are extended here, never replaced. Only facts from the
documents: the dates and recipients of seeds 001 (枣庄) and 004 (河东), the six indicators of seed 003 (吉林);
the indicator values are examples and marked so.
"""

import datetime
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from apps.accounts.models import Role
from apps.accounts.services import membership_grant, user_get_or_create
from apps.applications.recognitions.services import recognition_create
from apps.campaigns.models import CampaignPolicy
from apps.campaigns.selectors import policies_changed
from apps.regions.models import Region, RegionLevel
from apps.regions.services import region_get_or_create
from apps.registry.parks.models import AreaKind, Park
from apps.registry.parks.services import park_create
from apps.registry.units.models import Unit, UnitKind
from apps.reports.models import Indicator, IndicatorValue, ReportDuty, ReportingLevel, ReportKind

ZAOZHUANG, HEDONG, TIANJIN, JILIN, CHANGCHUN, CHAOYANG = "370400", "120102", "120000", "220000", "220100", "220104"
PLAN_YEAR = 2023  # both plans run from 2023 (枣庄: 2023年5月—2027年12月; 河东: 2023年8月—2027年10月)
LEAD_DAYS = 15

# (region code, kind, level, yearly (month, day) or a fixed date, recipient, provision)
DUTIES = (
    (ZAOZHUANG, ReportKind.COUNTY, ReportingLevel.COUNTY, (11, 30), "市协调劳动关系三方委员会办公室",
     "四(四)1 每年11月底前"),
    (ZAOZHUANG, ReportKind.MIDTERM, ReportingLevel.CITY, datetime.date(2025, 12, 31), "",
     "四(四)3 中期评估，2025年12月底前"),
    (ZAOZHUANG, ReportKind.FINAL, ReportingLevel.CITY, datetime.date(2027, 12, 31), "",
     "四(四)4 总结评估，2027年12月底前"),
    (HEDONG, ReportKind.COUNTY, ReportingLevel.COUNTY, (11, 30), "市协调劳动关系三方", "四(一) 每年12月前"),
    (HEDONG, ReportKind.MIDTERM, ReportingLevel.COUNTY, datetime.date(2025, 10, 31), "",
     "四(二) 方案中期评估，2025年11月前"),
    (HEDONG, ReportKind.FINAL, ReportingLevel.COUNTY, datetime.date(2027, 10, 31), "",
     "四(三) 方案总结评估，2027年11月前"),
)

# Seed 003, 三(五): the indicators listed for the target-responsibility system, in its order; rates capped at 100.
INDICATORS = (
    ("劳动合同签订率", 100), ("劳动用工备案率", 100), ("企业职工工资增长率", None),
    ("查处举报投诉案件结案率", 100), ("职工群众上访下降率", None), ("劳动关系协调工作经费到位率", 100),
)
INDICATOR_SOURCE = "吉林省劳动关系工作体系建设工程实施方案 三(五)"
# Example values only (the document sets no figures): target, actual.
EXAMPLE_VALUES = ((95, 96), (90, 85), (6, 7), (95, 97), (10, 12), (100, 80))


def _policy(code: str) -> CampaignPolicy:
    policy, _created = CampaignPolicy.objects.get_or_create(region=Region.objects.get(code=code), year=PLAN_YEAR)
    return policy


def demo_report_duties() -> None:
    for code, kind, level, due, recipient, provision in DUTIES:
        yearly = isinstance(due, tuple)
        ReportDuty.objects.update_or_create(policy=_policy(code), kind=kind, reporting_level=level, defaults={
            "due_month": due[0] if yearly else None, "due_day": due[1] if yearly else None,
            "due_date": None if yearly else due, "recipient": recipient, "lead_days": LEAD_DAYS,
            "provision": provision})


def demo_hedong_coordinators(*, password: str) -> list[str]:
    """Hedong's rule (seed 004, 二(六): 2023年11月前, 和谐企业至少配备1名 certified coordinator) and one named
    enterprise without one, named by the district office, so the list and the workbench count show it."""
    policy = _policy(HEDONG)
    CampaignPolicy.objects.filter(pk=policy.pk).update(coordinators_per_named_unit=1,
                                                       coordinators_deadline=datetime.date(2023, 10, 31))
    policies_changed()  # an update() sends no post_save: what is kept from the policies would not drop
    hedong = policy.region
    office, _created = user_get_or_create(username=f"county_admin_{HEDONG}", password_hash=make_password(password),
                                          full_name="河东区三方办公室")
    membership_grant(user=office, role=Role.COUNTY_ADMIN, region=hedong)
    unit, _created = Unit.objects.get_or_create(name="河东区演示企业有限公司", defaults={
        "kind": UnitKind.ENTERPRISE, "region": hedong})
    if not unit.recognitions.exists():
        today = timezone.localdate()
        recognition_create(unit=unit, city=Region.objects.get(code=TIANJIN), year=today.year, issued_on=today,
                           by=office, title="天津市河东区劳动关系和谐企业", level="区级")
    return [f"county_admin_{HEDONG}：河东区三方办公室（工作台“命名单位配备协调员”、报告任务中的区中期/终期评估）"]


def demo_changchun_community(*, password: str) -> list[str]:
    """A community under a 长春 street (seed 003: 五级 … 社区), taking part as a community unit, and its staff."""
    street = Region.objects.get(parent__code=CHAOYANG, name="桂林街道")
    community = region_get_or_create(name="演示社区", level=RegionLevel.COMMUNITY, parent=street)
    if not Park.objects.filter(area_region=community).exists():
        park_create(name="桂林街道演示社区", region=street.parent, area_kind=AreaKind.COMMUNITY,
                    area_region=community, by=None)
    staff, _created = user_get_or_create(username=f"community_{CHAOYANG}", password_hash=make_password(password),
                                         full_name="演示社区劳动关系协调小组")
    membership_grant(user=staff, role=Role.TOWNSHIP_STAFF, region=community)
    return [f"community_{CHAOYANG}：长春市朝阳区桂林街道演示社区的工作人员（社区一级）"]


def demo_jilin_indicators(*, password: str) -> list[str]:
    """Jilin's catalogue, example values for 长春市 and 朝阳区 this year, and 长春's city office to record them."""
    province = Region.objects.get(code=JILIN)
    indicators = []
    for position, (name, cap) in enumerate(INDICATORS, start=1):
        indicator, _created = Indicator.objects.update_or_create(region=province, name=name, defaults={
            "max_value": cap, "position": position, "source_document": INDICATOR_SOURCE})
        indicators.append(indicator)
    year = timezone.localdate().year
    for region in (Region.objects.get(code=CHANGCHUN), Region.objects.get(code=CHAOYANG)):
        for indicator, (target, actual) in zip(indicators, EXAMPLE_VALUES, strict=True):
            IndicatorValue.objects.get_or_create(indicator=indicator, region=region, year=year, defaults={
                "target": Decimal(target), "actual": Decimal(actual), "is_example": True})
    office, _created = user_get_or_create(username=f"city_admin_{CHANGCHUN}", password_hash=make_password(password),
                                          full_name="长春市三方办公室")
    membership_grant(user=office, role=Role.CITY_ADMIN, region=Region.objects.get(code=CHANGCHUN))
    return [f"city_admin_{CHANGCHUN}：长春市三方办公室（目标责任指标 /reports/indicators/，数值为示例）"]


def demo_duties(*, password: str) -> list[str]:
    """Everything above; returns lines telling how to try it."""
    demo_report_duties()
    return [
        *demo_hedong_coordinators(password=password),
        *demo_changchun_community(password=password),
        *demo_jilin_indicators(password=password),
        "报告任务：/reports/duties/（枣庄市、河东区实施方案规定的报告；系统在截止日期前 15 天自动生成）",
    ]
