"""The county and city offices' home-page lists (apps/home/workbench.py): report duties falling due or overdue,
and named enterprises lacking the certified coordinators their policy requires."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.accounts.models import Membership
from apps.applications.named_units.selectors import coordinator_gaps_for
from apps.home.items import HomeItem
from apps.reports.duties import DutyState, duty_occurrences

SHOWN_STATES = (DutyState.OVERDUE, DutyState.UPCOMING, DutyState.BUILDING)


def reports_due(membership: Membership) -> list[HomeItem]:
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


def coordinator_gaps(membership: Membership) -> list[HomeItem]:
    """How many named enterprises lack the certified coordinators their policy requires (none: no line)."""
    today = timezone.localdate()
    rows, rules = coordinator_gaps_for(user=membership.user, today=today, within=membership.region)
    if not rules:
        return []
    count = rows.count()
    overdue = any(rule.overdue(today) for rule in rules)
    return [HomeItem(label=_("缺少持证协调员的命名单位 %(n)s 家") % {"n": count},
                     note=_("已过配备期限") if overdue and count else "",
                     url=reverse("named_units:coordinator_gaps"))]
