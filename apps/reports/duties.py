"""Which reports are due, where and when: the report duties of the campaign policies in force, made concrete.

A duty (ReportDuty) belongs to a policy version (campaigns.CampaignPolicy). For a campaign year the version in
force in a region is the latest one not after that year of the nearest region at or above it (the rule of
``campaigns.selectors.policy_for``), so a duty of a city's policy at county level falls on each county of the
city that has no policy of its own, and a district that runs its own campaign (天津市河东区) reports under its
own policy: its mid-term and final evaluations are the district's.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.campaigns.models import CampaignPolicy
from apps.regions.models import Region

from .models import AnnualReport, ReportDuty

# How far ahead the workbench lists a duty that falls due.
UPCOMING_DAYS = 60


class DutyState(StrEnum):
    DONE = "done"
    BUILDING = "building"
    UPCOMING = "upcoming"
    OVERDUE = "overdue"
    LATER = "later"


DUTY_STATE_LABELS = {
    DutyState.DONE: _("已生成"),
    DutyState.BUILDING: _("生成中"),
    DutyState.UPCOMING: _("即将到期"),
    DutyState.OVERDUE: _("逾期未生成"),
    DutyState.LATER: _("未到期"),
}


@dataclass(frozen=True)
class DutyOccurrence:
    """One report one region owes for one year."""

    duty: ReportDuty
    region: Region
    year: int
    due: datetime.date
    report: AnnualReport | None = None

    @property
    def build_from(self) -> datetime.date:
        return self.due - datetime.timedelta(days=self.duty.lead_days)

    def state(self, today: datetime.date) -> DutyState:
        if self.report is not None:
            return DutyState.DONE if self.report.is_downloadable else DutyState.BUILDING
        if self.due < today:
            return DutyState.OVERDUE
        if (self.due - today).days <= UPCOMING_DAYS:
            return DutyState.UPCOMING
        return DutyState.LATER

    def state_label(self, today: datetime.date) -> str:
        return str(DUTY_STATE_LABELS[self.state(today)])


def policies_in_force(*, year: int, within: Region | None = None) -> list[CampaignPolicy]:
    """The version in force in ``year`` of every region that has a policy (optionally: at, above or below
    ``within``), with their duties."""
    policies = CampaignPolicy.objects.filter(year__lte=year).select_related("region")
    if within is not None:
        policies = policies.filter(Q(region__path__startswith=within.path) | Q(region_id__in=within.path_ids))
    latest: dict[int, CampaignPolicy] = {}
    for policy in policies.order_by("region_id", "year").prefetch_related("report_duties"):
        latest[policy.region_id] = policy
    return list(latest.values())


def duty_occurrences(*, year: int, within: Region | None = None) -> list[DutyOccurrence]:
    """Every report due in ``year`` under the policies in force, with the latest version already requested.

    ``within`` keeps the occurrences of that region and the regions below it.
    """
    policies = policies_in_force(year=year, within=within)
    policy_paths = [policy.region.path for policy in policies]
    occurrences = []
    for policy in policies:
        # The regions below that run their own campaign report under their own policy.
        own = [path for path in policy_paths if path != policy.region.path and path.startswith(policy.region.path)]
        for duty in policy.report_duties.all():
            due = duty.due_in(year)
            if due is None:
                continue
            if duty.reporting_level == policy.region.level:
                regions = [policy.region]
            else:
                regions = Region.objects.within(policy.region).filter(level=duty.reporting_level).in_code_order()
            for region in regions:
                if any(region.path.startswith(path) for path in own):
                    continue
                if within is not None and not region.path.startswith(within.path):
                    continue
                occurrences.append(DutyOccurrence(duty=duty, region=region, year=year, due=due))
    return _with_reports(occurrences)


def _with_reports(occurrences: list[DutyOccurrence]) -> list[DutyOccurrence]:
    if not occurrences:
        return []
    wanted = Q()
    for occurrence in occurrences:
        wanted |= Q(kind=occurrence.duty.kind, region=occurrence.region, year=occurrence.year)
    latest: dict[tuple, AnnualReport] = {}
    for report in AnnualReport.objects.filter(wanted).order_by("version"):
        latest[(report.kind, report.region_id, report.year)] = report
    return sorted(
        (DutyOccurrence(duty=o.duty, region=o.region, year=o.year, due=o.due,
                        report=latest.get((o.duty.kind, o.region.pk, o.year))) for o in occurrences),
        key=lambda o: (o.due, o.region.path, o.duty.kind),
    )


def duty_for(*, kind: str, region: Region, year: int) -> ReportDuty | None:
    """The duty under which ``region`` itself writes a report of ``kind`` for ``year``, if its policy has one."""
    for occurrence in duty_occurrences(year=year, within=region):
        if occurrence.region == region and occurrence.duty.kind == kind:
            return occurrence.duty
    return None
