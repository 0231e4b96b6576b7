"""Who may see and start reports, dashboards and narratives."""

from apps.accounts.models import Role, User
from apps.accounts.permissions import has_role, in_jurisdiction
from apps.accounts.roles import ADMIN_ROLES
from apps.regions.models import Region, RegionLevel

from .models import ReportKind


def can_start_report(user: User, *, kind: str, region: Region) -> bool:
    """County reports: the county admin, or the city admin above; city-level reports: the city admin."""
    if kind == ReportKind.COUNTY:
        return region.level == RegionLevel.COUNTY and in_jurisdiction(user, region, ADMIN_ROLES)
    return region.level == RegionLevel.CITY and in_jurisdiction(user, region, (Role.CITY_ADMIN,))


def can_write_narrative(user: User, region: Region) -> bool:
    """The county's own staff write its report text and cases."""
    return region.level == RegionLevel.COUNTY and in_jurisdiction(user, region, (Role.COUNTY_ADMIN,))


def is_city_admin(user: User) -> bool:
    return has_role(user, Role.CITY_ADMIN)
