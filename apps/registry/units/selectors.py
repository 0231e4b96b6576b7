from django.db.models import QuerySet

from apps.accounts.models import User
from apps.accounts.selectors import scope_to_jurisdiction

from .models import Unit


def unit_list_for(*, user: User) -> QuerySet[Unit]:
    """Units the user may see: those in their jurisdiction, or their own unit."""
    return scope_to_jurisdiction(
        Unit.objects.select_related("region", "township"),
        user,
        fields=("region", "township"),
        unit_field="pk",
    )
