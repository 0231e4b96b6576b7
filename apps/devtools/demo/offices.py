"""Demo of the offices' own work for seed_demo: training and outreach sessions and honour recommendations.

Idempotent: a session is found by region, date and topic, an honour by region, year, title and recipient. The
kinds and wording come from the documents (枣庄 三(二)1 专题培训; 河东 二(二) 座谈会、问需会, 三(六) 协调员培训 by
庭审观摩, 和谐劳动关系大讲堂; 十堰 政策宣讲 and 金牌劳动关系协调员; 临汾/枣庄/河东 先进集体、先进个人); dates, numbers
and names are examples, and every document number says 演示.
"""

import datetime
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from apps.accounts.models import User
from apps.offices.honours.models import Honour, HonourCategory, HonourStatus, RecommendingLevel
from apps.offices.training.models import Training, TrainingKind, TrainingMaterial, TrainingMethod
from apps.regions.models import Region
from apps.registry.coordinators.models import Coordinator
from apps.registry.units.models import Unit

HANDOUT = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

# (month, day, kind, method, topic, audience, hours, people, with the county's coordinator and demo units)
COUNTY_SESSIONS = (
    (3, 12, TrainingKind.TOPIC, TrainingMethod.CLASSROOM, "和谐劳动关系专题培训：劳动合同与工资工时制度",
     "培育企业负责人、人力资源工作人员", Decimal("3"), 46, False),
    (4, 18, TrainingKind.COORDINATOR, TrainingMethod.COURT_VISIT, "劳动关系协调员培训：劳动争议庭审观摩",
     "劳动关系协调员", Decimal("4"), 18, True),
    (6, 6, TrainingKind.LECTURE_HALL, TrainingMethod.CASE_STUDY, "和谐劳动关系大讲堂：集体协商案例讲解",
     "辖区企业", Decimal("2"), 120, True),
    (9, 20, TrainingKind.FORUM, TrainingMethod.DISCUSSION, "企业用工问需会", "重点企业", Decimal("0"), 15, False),
)


def _on(year: int, month: int, day: int) -> datetime.date:
    return min(datetime.date(year, month, day), timezone.localdate())


def _session(*, region: Region, held_on: datetime.date, kind: str, method: str, topic: str, audience: str,
             hours: Decimal, people: int, organiser: str, by: User) -> Training:
    training, _created = Training.objects.get_or_create(
        region=region, held_on=held_on, topic=topic,
        defaults={"kind": kind, "method": method, "organiser": organiser, "audience": audience, "hours": hours,
                  "people_count": people, "summary": "演示数据", "recorded_by": by},
    )
    return training


def demo_offices(*, city: Region, county: Region, county_admin: User, city_admin: User) -> list[str]:
    """Sessions of the demo county (this year and last) and the city, honours of both; returns how to see them."""
    today = timezone.localdate()
    coordinator = Coordinator.objects.filter(region=county).order_by("pk").first()
    units = list(Unit.objects.filter(region=county).order_by("pk")[:3])
    for year in (today.year - 1, today.year):
        for month, day, kind, method, topic, audience, hours, people, takes_part in COUNTY_SESSIONS:
            held_on = _on(year, month, day)
            training = _session(region=county, held_on=held_on, kind=kind, method=method, topic=topic,
                                audience=audience, hours=hours, people=people,
                                organiser=f"{county.name}协调劳动关系三方办公室", by=county_admin)
            if takes_part:
                training.units.add(*units)
                if coordinator is not None:
                    training.coordinators.add(coordinator)
            if kind == TrainingKind.COORDINATOR and not training.materials.exists():
                material = TrainingMaterial(training=training, original_name="培训讲义（演示）.pdf",
                                            content_type="application/pdf", size=len(HANDOUT),
                                            uploaded_by=county_admin)
                material.file.save("handout.pdf", ContentFile(HANDOUT), save=False)
                material.save()
        _session(region=city, held_on=_on(year, 5, 15), kind=TrainingKind.POLICY_BRIEFING,
                 method=TrainingMethod.ON_SITE, topic="惠企政策宣讲进园区", audience="规上工业企业",
                 hours=Decimal("0"), people=60, organiser=f"{city.name}人力资源和社会保障局", by=city_admin)

    year = today.year
    honours = (
        (county, HonourCategory.COLLECTIVE, "全国和谐劳动关系创建工作先进集体", RecommendingLevel.COUNTY,
         f"{county.name}劳动人事争议仲裁院", "", None, HonourStatus.RECOMMENDED, ""),
        (county, HonourCategory.INDIVIDUAL, "省和谐劳动关系创建工作先进个人", RecommendingLevel.CITY,
         "张演示", f"{county.name}人力资源和社会保障局", None, HonourStatus.AWARDED, f"演示〔{year}〕1号"),
        (city, HonourCategory.INDIVIDUAL, "全国和谐劳动关系创建工作先进个人", RecommendingLevel.PROVINCE,
         "李演示", f"{city.name}总工会", None, HonourStatus.NOT_AWARDED, f"演示〔{year}〕2号"),
    )
    if coordinator is not None:
        honours += ((county, HonourCategory.COORDINATOR, "金牌劳动关系协调员", RecommendingLevel.CITY,
                     coordinator.full_name, coordinator.employer, coordinator, HonourStatus.RECOMMENDED, ""),)
    for region, category, title, level, recipient, employer, person, status, number in honours:
        Honour.objects.get_or_create(
            region=region, year=year, title=title, recipient=recipient,
            defaults={"category": category, "level": level, "employer": employer, "coordinator": person,
                      "status": status, "document_number": number, "recorded_by": county_admin,
                      "decided_on": None if status == HonourStatus.RECOMMENDED else today,
                      "deeds": "演示数据"},
        )
    return [
        f"county_admin_{county.code}：“单位与队伍 › 培训宣传”本年 {len(COUNTY_SESSIONS)} 场活动（含协调员培训讲义）、"
        "“协调员培训学时”；“荣誉推荐”含金牌劳动关系协调员",
        f"city_admin：{city.name}的政策宣讲，以及各县的统计",
    ]
