"""The offices' workbench lists of applications, kept per region (apps/home/sections/), and what drops them.

Kept in region_cache under the part names below, of the county or city they are shown for: the county's three
queues (waiting for a panel, for a new round, for a decision), the naming office's county-approved applications,
its running notices, its public objections and its departments' objections. What they show changes when an
application moves (``application_transition``; a panel is formed only with the move to county review, a notice
is published with its applications' moves), when a member submits or takes back a sheet (``sheet_save``: the last
sheet puts it in "waiting for a decision"), when an objection is filed or handled (notices.services), when a
department answers with an objection, its objection is handled or it is renamed (opinions.services), when a
campaign policy changes (the township pre-check, the naming level: ``campaigns.services.CAMPAIGNS_KEY``) and when
a unit is renamed or moved (``units_changed``).
"""

from collections.abc import Iterable

from apps.applications.assessments.models import Application
from apps.core.region_cache import region_part_changed
from apps.regions.services import region_parts_changed

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


def applications_queues_changed(*, county_ids: Iterable[int]) -> None:
    """The same for the applications of these counties (one query for their paths)."""
    region_parts_changed(*PARTS, region_ids=county_ids)
