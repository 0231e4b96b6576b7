from apps.accounts.models import Role, User
from apps.accounts.permissions import in_jurisdiction, unit_ids_for

from .models import Unit, VerificationStatus


def unit_can_act(unit: Unit | None) -> bool:
    """Only a verified unit may act (self-evaluate, submit, report); pending or rejected ones wait."""
    return unit is not None and unit.verification_status == VerificationStatus.VERIFIED


def can_see_contacts(user: User, unit: Unit) -> bool:
    """Contact names and phone numbers in full: the unit itself and the county office of its county.

    Every other role sees them masked (apps/core/pii.py) and may show them in full by a logged action.
    """
    return unit.pk in unit_ids_for(user) or in_jurisdiction(user, unit.region, [Role.COUNTY_ADMIN])
