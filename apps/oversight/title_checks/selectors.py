"""Reads of check rounds and check records, scoped to the viewer's jurisdiction (deny by default), the offices that
may start a round, and the figures a yearly report states."""

import datetime

from django.db.models import Q, QuerySet

from apps.accounts.models import User
from apps.accounts.permissions import regions_for
from apps.accounts.roles import ADMIN_ROLES
from apps.accounts.selectors import scope_through_unit, subtree_q
from apps.applications.recognitions.models import Recognition, RecognitionStatus, valid_through
from apps.campaigns.rules import rules_for
from apps.regions.models import Region, RegionLevel

from .models import CheckRound, TitleCheck

# The offices: a city (or province) office runs checks; a county office sees those of its units, read-only, unless
# its policy lets the county level check too.
VIEW_ROLES = ADMIN_ROLES


def checking_offices_for(*, user: User, year: int) -> list[Region]:
    """The user's office regions whose level may run checks under the policy in force there
    (``Rules.title_check_levels``: the province and city offices unless the locality says otherwise)."""
    return [region for region in regions_for(user, ADMIN_ROLES)
            if region.level in rules_for(region=region, year=year).title_check_levels]


def round_regions_for(*, offices: list[Region]) -> QuerySet[Region]:
    """What a round of these offices may cover: the office's own region, or one county below it."""
    return Region.objects.filter(Q(pk__in=[office.pk for office in offices])
                                 | Q(subtree_q(offices, fields=("parent",)), level=RegionLevel.COUNTY)
                                 ).order_by("path")


def round_list_for(*, user: User) -> QuerySet[CheckRound]:
    """Rounds over a region in the user's jurisdiction, and rounds over a region above it (a city-wide round is
    seen by each county office, which sees only its own units' checks in it)."""
    roots = regions_for(user, VIEW_ROLES)
    if not roots:
        return CheckRound.objects.none()
    above = {pk for root in roots for pk in root.path_ids}
    return (CheckRound.objects.filter(subtree_q(roots, fields=("region",)) | Q(region_id__in=above))
            .select_related("office", "region", "started_by"))


def check_list_for(*, user: User) -> QuerySet[TitleCheck]:
    """Check records of titles of units in the user's jurisdiction."""
    return scope_through_unit(
        TitleCheck.objects.select_related("round__office", "round__region", "recognition__application__standard",
                                          "unit__region",
                                          "checked_by", "case"),
        user, roles=VIEW_ROLES)


def titles_in_force(*, region: Region, today: datetime.date) -> QuerySet[Recognition]:
    """The valid titles of units in ``region`` today: what a round draws from."""
    return Recognition.objects.filter(valid_through(today), unit__region__path__startswith=region.path,
                                      status=RecognitionStatus.VALID)
