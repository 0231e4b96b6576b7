from apps.accounts.models import Role, User
from apps.accounts.permissions import has_role

# Staff who can open an application can read its history; unit representatives cannot.
APPLICATION_HISTORY_ROLES = (Role.TOWNSHIP_STAFF, Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN, Role.CITY_ADMIN)


def can_read_application_history(user: User) -> bool:
    """Whether the user may read the history of the applications they can see (the caller scopes which)."""
    return has_role(user, *APPLICATION_HISTORY_ROLES)
