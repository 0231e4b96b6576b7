from apps.accounts.models import Role, User
from apps.accounts.permissions import unit_ids_for

from .models import Survey

# Staff who may see a survey's aggregate within their jurisdiction.
SURVEY_STAFF_ROLES = (Role.TOWNSHIP_STAFF, Role.COUNTY_REVIEWER, Role.COUNTY_ADMIN, Role.CITY_ADMIN)


def can_manage_survey(user: User, survey: Survey) -> bool:
    """Only a representative of the survey's unit opens, closes and hands out the link."""
    return survey.unit_id in unit_ids_for(user)
