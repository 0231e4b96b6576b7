from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.accounts.permissions import regions_for
from apps.accounts.roles import ADMIN_ROLES
from apps.accounts.selectors import scope_to_jurisdiction
from apps.applications.workflow.offices import region_title
from apps.campaigns.models import CampaignPolicy
from apps.campaigns.selectors import (
    POLICIES_KEY,
    policies_for,
    policy_for,
    revocation_office_level,
    revocation_records_required,
)
from apps.core.region_cache import UNITS_KEY
from apps.regions.models import Region, RegionLevel

from .models import CaseStatus, RevocationCase, RevocationConsent, RevocationRule
from .permissions import RULE_ROLES


def revocation_case_list_for(*, user: User) -> QuerySet[RevocationCase]:
    return scope_to_jurisdiction(
        RevocationCase.objects.select_related("recognition__unit__region", "rule", "decided_by", "proposed_by")
        .annotate(event_count=Count("events")),
        user, fields=("recognition__unit__region",), roles=ADMIN_ROLES,
    )


def revocation_rule_list_for(*, user: User) -> QuerySet[RevocationRule]:
    return scope_to_jurisdiction(RevocationRule.objects.select_related("city", "updated_by"), user,
                                 fields=("city",), roles=RULE_ROLES)


def cities_for_rules(*, user: User) -> list[Region]:
    """The cities whose rules the user edits: the city regions they administer."""
    return [region for region in regions_for(user, RULE_ROLES) if region.level == RegionLevel.CITY]


# Moved on when a case is opened (proposed, or by the nightly check) or closed (confirmed, dismissed) and when a
# rule is saved (a case opened by a rule is listed under its name): the city's workbench keeps its open cases.
OPEN_CASES_KEY = "revocations:open-cases:generation"

# The public notices are kept until a revocation is confirmed (the notice is published), a policy's wording
# changes or a unit is renamed; each service moves its generation (revocation_case_confirm, policy_save,
# the unit's rename).
NOTICES_KEY = "public:revocation-notices:generation"
NOTICE_GENERATION_KEYS = [NOTICES_KEY, POLICIES_KEY, UNITS_KEY]


def public_revocation_notices() -> QuerySet[RevocationCase]:
    """Confirmed revocations, for the public notice: newest decision first."""
    return (RevocationCase.objects.filter(status=CaseStatus.CONFIRMED)
            .select_related("recognition__unit__region").order_by("-decided_at", "-pk"))


def _decided_year(case: RevocationCase) -> int:
    return timezone.localtime(case.decided_at).year if case.decided_at else timezone.localdate().year


def case_policy(case: RevocationCase) -> CampaignPolicy | None:
    """The policy a case follows: the one in force for the unit in the year it is (or was) decided."""
    return policy_for(region=case.recognition.unit.region, year=_decided_year(case))


@dataclass(frozen=True)
class Requirement:
    """A record the revocation waits for (``RequiredRecord``: stored ``name``, shown ``label``) and its consent."""

    name: str
    label: str
    consent: RevocationConsent | None


@dataclass(frozen=True)
class Chain:
    """Who proposes and who decides under the policy, and each higher-level record the revocation waits for."""

    proposer: str
    approver: str
    office: str
    requirements: list[Requirement]

    @property
    def missing(self) -> list[str]:
        return [row.name for row in self.requirements if row.consent is None]

    @property
    def missing_choices(self) -> list[tuple[str, str]]:
        """The records still missing as a form's choices: the stored name, the label shown."""
        return [(row.name, row.label) for row in self.requirements if row.consent is None]

    @property
    def missing_labels(self) -> list[str]:
        return [label for _name, label in self.missing_choices]


def _level_label(level: str | None, unset: str) -> str:
    return str(RegionLevel(level).label) if level else str(unset)


def revocation_chain(case: RevocationCase) -> Chain:
    policy = case_policy(case)
    recorded = {consent.name: consent for consent in case.consents.select_related("recorded_by")}
    return Chain(
        proposer=_level_label(policy and policy.revocation_proposer, _("文件未规定")),
        approver=_level_label(policy and policy.revocation_approver, _("命名机关")),
        office=str(RegionLevel(revocation_office_level(policy)).label),
        requirements=[Requirement(record.name, record.label, recorded.get(record.name))
                      for record in revocation_records_required(policy)],
    )


DEFAULT_NOTICE = "经{office}核查确认，取消{unit}“{title}”称号：{reason}"


def revocation_notice_parts(cases: list[RevocationCase]) -> list[tuple[str, str]]:
    """The public notice's sentence for each revoked title and the office that signs it, in the wording its
    locality's policy sets ({unit} {title} {reason} {office}); a wording with a placeholder it does not know
    prints as written.
    Two queries for any number of cases: the policies, and the regions that name the offices."""
    pairs = {(case.recognition.unit.region, _decided_year(case)) for case in cases}
    policies = policies_for(pairs=pairs)
    region_ids = {region_id for region, _ in pairs for region_id in region.path_ids}
    regions = Region.objects.select_related("parent").in_bulk(region_ids) if cases else {}
    parts = []
    for case in cases:
        recognition = case.recognition
        unit_region = recognition.unit.region
        policy = policies[(unit_region.pk, _decided_year(case))]
        if policy is not None and policy.issuing_office:
            office = policy.issuing_office
        else:
            level = revocation_office_level(policy)
            region = next((regions[i] for i in unit_region.path_ids if regions[i].level == level), unit_region)
            office = f"{region_title(region)}协调劳动关系三方"
        wording = policy.revocation_notice if policy is not None and policy.revocation_notice else DEFAULT_NOTICE
        values = {"unit": recognition.unit.name, "title": recognition.full_title,
                  "reason": recognition.revoked_reason or case.decision_reason, "office": office}
        try:
            parts.append((wording.format_map(values), office))
        except (KeyError, ValueError, IndexError, AttributeError):
            parts.append((wording, office))
    return parts


def revocation_notice_texts(cases: list[RevocationCase]) -> list[str]:
    """The public notice's sentence for each revoked title (``revocation_notice_parts`` without the office)."""
    return [text for text, _office in revocation_notice_parts(cases)]
