"""Who may see and start reports, dashboards and narratives."""

from apps.accounts.models import Role, User
from apps.accounts.permissions import has_role, in_jurisdiction
from apps.accounts.roles import ADMIN_ROLES
from apps.campaigns.models import CampaignPolicy
from apps.regions.models import Region, RegionLevel

from .models import ReportKind


def can_start_report(user: User, *, kind: str, region: Region) -> bool:
    """A county's reports (its yearly report; its mid-term and final evaluations where its policy makes it
    write them, which services.check_region decides): the county admin, or the city admin above; city-level
    reports: the city admin."""
    if region.level == RegionLevel.COUNTY:
        return kind != ReportKind.CITY and in_jurisdiction(user, region, ADMIN_ROLES)
    return kind != ReportKind.COUNTY and region.level == RegionLevel.CITY and in_jurisdiction(
        user, region, (Role.CITY_ADMIN,))


# The office of the level that set a policy edits what it says (a city's policy: the city office; a district's
# own policy: the district office).
POLICY_EDITORS = {RegionLevel.CITY: Role.CITY_ADMIN, RegionLevel.COUNTY: Role.COUNTY_ADMIN}


def can_edit_policy(user: User, policy: CampaignPolicy) -> bool:
    role = POLICY_EDITORS.get(policy.region.level)
    return role is not None and in_jurisdiction(user, policy.region, (role,))


def can_write_narrative(user: User, region: Region) -> bool:
    """The county's own staff write its report text and cases."""
    return region.level == RegionLevel.COUNTY and in_jurisdiction(user, region, (Role.COUNTY_ADMIN,))


def is_city_admin(user: User) -> bool:
    return has_role(user, Role.CITY_ADMIN)
