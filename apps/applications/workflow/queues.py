"""The offices' workbench lists of applications, kept per region (apps/home/sections/reviews.py), and what drops them.

The county's three queues (waiting for a panel, for a new round, for a decision) and the naming office's list of
county-approved applications are kept in region_cache under ``QUEUES_PART`` and ``CONFIRMATION_PART`` of the
county or city they are shown for. What they show changes when an application moves (``application_transition``; a
panel is formed only with the move to county review), when a member submits or takes back a
sheet (``sheet_save``: the last sheet puts it in "waiting for a decision"), when a campaign policy
changes (the township pre-check, the naming level: ``campaigns.services.CAMPAIGNS_KEY``) and when a unit is
renamed or moved (``units_changed``).
"""

from apps.applications.assessments.models import Application
from apps.core.region_cache import region_part_changed

QUEUES_PART = "applications:queues"
CONFIRMATION_PART = "applications:confirmation"


def application_queues_changed(*, application: Application) -> None:
    """Drop the kept application lists of the application's county and every region above it."""
    for part in (QUEUES_PART, CONFIRMATION_PART):
        region_part_changed(part, region_ids=application.region.path_ids)
