"""The county and city offices' home-page lists (apps/home/workbench.py): report duties falling due or overdue,
and named enterprises lacking the certified coordinators their policy requires."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Membership
from apps.accounts.permissions import regions_for
from apps.accounts.roles import ADMIN_ROLES
from apps.applications.named_units.selectors import coordinator_gaps_for
from apps.campaigns.selectors import POLICY_GENERATION_KEY
from apps.campaigns.services import CAMPAIGNS_KEY
from apps.core.public_cache import GENERATION_KEY as TITLES_KEY
from apps.core.region_cache import region_cached
from apps.home.items import HomeItem
from apps.registry.coordinators.services import COORDINATORS_KEY
from apps.reports.duties import DutyState, duty_occurrences
from apps.reports.models import REPORTS_KEY

SHOWN_STATES = (DutyState.OVERDUE, DutyState.UPCOMING, DutyState.BUILDING)


DUTIES_PART = "home:report-duties"


def reports_due(membership: Membership) -> list[HomeItem]:
    """``_reports_due``, kept per region until a report is requested or changes status or a policy's duties are
    saved (``REPORTS_KEY``) or a policy is saved (``POLICY_GENERATION_KEY``); a due date's state turns with the
    date in the key."""
    return region_cached(DUTIES_PART, membership.region_id, lambda: _reports_due(membership),
                         also=(REPORTS_KEY, POLICY_GENERATION_KEY))


def _reports_due(membership: Membership) -> list[HomeItem]:
    """The reports the office's own region owes this year that are overdue, falling due or building, and how
    many of the regions below are overdue."""
    today = timezone.localdate()
    region = membership.region
    occurrences = [o for o in duty_occurrences(year=today.year, within=region) if o.state(today) in SHOWN_STATES]
    items = [
        HomeItem(label=_("%(kind)s · %(due)s 截止") % {"kind": o.duty.get_kind_display(), "due": f"{o.due:%Y-%m-%d}"},
                 note=o.state_label(today),
                 url=reverse("reports:detail", args=[o.report.pk]) if o.report else reverse("reports:duties"))
        for o in occurrences if o.region == region
    ]
    below = sum(1 for o in occurrences if o.region != region and o.state(today) == DutyState.OVERDUE)
    if below:
        items.append(HomeItem(label=_("下级地区逾期未生成的报告 %(n)s 份") % {"n": below},
                              url=reverse("reports:duties")))
    return items


GAPS_PART = "home:coordinator-gaps"


def coordinator_gaps(membership: Membership) -> list[HomeItem]:
    """How many named enterprises lack the certified coordinators their policy requires (none: no line).

    Kept per region for an office holding no other: it changes with the policies (``CAMPAIGNS_KEY``), the titles
    (the title services move the public pages' generation), the coordinators' ledger (``COORDINATORS_KEY``) and
    the units (``units_changed``); a certificate's end turns with the date in the key."""
    if [region.pk for region in regions_for(membership.user, ADMIN_ROLES)] != [membership.region_id]:
        return _coordinator_gaps(membership)
    return region_cached(GAPS_PART, membership.region_id, lambda: _coordinator_gaps(membership),
                         also=(TITLES_KEY, CAMPAIGNS_KEY, COORDINATORS_KEY))


def _coordinator_gaps(membership: Membership) -> list[HomeItem]:
    today = timezone.localdate()
    rows, rules = coordinator_gaps_for(user=membership.user, today=today, within=membership.region)
    if not rules:
        return []
    count = rows.count()
    overdue = any(rule.overdue(today) for rule in rules)
    return [HomeItem(label=_("缺少持证协调员的命名单位 %(n)s 家") % {"n": count},
                     note=_("已过配备期限") if overdue and count else "",
                     url=reverse("named_units:coordinator_gaps"))]
