"""The county admin's home-page list of this month's risk events (used by apps/home/workbench.py)."""

from django.urls import reverse
from django.utils import timezone

from apps.accounts.models import Membership
from apps.accounts.selectors import subtree_q
from apps.core.region_cache import region_cached
from apps.home.items import HomeItem
from apps.home.sections.reviews import items_with_more
from apps.oversight.risks.models import RiskEvent
from apps.oversight.risks.services import MONTH_EVENTS_PART


def events_this_month(membership: Membership) -> list:
    """Events that happened in the membership's region since the first of this month, newest first.

    Kept per region (apps/core/region_cache.py) until an event of the region is recorded (risk_event_create,
    risk_event_receive, the import: risk_events_changed) or a unit is renamed or moved: read afresh, a county's
    list checks the unit of each of the province's events this month (13,000 pages for the bench county)."""
    return region_cached(MONTH_EVENTS_PART, membership.region_id, lambda: _events_this_month(membership))


def _events_this_month(membership: Membership) -> list:
    first_day = timezone.localdate().replace(day=1)
    # On the events' own copy of their unit's county and township and its (region, date) index.
    events = (RiskEvent.objects.filter(occurred_on__gte=first_day)
              .filter(subtree_q([membership.region], fields=("region", "township")))
              .select_related("unit").order_by("-occurred_on", "-pk"))
    return items_with_more(
        events,
        lambda event: HomeItem(label=event.unit.name, url=reverse("risks:detail", args=[event.pk]),
                               note=f"{event.get_kind_display()} · {event.get_severity_display()} · "
                                    f"{event.occurred_on:%Y-%m-%d}"),
        reverse("risks:list"),
    )
