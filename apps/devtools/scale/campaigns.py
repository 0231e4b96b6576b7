"""Five campaign years: the scale standard, each city's calendar, applications with their answers and history.

Only enterprises apply (the shipped standards for parks and townships name
their own localities). Participation grows year by year; past years are
settled (named, revoked, not passed, returned, never submitted), the current
year is mid-way. The synthetic units have no representative logins, except
the bench ones, so their submissions and history rows are attributed to their
county office.
"""

import itertools
import json
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import yaml
from django.conf import settings
from django.utils import timezone

from apps.applications.assessments.models import Answer, Application, ApplicationEvent, ApplicationRevision
from apps.applications.assessments.selectors import standard_with_items
from apps.campaigns.models import CampaignYear
from apps.standards.models import Standard
from apps.standards.scoring import VETO, VETO_NO, fmt_score, score
from apps.standards.selectors import standard_spec
from apps.standards.services import standard_load

from .bulk import copy_rows, picker, reserve_ids, rng_for
from .people import People
from .province import PROVINCE_CODE, Province
from .registry import Firm, Registry

TZ = ZoneInfo("Asia/Shanghai")
PARTICIPATION = [0.08, 0.10, 0.12, 0.14, 0.16]  # share of enterprises applying, oldest year first
PAST_STATUSES = [("named", 0.50), ("revoked", 0.02), ("not_passed", 0.12), ("returned", 0.08), ("draft", 0.28)]
CURRENT_STATUSES = [("draft", 0.35), ("submitted", 0.15), ("county_review", 0.22), ("returned", 0.05),
                    ("not_passed", 0.03), ("county_approved", 0.12), ("city_confirmed", 0.06), ("named", 0.02)]
SUBMIT = ("draft", "submitted", (9, 15), "")
REVIEW = ("submitted", "county_review", (10, 10), "")
PATHS = {
    "draft": [],
    "submitted": [SUBMIT],
    "county_review": [SUBMIT, REVIEW],
    "returned": [SUBMIT, REVIEW, ("county_review", "returned", (11, 5), "部分条目佐证材料不足，请补充后重新提交。")],
    "not_passed": [SUBMIT, REVIEW, ("county_review", "not_passed", (11, 5), "三方评估得分未达到达标线。")],
    "county_approved": [SUBMIT, REVIEW, ("county_review", "county_approved", (11, 5), "")],
}
PATHS["city_confirmed"] = PATHS["county_approved"] + [("county_approved", "city_confirmed", (11, 12), "")]
PATHS["named"] = PATHS["city_confirmed"] + [("city_confirmed", "in_notice", (11, 14), ""),
                                            ("in_notice", "named", (11, 20), "")]
PATHS["revoked"] = PATHS["named"] + [("named", "revoked", (18, 1), "发生重大劳动关系违法行为，取消命名。")]
NARRATIVES = ["已按要求落实，相关制度和记录齐全。", "本年度召开职工代表大会两次，审议通过相关事项。",
              "集体合同已报人社部门备案。", "已建立劳动争议调解委员会，全年调解纠纷若干起。", ""]


@dataclass
class Leaf:
    pk: int
    code: str
    kind: str
    high: float


@dataclass
class AppRecord:
    """One generated application, for the parts that build panels, titles and incentives on it."""
    pk: int
    firm: Firm
    year: int
    status: str
    quality: float
    total: Decimal


def scale_standard() -> Standard:
    """The Linfen enterprise standard's text, loaded again for the synthetic province."""
    data = yaml.safe_load((settings.BASE_DIR / "fixtures" / "standards" / "linfen_enterprise_2023.yaml").read_text())
    data.update(code="SCALE-ENT", locality=PROVINCE_CODE,
                title="基准省和谐劳动关系创建企业评估表（示例评分方案，基准测试用）")
    standard, _ = standard_load(text=yaml.safe_dump(data, allow_unicode=True, sort_keys=False), source="seed_scale")
    return standard


def leaves_of(standard: Standard) -> list[Leaf]:
    return [Leaf(pk=c.pk, code=c.code, kind=c.kind, high=float(c.max_score or 0))
            for c in standard.criteria.order_by("position") if c.kind != "group"]


def moment(year: int, month_day: tuple[int, int]) -> datetime:
    """A history date; month 18 means June of the next year. Never later than now."""
    month, day = month_day
    when = date(year + 1, month - 12, day) if month > 12 else date(year, month, day)
    return min(datetime.combine(when, time(10), TZ), timezone.now())


def campaign_years_build(*, province: Province, years: list[int]) -> dict[tuple[int, int], int]:
    today = timezone.localdate()
    rows = []
    for city in province.cities:
        for year in years:
            current = year == years[-1]
            opens = min(today, date(year, 1, 1)) if current else date(year, 3, 1)
            rows.append(CampaignYear(
                city=city, year=year, self_evaluation_opens=opens,
                self_evaluation_closes=date(year, 12, 31) if current else date(year, 9, 30),
                county_review_deadline=date(year, 12, 31), city_confirmation_deadline=date(year, 12, 31)))
    return {(row.city_id, row.year): row.pk for row in CampaignYear.objects.bulk_create(rows)}


def applications_build(*, province: Province, registry: Registry, people: People, seed: int,
                       years: list[int], standard: Standard) -> list[AppRecord]:
    rng = rng_for(seed, "campaigns")
    campaigns = campaign_years_build(province=province, years=years)
    leaves = leaves_of(standard)
    spec = standard_spec(standard_with_items(standard.pk))
    picks = {name: picker(rng, weights) for name, weights in (("past", PAST_STATUSES), ("current", CURRENT_STATUSES))}
    plan: list[tuple[Firm, int, str]] = []
    for index, year in enumerate(years):
        rate = PARTICIPATION[max(index - len(years), -len(PARTICIPATION))]
        pick = picks["current" if year == years[-1] else "past"]
        plan.extend((firm, year, pick()) for firm in registry.firms if rng.random() < rate)
    current = years[-1]
    plan.extend((firm, current, "rush") for firm in registry.rush_firms)
    plan.append((registry.page_firm, current, "page"))

    first = reserve_ids(Application, len(plan))
    records, app_rows, answer_rows, revision_rows, event_rows = [], [], [], [], []
    for pk, (firm, year, status) in zip(itertools.count(first), plan, strict=False):
        created = datetime.combine(date(year, 8, 1), time(9), TZ)
        county_admin = people.county_admins[firm.county.region.pk]
        submitted = status not in ("draft", "rush", "page")
        quality = 0.88 + 0.12 * firm.quality if submitted or status == "page" else 0.5 + 0.5 * firm.quality
        values = {}
        if status != "rush":
            answered = leaves if submitted or status == "page" else rng.sample(leaves, rng.randint(0, len(leaves)))
            for leaf in answered:
                values[leaf.code] = leaf_answer(rng, leaf, quality)
                answer_rows.append((pk, leaf.pk, values[leaf.code], rng.choice(NARRATIVES), created))
        result = score(spec, values)
        final = "draft" if status in ("rush", "page") else status
        app_rows.append((pk, firm.unit_id, firm.county.region.pk, firm.township_id, firm.name,
                         campaigns[(firm.county.city.pk, year)], standard.pk, final, 1, created, created))
        for source, target, month_day, comment in PATHS[final]:
            event_rows.append((pk, county_admin, source, target, comment, moment(year, month_day)))
        if submitted:
            pass_line = fmt_score(result.pass_line) if result.has_pass_line else None
            snapshot = {"unit": {"id": firm.unit_id, "name": ""}, "year": year,
                        "standard": {"code": standard.code, "version": standard.version, "title": standard.title},
                        "answers": {code: {"value": value, "narrative": ""} for code, value in values.items()},
                        "score": {"total": fmt_score(result.total), "pass_line": pass_line,
                                  "grade": result.grade, "subtotals": {c: fmt_score(v) for c, v in
                                                                       result.subtotals.items()}, "sub_lines": []},
                        "evidence": []}
            revision_rows.append((pk, 1, json.dumps(snapshot, ensure_ascii=False), county_admin,
                                  moment(year, SUBMIT[2])))
        records.append(AppRecord(pk=pk, firm=firm, year=year, status=final, quality=quality, total=result.total))

    copy_rows(Application, ["id", "unit_id", "region_id", "township_id", "unit_name", "campaign_year_id",
                            "standard_id", "status", "revision", "created_at", "updated_at"], app_rows)
    copy_rows(Answer, ["application_id", "criterion_id", "value", "narrative", "updated_at"], answer_rows)
    copy_rows(ApplicationRevision, ["application_id", "number", "snapshot", "submitted_by_id", "submitted_at"],
              revision_rows)
    copy_rows(ApplicationEvent, ["application_id", "actor_id", "from_status", "to_status", "comment", "created_at"],
              event_rows)
    return records


def leaf_answer(rng, leaf: Leaf, quality: float) -> str:
    """A valid answer near ``quality`` of the item's maximum, on the standard's half-point steps."""
    if leaf.kind == VETO:
        return VETO_NO
    share = min(1.0, max(0.0, quality + rng.uniform(-0.04, 0.04)))
    return f"{round(share * leaf.high * 2) / 2:g}"
