from apps.accounts.models import Role, User
from apps.applications.recognitions.models import Recognition
from apps.applications.workflow.offices import proposes_for, revokes_for

from .models import RevocationCase

# The city tripartite office edits the revocation rules; county offices follow their cases.
RULE_ROLES = (Role.CITY_ADMIN,)


def may_decide_case(user: User, case: RevocationCase) -> bool:
    """The office the locality's policy has decide revocations (the city by default; a district where it decides)."""
    return revokes_for(user, case.recognition.unit)


def may_propose_revocation(user: User, recognition: Recognition) -> bool:
    """The office the locality's policy has propose revocations (``revocation_proposer``)."""
    return proposes_for(user, recognition.unit)
