"""The employee survey as seen from an application: its aggregate, and the score it suggests for satisfaction items.

The survey's questionnaire maps a satisfaction rate (the overall one, or the
rate of the question the item names in ``satisfaction_question``) to a score
in bands (``score_mapping``: the first band whose ``min_rate`` the rate
reaches). A standard's satisfaction item may have another maximum than the
mapping's best band, so the band's score is taken as a share of the
mapping's full marks and applied to the item's range, rounded down to the
item's step (or to the nearest allowed choice below it). Every suggestion
carries the sentence that explains it, so the representative and the
reviewers see where the score came from.
"""

from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal

from apps.standards.models import Criterion, CriterionKind
from apps.standards.scoring import fmt_score
from apps.surveys.models import Survey
from apps.surveys.selectors import (
    SurveyAggregate,
    band_for_rate,
    mapping_full_score,
    survey_aggregate,
    survey_of_unit_year,
    survey_results_visible,
)

from .models import Application


@dataclass(frozen=True)
class ScoreSuggestion:
    value: Decimal
    explanation: str


@dataclass
class SurveySummary:
    year: int
    survey: Survey | None = None
    aggregate: SurveyAggregate | None = None
    needed: int = 0
    suggestions: dict[int, ScoreSuggestion] = field(default_factory=dict)

    @property
    def visible(self) -> bool:
        return self.aggregate is not None

    @property
    def feeds_score(self) -> bool:
        """Only a survey answered with single-use codes may score an item; a link survey can be filled by one person."""
        return self.survey is not None and self.survey.uses_codes


def _choices(criterion: Criterion) -> list[Decimal]:
    return sorted(Decimal(str(choice["value"])) for choice in criterion.choices)


def criterion_score_suggestion(criterion: Criterion, aggregate: SurveyAggregate) -> ScoreSuggestion | None:
    """The score the survey suggests for ``criterion``, or None when the item or the mapping cannot take one."""
    if not criterion.satisfaction_source or criterion.kind not in (CriterionKind.NUMBER, CriterionKind.CHOICE):
        return None
    template = aggregate.survey.template
    rate, basis = aggregate.overall_rate, "综合满意率"
    if criterion.satisfaction_question:
        question = aggregate.question(criterion.satisfaction_question)
        if question is None:
            return None
        rate, basis = question.rate, f"“{question.dimension}”题满意率"
    band = band_for_rate(template.score_mapping, rate)
    full = mapping_full_score(template.score_mapping)
    if band is None or not full:
        return None
    share = Decimal(band["score"]) / full
    if criterion.kind == CriterionKind.NUMBER:
        low, high = criterion.min_score or Decimal(0), criterion.max_score or Decimal(0)
        raw = low + (high - low) * share
        step = criterion.step
        value = low + ((raw - low) / step).to_integral_value(ROUND_FLOOR) * step if step else raw
        value = min(max(value, low), high).quantize(Decimal("0.01"))
    else:
        choices = _choices(criterion)
        if not choices:
            return None
        low, high = choices[0], choices[-1]
        raw = low + (high - low) * share
        value = max((choice for choice in choices if choice <= raw), default=low)
    explanation = (
        f"依据本年度职工满意度调查：{aggregate.respondents} 份答卷，{basis} {rate}%，"
        f"按“{template.score_mapping_title or template.title}”属满意率 ≥{band['min_rate']}% 档"
        f"（{fmt_score(Decimal(band['score']))} / {fmt_score(full)} 分），"
        f"折算本项 {fmt_score(value)} 分（本项满分 {fmt_score(high)} 分）。"
    )
    return ScoreSuggestion(value=value, explanation=explanation)


def survey_summary_for(*, application: Application, criteria: list[Criterion] | None = None) -> SurveySummary:
    """The application unit's survey for the application's campaign year, with suggestions for ``criteria``.

    Below the questionnaire's minimum number of answers there is no
    aggregate (so nobody can infer single answers), only how many more are
    needed. A link-only survey gets no suggestions: it cannot feed a score.
    Two queries when a survey exists, one when it does not.
    """
    year = application.campaign_year.year
    survey = survey_of_unit_year(unit_id=application.unit_id, year=year)
    summary = SurveySummary(year=year, survey=survey)
    if survey is None:
        return summary
    if not survey_results_visible(survey):
        summary.needed = survey.template.min_responses - survey.response_count
        return summary
    summary.aggregate = survey_aggregate(survey)
    for criterion in (criteria or []) if summary.feeds_score else []:
        suggestion = criterion_score_suggestion(criterion, summary.aggregate)
        if suggestion is not None:
            summary.suggestions[criterion.pk] = suggestion
    return summary
