"""The offices' workbench lists of applications, kept per region (apps/home/sections/), and what drops them.

Kept in region_cache under the part names below, of the county or city they are shown for: the county's three
queues (waiting for a panel, for a new round, for a decision), the naming office's county-approved applications,
its running notices, its public objections and its departments' objections; with the county's queues, its
townships' lists waiting for a pre-check and each reviewer's open sheets (apps/home/sections/reviews.py
``_queues_kept``). What they show changes when an application moves (``application_transition``; a notice is
published with its applications' moves), when a panel is formed or a member replaced (``panel_form``,
``experts.services``), when a member submits or takes back a sheet (``sheet_save``: the last sheet puts it in
"waiting for a decision"), when an objection is filed or handled (notices.services), when a
department answers with an objection, its objection is handled or it is renamed (opinions.services), when a
campaign policy changes (the township pre-check, the naming level: ``campaigns.services.CAMPAIGNS_KEY``) and when
a unit is renamed or moved (``units_changed``).
"""

from collections.abc import Callable, Iterable
from typing import TypeVar

from apps.accounts.models import User
from apps.accounts.permissions import memberships_of, unit_ids_for
from apps.accounts.roles import STAFF_ROLES
from apps.applications.assessments.models import Application
from apps.campaigns.selectors import POLICY_GENERATION_KEY
from apps.core.region_cache import region_cached, region_part_changed
from apps.regions.services import region_parts_changed

T = TypeVar("T")

QUEUES_PART = "applications:queues"
CONFIRMATION_PART = "applications:confirmation"
NOTICES_PART = "applications:notices"
OBJECTIONS_PART = "applications:objections"
OPINIONS_PART = "applications:department-objections"
PARTS = (QUEUES_PART, CONFIRMATION_PART, NOTICES_PART, OBJECTIONS_PART, OPINIONS_PART)


def application_queues_changed(*, application: Application) -> None:
    """Drop the kept application lists of the application's county and every region above it."""
    for part in PARTS:
        region_part_changed(part, region_ids=application.region.path_ids)


def confirmation_kept(user: User, read: Callable[[], T], *, variant: str) -> T:
    """``read()`` (one of the naming office's lists of county-approved or confirmed applications), kept per office:
    under the confirmation part of the viewer's region (``CONFIRMATION_PART``: every status change moves it for the
    application's county and the regions above, and so does a province decision forwarded or recorded), the
    policies' generation (which regions an office names, whether the province decides) and every unit's (the lists
    show and sort on the application's copy of its unit's name and county).

    What such a list holds depends on the viewer's staff roles and their regions alone (the offices they name for,
    the campaign calendars above them): a viewer acting in one region is kept under it and their roles there; one
    acting in several, or also representing a unit, is read each time."""
    staff = [m for m in memberships_of(user) if m.role in STAFF_ROLES]
    if len({m.region_id for m in staff}) != 1 or unit_ids_for(user):
        return read()
    roles = ",".join(sorted({m.role for m in staff}))
    return region_cached(CONFIRMATION_PART, staff[0].region_id, read, also=(POLICY_GENERATION_KEY,),
                         variant=f"{variant}:{roles}")


def confirmation_changed(*, application: Application) -> None:
    """Drop the naming office's kept lists of the application's county and every region above it (a province
    decision forwarded or recorded: the application stays confirmed, its place in the lists moves)."""
    region_part_changed(CONFIRMATION_PART, region_ids=application.region.path_ids)


def applications_queues_changed(*, county_ids: Iterable[int]) -> None:
    """The same for the applications of these counties (one query for their paths)."""
    region_parts_changed(*PARTS, region_ids=county_ids)
