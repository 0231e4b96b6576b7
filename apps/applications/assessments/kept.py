"""The parts of an application's pages that are the same for everyone allowed to see the application, kept per
application (``apps.core.region_cache.application_cached``): the review page's score comparison, panel and records
(apps/applications/reviews/page.py) and the self-evaluation page's items, summary, evidence and timeline (page.py).

A part hangs on the application's generation, which every service that changes what the parts show moves with
``application_pages_changed``: the unit's answers (``answer_save``, ``answer_from_survey``) and evidence
(``evidence_add``, ``evidence_withdraw``), a panel formed or re-formed and an expert replaced (reviews and experts
services), a member's sheet (``sheet_save``), the township's or city's scores (``level_sheet_save``), an inspection,
a spot check, a forwarding to or decision of the province, and every status change (``application_transition``: the
review queue's rows, reviews/lists.py, are kept on it). It also hangs on the generation of the campaign policies
(the naming level's word in the statuses, the survey's threshold: ``CAMPAIGNS_KEY``) and of the unit's own workbench
(``unit_home_changed``: its survey opened, answered, closed or reopened, and every status change with its event,
``application_transition``). No part names the unit (the pages' headings are read with the application), so a unit's
rename does not drop them. A person's name shown in a part (a panel member, an event's actor) is the part's as it
was built, for ``public_cache.TIMEOUT`` (ten minutes) at most; the standard in force and the editing window are read
per request.
"""

from collections.abc import Callable, Iterable
from typing import TypeVar

from apps.applications.assessments.models import Application
from apps.campaigns.services import CAMPAIGNS_KEY
from apps.core.region_cache import application_cached, application_parts_changed, unit_generation_key
from apps.registry.units.home import UNIT_HOME_PART

T = TypeVar("T")


def application_part_kept(name: str, application: Application, build: Callable[[], T]) -> T:
    """``build()``'s value for this part of the application's pages; only for a viewer allowed to see it."""
    return application_cached(name, application.pk, build,
                              also=(CAMPAIGNS_KEY, unit_generation_key(UNIT_HOME_PART, application.unit_id)))


def application_pages_changed(*, application_ids: Iterable[int | None]) -> None:
    """Drop the kept parts of these applications' pages, now and when the current transaction commits."""
    application_parts_changed(application_ids=application_ids)
