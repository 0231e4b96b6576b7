"""A unit representative's workbench (apps/home/workbench.py) is kept per unit (apps/core/region_cache.py
``unit_cached``): every service that changes what it shows calls ``unit_home_changed`` with the unit.

What it shows: the unit's registration (verified, returned with a reason: registry.services), this year's
application and its status, a return's feedback and the feedback of applications not passed (the application
services and ``application_transition``), this year's survey and its answers (surveys.services), the unit's
titles and renewals (the title services move the public pages' generation; the renewal is an application), the
tasks naming the unit (reports.targets) and the policy in force (campaigns.services.CAMPAIGNS_KEY).
"""

from collections.abc import Iterable

from apps.core.region_cache import unit_part_changed

UNIT_HOME_PART = "home"


def unit_home_changed(*, unit_ids: Iterable[int | None]) -> None:
    unit_part_changed(UNIT_HOME_PART, unit_ids=unit_ids)
