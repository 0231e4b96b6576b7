"""The simple rules of a campaign as the portal applies them: the policy's where one is in force, else the
national defaults the portal has always used, which no local document set (``Rules.set_by_document`` says which).

Every consumer (title wording and level, validity, satisfaction threshold, notice length, township pre-check,
required evidence, grades) reads its rule here, so a rule is declared once.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import pgettext_lazy

from apps.accounts.models import Party
from apps.regions.models import Region, RegionLevel
from apps.registry.units.models import UnitKind

from .models import (
    DEFAULT_REMINDER_DAYS,
    DEFAULT_RENEWAL_OPENS_DAYS,
    DEFAULT_TITLE_CHECK_LEVELS,
    CampaignPolicy,
    EvidenceKind,
    NamingLevel,
)
from .selectors import NATIONAL_PANEL_PARTIES, policy_for

# The generic title of each unit kind, as the national opinion (人社部发〔2023〕2号) names the campaign's units.
GENERIC_TITLES = {
    "enterprise": "劳动关系和谐企业",
    "park": "劳动关系和谐工业园区",
    "township": "劳动关系和谐乡镇（街道）",
    "industry": "劳动关系和谐行业",
    "community": "劳动关系和谐社区",  # Jilin (seed 003, 三(四)): 创建劳动关系和谐街镇乡和社区
}
# What the portal applied before localities set their own policy; no local document imposes these.
DEFAULT_LEVEL = "市级"
DEFAULT_VALIDITY_YEARS = 3
DEFAULT_NOTICE_WORKING_DAYS = 5
DEFAULT_REQUIRED_EVIDENCE = (EvidenceKind.CONGRESS_APPROVAL, EvidenceKind.COMMITMENT)

LEVEL_WORDS = {NamingLevel.CITY: "市级", NamingLevel.COUNTY: "县级"}
# The level words as status labels and buttons show them, in the reader's language; a policy's own word that is
# not among them is shown as written. The title (``Rules.title``) keeps the Chinese word: it is printed.
LEVEL_WORDS_SHOWN = {
    "市级": pgettext_lazy("naming level", "市级"),
    "县级": pgettext_lazy("naming level", "县级"),
    "区级": pgettext_lazy("naming level", "区级"),
}


@dataclass(frozen=True)
class RequiredEvidence:
    kind: str
    label: str


@dataclass(frozen=True)
class Rules:
    """The rules in force for one region and campaign year (``policy`` None: the national defaults)."""

    policy: CampaignPolicy | None

    @property
    def set_by_document(self) -> bool:
        return self.policy is not None

    @property
    def title_level(self) -> str:
        if self.policy is None:
            return DEFAULT_LEVEL
        return self.policy.title_level or LEVEL_WORDS.get(self.policy.naming_level, DEFAULT_LEVEL)

    @property
    def naming_level_word(self) -> str:
        """The word of the level that confirms and names (市级; 区级 where 河东区 names): status labels and buttons
        say it rather than 市级. In the reader's language."""
        return str(LEVEL_WORDS_SHOWN.get(self.title_level, self.title_level))

    def title(self, unit_kind: str) -> str:
        """The title's full wording as printed: the policy's for the kind, else the level and the generic title."""
        if self.policy is not None and self.policy.title_for(unit_kind):
            return self.policy.title_for(unit_kind)
        return self.title_level + GENERIC_TITLES.get(unit_kind, GENERIC_TITLES["enterprise"])

    @property
    def validity_years(self) -> int | None:
        """None: the title has no fixed end."""
        return DEFAULT_VALIDITY_YEARS if self.policy is None else self.policy.validity_years

    def satisfaction_threshold(self, questionnaire_default: Decimal) -> Decimal | None:
        """The policy's threshold (None: the rate is shown without pass or fail); without a policy, the
        questionnaire's own."""
        return questionnaire_default if self.policy is None else self.policy.satisfaction_threshold

    @property
    def notice_working_days(self) -> int:
        return (self.policy and self.policy.notice_working_days) or DEFAULT_NOTICE_WORKING_DAYS

    @property
    def notice_working_days_set_by_document(self) -> bool:
        return self.policy is not None and self.policy.notice_working_days is not None

    @property
    def renewal_opens_days(self) -> int:
        """A renewal (复审) may be started this many days before the title's end, or later."""
        return DEFAULT_RENEWAL_OPENS_DAYS if self.policy is None else self.policy.renewal_opens_days

    @property
    def reminder_days(self) -> tuple[int, ...]:
        """Days before a title's end at which its unit and county office are reminded, the earliest first."""
        days = DEFAULT_REMINDER_DAYS if self.policy is None else self.policy.reminder_days
        return tuple(sorted(set(days), reverse=True))

    @property
    def title_check_levels(self) -> tuple[str, ...]:
        """The levels whose offices run periodic checks of named units (抽查、普查); none set: province and city."""
        levels = self.policy.title_check_levels if self.policy is not None else None
        return tuple(levels or DEFAULT_TITLE_CHECK_LEVELS)

    @property
    def title_check_level_labels(self) -> list[str]:
        return [str(RegionLevel(level).label) for level in self.title_check_levels]

    @property
    def township_precheck(self) -> bool:
        return False if self.policy is None else self.policy.township_precheck

    def required_evidence(self, unit_kind: str) -> list[RequiredEvidence]:
        if self.policy is None:
            return [RequiredEvidence(kind=kind, label=str(EvidenceKind(kind).label))
                    for kind in DEFAULT_REQUIRED_EVIDENCE]
        return [
            RequiredEvidence(kind=row["kind"], label=row.get("label") or str(EvidenceKind(row["kind"]).label))
            for row in self.policy.required_evidence.get(unit_kind, [])
            if row.get("kind") in EvidenceKind.values
        ]

    def grades_print(self, standard_has_grades: bool) -> bool:
        """Whether a grade is conferred and printed: the policy says so; without one, whenever the standard grades."""
        return standard_has_grades if self.policy is None else self.policy.uses_grades and standard_has_grades

    # What the policy page shows, a row per unit kind or party.
    @property
    def title_rows(self) -> list[tuple[str, str]]:
        return [(label, self.title(kind)) for kind, label in UnitKind.choices]

    @property
    def party_rows(self) -> list[tuple[str, bool]]:
        labels = dict(Party.choices)
        if self.policy is not None and self.policy.panel_parties:
            return [(labels.get(row["party"], row["party"]), bool(row.get("required")))
                    for row in self.policy.panel_parties]
        return [(labels[party], True) for party in NATIONAL_PANEL_PARTIES]

    @property
    def evidence_rows(self) -> list[tuple[str, list[RequiredEvidence]]]:
        return [(label, self.required_evidence(kind)) for kind, label in UnitKind.choices]


def rules_for(*, region: Region, year: int) -> Rules:
    return Rules(policy=policy_for(region=region, year=year))

