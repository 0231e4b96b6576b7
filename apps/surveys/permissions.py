from apps.accounts.models import User
from apps.accounts.permissions import unit_ids_for

from .models import Survey


def can_manage_survey(user: User, survey: Survey) -> bool:
    """Only a representative of the survey's unit opens, closes and hands out the link."""
    return survey.unit_id in unit_ids_for(user)
