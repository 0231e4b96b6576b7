"""Reads of the survey app. No selector returns single answers: only counts and aggregates."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, FilteredRelation, Q, QuerySet

from apps.accounts.models import User
from apps.accounts.permissions import unit_ids_for
from apps.accounts.roles import APPLICATION_STAFF_ROLES
from apps.accounts.selectors import scope_to_jurisdiction
from apps.campaigns.rules import Rules
from apps.campaigns.selectors import policy_for_unit
from apps.registry.units.models import Unit

from .models import (
    Survey,
    SurveyArrivalHour,
    SurveyArrivalNetwork,
    SurveyCode,
    SurveyCodeStatus,
    SurveyDevice,
    SurveyOption,
    SurveyQuestion,
)
from .services import device_token_hash

PERCENT = Decimal("0.1")


def survey_list_for(*, user: User) -> QuerySet[Survey]:
    """Surveys of the user's own units, and of units in their jurisdiction for survey staff roles."""
    return scope_to_jurisdiction(
        Survey.objects.select_related("unit", "unit__region", "template"),
        user,
        fields=("unit__region", "unit__township"),
        roles=APPLICATION_STAFF_ROLES,
        unit_field="unit",
    )


def survey_list_for_staff(*, user: User) -> QuerySet[Survey]:
    """Surveys in the user's jurisdiction as survey staff; a unit's own representatives are not staff here."""
    return scope_to_jurisdiction(
        Survey.objects.select_related("unit", "unit__region", "template"),
        user,
        fields=("unit__region", "unit__township"),
        roles=APPLICATION_STAFF_ROLES,
    )


def survey_managed_by(*, user: User) -> QuerySet[Survey]:
    return Survey.objects.select_related("unit", "template").filter(unit_id__in=unit_ids_for(user))


def survey_for_token(token: str) -> Survey | None:
    return Survey.objects.select_related("unit", "template").filter(token=token).first()


def survey_device_has_answered(*, survey: Survey, device_token: str | None) -> bool:
    if not device_token:
        return False
    token_hash = device_token_hash(survey=survey, device_token=device_token)
    return SurveyDevice.objects.filter(survey=survey, token_hash=token_hash).exists()


def survey_questions(survey: Survey) -> tuple[list[SurveyQuestion], list[SurveyOption]]:
    return list(survey.template.questions.all()), list(survey.template.options.all())


def rate_percent(satisfied: int, total: int) -> Decimal | None:
    if not total:
        return None
    return (Decimal(satisfied * 100) / Decimal(total)).quantize(PERCENT, rounding=ROUND_HALF_UP)


def band_for_rate(mapping: list[dict], rate: Decimal | None) -> dict | None:
    """The first band (highest first) whose ``min_rate`` the rate reaches."""
    if rate is None:
        return None
    return next((band for band in mapping if rate >= Decimal(band["min_rate"])), None)


def score_for_rate(mapping: list[dict], rate: Decimal | None) -> Decimal | None:
    """The score of the band the rate reaches."""
    band = band_for_rate(mapping, rate)
    return None if band is None else Decimal(band["score"])


def mapping_full_score(mapping: list[dict]) -> Decimal | None:
    """The best band's score: the mapping's full marks, which a standard's item scales to its own maximum."""
    return max((Decimal(band["score"]) for band in mapping), default=None)


@dataclass
class DimensionResult:
    question_id: int
    code: str
    dimension: str
    text: str
    is_overall: bool
    total: int = 0
    satisfied: int = 0
    counts: dict[int, int] = field(default_factory=dict)  # option id → answers
    rate: Decimal | None = None
    meets_threshold: bool = False


@dataclass
class SurveyAggregate:
    survey: Survey
    respondents: int
    threshold: Decimal | None
    dimensions: list[DimensionResult]
    overall_question: DimensionResult | None
    pooled_rate: Decimal | None
    overall_rate: Decimal | None
    meets_threshold: bool
    suggested_score: Decimal | None

    def question(self, code: str) -> DimensionResult | None:
        """The result of the question with ``code`` (a dimension or the overall question)."""
        candidates = [*self.dimensions, *([self.overall_question] if self.overall_question else [])]
        return next((result for result in candidates if result.code == code), None)


def survey_threshold(survey: Survey) -> Decimal | None:
    """The satisfaction rate to reach: the campaign policy's (None: no threshold, the rate is shown without pass
    or fail); where no policy is in force, the questionnaire's own."""
    rules = Rules(policy=policy_for_unit(unit_id=survey.unit_id, year=survey.year))
    return rules.satisfaction_threshold(survey.template.threshold_percent)


def _meets(rate: Decimal | None, threshold: Decimal | None) -> bool:
    return rate is not None and threshold is not None and rate >= threshold


def survey_aggregate(survey: Survey) -> SurveyAggregate:
    """Satisfaction per dimension and overall, from one grouped SQL query.

    The overall rate is the overall question's rate when the questionnaire
    has one; otherwise the pooled rate of all dimension answers. Which
    options count as satisfied is data on the questionnaire.
    """
    rows = (
        SurveyQuestion.objects.filter(template_id=survey.template_id)
        .annotate(given=FilteredRelation("answers", condition=Q(answers__survey_id=survey.pk)))
        .values("pk", "code", "order", "dimension", "text", "is_overall", "given__option_id",
                "given__option__counts_as_satisfied")
        .annotate(n=Count("given__id"))
        .order_by("order", "given__option_id")
    )
    by_question: dict[int, DimensionResult] = {}
    for row in rows:
        result = by_question.setdefault(row["pk"], DimensionResult(
            question_id=row["pk"], code=row["code"], dimension=row["dimension"], text=row["text"],
            is_overall=row["is_overall"],
        ))
        if row["given__option_id"] is None:
            continue
        result.counts[row["given__option_id"]] = row["n"]
        result.total += row["n"]
        if row["given__option__counts_as_satisfied"]:
            result.satisfied += row["n"]
    threshold = survey_threshold(survey)
    for result in by_question.values():
        result.rate = rate_percent(result.satisfied, result.total)
        result.meets_threshold = _meets(result.rate, threshold)
    dimensions = [result for result in by_question.values() if not result.is_overall]
    overall_question = next((result for result in by_question.values() if result.is_overall), None)
    pooled_rate = rate_percent(sum(d.satisfied for d in dimensions), sum(d.total for d in dimensions))
    overall_rate = overall_question.rate if overall_question is not None else pooled_rate
    return SurveyAggregate(
        survey=survey,
        respondents=survey.response_count,
        threshold=threshold,
        dimensions=dimensions,
        overall_question=overall_question,
        pooled_rate=pooled_rate,
        overall_rate=overall_rate,
        meets_threshold=_meets(overall_rate, threshold),
        suggested_score=score_for_rate(survey.template.score_mapping, overall_rate),
    )


def survey_results_visible(survey: Survey) -> bool:
    return survey.response_count >= survey.template.min_responses


def survey_of_unit_year(*, unit_id: int, year: int) -> Survey | None:
    """The unit's survey of ``year``: the one belonging to the campaign year of the unit's city for that year."""
    return Survey.objects.select_related("template", "unit").filter(unit_id=unit_id, year=year).first()


def satisfaction_for(unit: Unit, year: int) -> SurveyAggregate | None:
    """The unit's aggregate for ``year``, or None without a survey or below its minimum number of answers."""
    survey = survey_of_unit_year(unit_id=unit.pk, year=year)
    if survey is None or not survey_results_visible(survey):
        return None
    return survey_aggregate(survey)


@dataclass
class SurveyCodeCounts:
    issued: int = 0
    used: int = 0
    void: int = 0

    @property
    def unused(self) -> int:
        return self.issued - self.used - self.void


def survey_code_counts(survey: Survey) -> SurveyCodeCounts:
    """How many answer codes exist in each state; never which."""
    counts = dict(
        SurveyCode.objects.filter(survey=survey).values("status").annotate(n=Count("pk")).values_list("status", "n")
    )
    return SurveyCodeCounts(
        issued=sum(counts.values()),
        used=counts.get(SurveyCodeStatus.USED, 0),
        void=counts.get(SurveyCodeStatus.VOID, 0),
    )


@dataclass
class SurveyArrivals:
    """How the answers arrived, from the coarse counters only: per hour, and per hashed network prefix."""

    total: int
    hours: list[tuple]  # (hour, count), oldest first
    networks: list[tuple[str, int]]  # (short hash of the network, count), most answers first

    @property
    def top_network_share(self) -> Decimal | None:
        return rate_percent(self.networks[0][1], self.total) if self.networks else None

    @property
    def busiest_hour(self) -> tuple | None:
        return max(self.hours, key=lambda row: row[1]) if self.hours else None


def survey_arrivals(survey: Survey) -> SurveyArrivals:
    hours = list(SurveyArrivalHour.objects.filter(survey=survey).order_by("hour").values_list("hour", "count"))
    networks = [
        (digest[:6], count)
        for digest, count in SurveyArrivalNetwork.objects.filter(survey=survey)
        .order_by("-count", "network_hash").values_list("network_hash", "count")
    ]
    return SurveyArrivals(total=sum(count for _, count in hours), hours=hours, networks=networks)
