from apps.accounts.models import Role, User
from apps.applications.workflow.offices import revokes_for

from .models import RevocationCase

# The city tripartite office edits the revocation rules; county offices follow their cases.
RULE_ROLES = (Role.CITY_ADMIN,)


def may_decide_case(user: User, case: RevocationCase) -> bool:
    """The office the locality's policy has decide revocations (the city by default; a district where it decides)."""
    return revokes_for(user, case.recognition.unit)
