"""The county admin's home-page list of this month's risk events (used by apps/home/workbench.py)."""

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Membership
from apps.home.items import HomeItem
from apps.home.sections.reviews import items_with_more
from apps.oversight.risks.models import RiskEvent


def events_this_month(membership: Membership) -> list:
    """Events that happened in the membership's region since the first of this month, newest first."""
    path = membership.region.path
    first_day = timezone.localdate().replace(day=1)
    events = (RiskEvent.objects.filter(occurred_on__gte=first_day)
              .filter(Q(unit__region__path__startswith=path) | Q(unit__township__path__startswith=path))
              .select_related("unit").order_by("-occurred_on", "-pk"))
    return items_with_more(
        events,
        lambda event: HomeItem(label=event.unit.name, url=reverse("risks:detail", args=[event.pk]),
                               note=f"{event.get_kind_display()} · {event.get_severity_display()} · "
                                    f"{event.occurred_on:%Y-%m-%d}"),
        reverse("risks:list"),
    )
