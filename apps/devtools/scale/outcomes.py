"""What the reviews decided: county panels with each party's score sheet, titles (named units), incentives."""

import itertools
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from apps.applications.recognitions.models import Recognition
from apps.applications.reviews.models import MemberScore, PanelMember, ReviewPanel
from apps.oversight.incentives.catalogue import catalogue_load
from apps.oversight.incentives.models import IncentiveGrant, IncentiveMeasure
from apps.registry.credit.models import grade_meets
from apps.standards.models import Standard
from apps.standards.scoring import VETO

from .bulk import copy_rows, reserve_ids, rng_for
from .campaigns import AppRecord, leaf_answer, leaves_of, moment
from .people import People

REVIEWED = {"county_review", "returned", "not_passed", "county_approved", "city_confirmed", "named", "revoked"}
DECIDED = {"county_approved", "city_confirmed", "named", "revoked"}
TITLE_YEARS = 3


def grader(standard: Standard):
    """A function giving the grade a total reaches (the standard's grades read once)."""
    grades = list(standard.grades.order_by("min_score").values_list("min_score", "label"))

    def grade_for(total: Decimal) -> str:
        return next((label for minimum, label in reversed(grades) if total >= minimum), "")

    return grade_for


def panels_build(*, records: list[AppRecord], people: People, standard: Standard, seed: int) -> dict[int, Decimal]:
    """One panel of the four parties per reviewed application; returns the panel result per application."""
    rng = rng_for(seed, "panels")
    grade_for = grader(standard)
    leaves = leaves_of(standard)
    reviewed = [record for record in records if record.status in REVIEWED]
    panel_ids = itertools.count(reserve_ids(ReviewPanel, len(reviewed)))
    member_ids = itertools.count(reserve_ids(PanelMember, 4 * len(reviewed)))
    panel_rows, member_rows, score_rows, results = [], [], [], {}
    for record in reviewed:
        panel = next(panel_ids)
        county = record.firm.county.region.pk
        formed = moment(record.year, (10, 10))
        # A failed application scored well below its self-evaluation; an approved one a little below.
        drop = 0.2 if record.status == "not_passed" else 0.05
        totals = []
        for user, party in people.reviewers[county]:
            member = next(member_ids)
            done = record.status != "county_review" or rng.random() < 0.5
            member_rows.append((member, panel, user, party, party == "hrss", moment(record.year, (11, 1))
                                if done else None))
            scored = leaves if done else rng.sample(leaves, rng.randint(0, len(leaves)))
            total = Decimal(0)
            for leaf in scored:
                value = leaf_answer(rng, leaf, record.quality - rng.uniform(0, drop) - drop / 2)
                score_rows.append((member, leaf.pk, value, ""))
                if leaf.kind != VETO:
                    total += Decimal(value)
            totals.append(total)
        result = sum(totals) / len(totals) if record.status in DECIDED | {"not_passed", "returned"} else None
        if result is not None:
            result = result.quantize(Decimal("0.01"))
            results[record.pk] = result
        panel_rows.append((panel, record.pk, "mean", people.county_admins[county], formed, result,
                           grade_for(result) if record.status in DECIDED else ""))
    copy_rows(ReviewPanel, ["id", "application_id", "rule", "formed_by_id", "formed_at", "result_total",
                            "result_grade"], panel_rows)
    copy_rows(PanelMember, ["id", "panel_id", "user_id", "party", "is_recorder", "sheet_submitted_at"], member_rows)
    copy_rows(MemberScore, ["member_id", "criterion_id", "value", "comment"], score_rows)
    return results


def titles_build(*, records: list[AppRecord], results: dict[int, Decimal], people: People, standard: Standard,
                 seed: int) -> None:
    """Named applications get a title (three years' validity); revoked ones lose it. Valid titles get incentives."""
    rng = rng_for(seed, "titles")
    grade_for = grader(standard)
    today = timezone.localdate()
    named = [record for record in records if record.status in ("named", "revoked")]
    named.sort(key=lambda record: (record.firm.county.city.pk, record.year, record.pk))
    # The generated cities run their campaigns under 临汾's incentive catalogue.
    catalogues = {}
    for city in {record.firm.county.city for record in named}:
        catalogue_load(region=city, source_code="141000")
        catalogues[city.pk] = list(IncentiveMeasure.objects.filter(region=city, is_active=True)
                                   .order_by("sort_order", "pk"))
    title_ids = itertools.count(reserve_ids(Recognition, len(named)))
    title_rows, grant_rows = [], []
    sequences: dict[tuple[int, int], int] = {}
    for record in named:
        city = record.firm.county.city
        key = (city.pk, record.year)
        sequences[key] = sequences.get(key, 0) + 1
        issued = moment(record.year, (11, 20)).date()
        valid_until = date(issued.year + TITLE_YEARS, issued.month, issued.day) - timedelta(days=1)
        revoked_on = moment(record.year, (18, 1)).date() if record.status == "revoked" else None
        status = "revoked" if revoked_on else ("expired" if valid_until < today else "valid")
        total = results.get(record.pk, record.total)
        pk = next(title_ids)
        title_rows.append((pk, record.firm.unit_id, record.pk, city.pk, record.year, sequences[key],
                           f"{city.code}-{record.year}-{sequences[key]:05d}", "市级劳动关系和谐企业", "市级",
                           grade_for(total), total, issued, valid_until, status, revoked_on,
                           "发生重大劳动关系违法行为。" if revoked_on else "", people.city_admins[city.pk],
                           moment(record.year, (11, 20))))
        eligible = [m for m in catalogues[city.pk]
                    if not m.min_credit_grade or grade_meets(record.firm.credit, m.min_credit_grade)]
        for measure in rng.sample(eligible, min(len(eligible), rng.randint(1, 3))):
            ended_on, reason = None, ""
            if status == "revoked":
                ended_on, reason = revoked_on, "revoked"
            elif status == "expired":
                ended_on, reason = valid_until + timedelta(days=1), "expired"
            grant_rows.append((measure.pk, pk, record.firm.unit_id, measure.department,
                               issued + timedelta(days=30), "", people.city_admins[city.pk], ended_on, reason,
                               moment(record.year, (12, 20))))
    copy_rows(Recognition, ["id", "unit_id", "application_id", "city_id", "year", "sequence", "number", "title",
                            "level", "grade", "score", "issued_on", "valid_until", "status", "revoked_on",
                            "revoked_reason", "issued_by_id", "created_at"], title_rows)
    copy_rows(IncentiveGrant, ["measure_id", "recognition_id", "unit_id", "department", "granted_on", "note",
                               "granted_by_id", "ended_on", "end_reason", "created_at"], grant_rows)
