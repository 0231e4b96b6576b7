from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.utils import timezone

from apps.accounts.models import User
from apps.accounts.permissions import regions_for
from apps.accounts.roles import ADMIN_ROLES
from apps.accounts.selectors import scope_to_jurisdiction
from apps.applications.workflow.offices import region_title
from apps.campaigns.models import CampaignPolicy
from apps.campaigns.selectors import policy_for, revocation_office_level, revocation_records_required
from apps.regions.models import Region, RegionLevel

from .models import CaseStatus, RevocationCase, RevocationConsent, RevocationRule
from .permissions import RULE_ROLES


def revocation_case_list_for(*, user: User) -> QuerySet[RevocationCase]:
    return scope_to_jurisdiction(
        RevocationCase.objects.select_related("recognition__unit__region", "rule", "decided_by")
        .annotate(event_count=Count("events")),
        user, fields=("recognition__unit__region",), roles=ADMIN_ROLES,
    )


def revocation_rule_list_for(*, user: User) -> QuerySet[RevocationRule]:
    return scope_to_jurisdiction(RevocationRule.objects.select_related("city", "updated_by"), user,
                                 fields=("city",), roles=RULE_ROLES)


def cities_for_rules(*, user: User) -> list[Region]:
    """The cities whose rules the user edits: the city regions they administer."""
    return [region for region in regions_for(user, RULE_ROLES) if region.level == RegionLevel.CITY]


def public_revocation_notices() -> QuerySet[RevocationCase]:
    """Confirmed revocations, for the public notice: newest decision first."""
    return (RevocationCase.objects.filter(status=CaseStatus.CONFIRMED)
            .select_related("recognition__unit__region").order_by("-decided_at", "-pk"))


def case_policy(case: RevocationCase) -> CampaignPolicy | None:
    """The policy a case follows: the one in force for the unit in the year it is (or was) decided."""
    year = timezone.localtime(case.decided_at).year if case.decided_at else timezone.localdate().year
    return policy_for(region=case.recognition.unit.region, year=year)


@dataclass(frozen=True)
class Requirement:
    name: str
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


def revocation_chain(case: RevocationCase) -> Chain:
    policy = case_policy(case)
    recorded = {consent.name: consent for consent in case.consents.select_related("recorded_by")}
    return Chain(
        proposer=str(RegionLevel(policy.revocation_proposer).label) if policy else str(RegionLevel.COUNTY.label),
        approver=str(RegionLevel(policy.revocation_approver).label) if policy else str(RegionLevel.CITY.label),
        office=str(RegionLevel(revocation_office_level(policy)).label),
        requirements=[Requirement(name, recorded.get(name)) for name in revocation_records_required(policy)],
    )


DEFAULT_NOTICE = "经{office}核查确认，取消{unit}“{title}”称号：{reason}"


def _office_name(case: RevocationCase, policy: CampaignPolicy | None) -> str:
    if policy is not None and policy.issuing_office:
        return policy.issuing_office
    unit_region = case.recognition.unit.region
    level = revocation_office_level(policy)
    region = Region.objects.filter(pk__in=unit_region.path_ids, level=level).select_related("parent").first()
    return f"{region_title(region or unit_region)}协调劳动关系三方"


def revocation_notice_text(case: RevocationCase) -> str:
    """The public notice's sentence for one revoked title, in the wording the locality's policy sets
    ({unit} {title} {reason} {office}); a wording with a placeholder it does not know prints as written."""
    policy = case_policy(case)
    recognition = case.recognition
    wording = policy.revocation_notice if policy is not None and policy.revocation_notice else DEFAULT_NOTICE
    values = {"unit": recognition.unit.name, "title": recognition.full_title,
              "reason": recognition.revoked_reason or case.decision_reason, "office": _office_name(case, policy)}
    try:
        return wording.format_map(values)
    except (KeyError, ValueError, IndexError, AttributeError):
        return wording
