"""The offices' home-page lists of rectification items (used by apps/home/workbench.py): the supervised office's
overdue items, and the supervising office's items whose rectification waits for its acceptance."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Membership
from apps.core.region_cache import region_cached
from apps.home.items import HomeItem
from apps.home.sections.reviews import items_with_more
from apps.oversight.supervision.selectors import items_to_accept_by, overdue_items_of
from apps.oversight.supervision.services import OVERDUE_PART, TO_ACCEPT_PART


def overdue_rectification(membership: Membership) -> list:
    """The office's own items still open after their deadline, earliest first; kept per region and day until an
    item of the office is written (supervision.services.items_changed)."""
    return region_cached(OVERDUE_PART, membership.region_id, lambda: _overdue_rectification(membership))


def _overdue_rectification(membership: Membership) -> list:
    return items_with_more(
        overdue_items_of(region=membership.region, today=timezone.localdate()),
        lambda item: HomeItem(label=item.description[:60], url=reverse("supervision:item", args=[item.pk]),
                              note=_("%(supervisor)s督导 · 期限 %(deadline)s")
                              % {"supervisor": item.visit.supervisor.name, "deadline": f"{item.deadline:%Y-%m-%d}"}),
        reverse("supervision:items") + "?state=overdue&mine=1",
    )


def rectification_to_accept(membership: Membership) -> list:
    """Items the office supervised whose reported rectification waits for it; kept per region until an item it
    supervised is written (supervision.services.items_changed)."""
    return region_cached(TO_ACCEPT_PART, membership.region_id, lambda: _rectification_to_accept(membership))


def _rectification_to_accept(membership: Membership) -> list:
    return items_with_more(
        items_to_accept_by(region=membership.region),
        lambda item: HomeItem(label=item.description[:60], url=reverse("supervision:item", args=[item.pk]),
                              note=_("%(region)s已报告整改") % {"region": item.responsible.name}),
        reverse("supervision:items") + "?state=reported",
    )
