"""The coordinator's home-page list of the units they guide (used by apps/home/workbench.py)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Membership
from apps.home.items import HomeItem
from apps.oversight.cultivation.selectors import coordinator_targets_for

SHOWN = 20


def my_targets(membership: Membership) -> list:
    """This year's cultivation targets the coordinator guides, each linked to its page for logging a visit."""
    targets = (coordinator_targets_for(user=membership.user).filter(year=timezone.localdate().year)
               .order_by("unit__name", "pk")[:SHOWN])
    return [HomeItem(label=target.unit.name, url=reverse("cultivation:target", args=[target.pk]),
                     note=_("记录指导情况")) for target in targets]
