from apps.accounts.models import User
from apps.accounts.permissions import has_role
from apps.accounts.roles import APPLICATION_STAFF_ROLES


def can_read_application_history(user: User) -> bool:
    """Whether the user may read the history of the applications they can see (the caller scopes which).

    The staff who can open an application can read its history; unit representatives cannot.
    """
    return has_role(user, *APPLICATION_STAFF_ROLES)
