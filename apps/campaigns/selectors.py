from django.db.models import QuerySet

from apps.accounts.models import Role, User
from apps.accounts.permissions import regions_for
from apps.registry.units.models import Unit

from .models import CampaignYear


def campaign_year_list_for(*, user: User) -> QuerySet[CampaignYear]:
    """Campaign years of the cities the user is city admin of."""
    city_ids = [region.pk for region in regions_for(user, [Role.CITY_ADMIN])]
    return CampaignYear.objects.filter(city_id__in=city_ids).select_related("city")


def campaign_year_for_unit(*, unit: Unit, year: int) -> CampaignYear | None:
    """The campaign year of the city the unit lies in."""
    ancestor_ids = unit.region.path_ids
    return CampaignYear.objects.filter(city_id__in=ancestor_ids, year=year).select_related("city").first()
