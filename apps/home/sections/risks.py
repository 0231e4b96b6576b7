"""The county admin's home-page list of this month's risk events (used by apps/home/workbench.py)."""

from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Membership
from apps.accounts.selectors import subtree_q
from apps.home.items import HomeItem
from apps.home.sections.reviews import items_with_more
from apps.oversight.risks.models import RiskEvent


def events_this_month(membership: Membership) -> list:
    """Events that happened in the membership's region since the first of this month, newest first."""
    first_day = timezone.localdate().replace(day=1)
    # The region's units through their region and township indexes, then each unit's events of the month
    # (index on unit and date): a path match through the joins read every unit of the province.
    events = (RiskEvent.objects.filter(occurred_on__gte=first_day)
              .filter(subtree_q([membership.region], fields=("unit__region", "unit__township")))
              .select_related("unit").order_by("-occurred_on", "-pk"))
    return items_with_more(
        events,
        lambda event: HomeItem(label=event.unit.name, url=reverse("risks:detail", args=[event.pk]),
                               note=f"{event.get_kind_display()} · {event.get_severity_display()} · "
                                    f"{event.occurred_on:%Y-%m-%d}"),
        reverse("risks:list"),
    )
