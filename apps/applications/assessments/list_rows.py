"""The application list's rows (创建申报, assessments/list.html), kept per application: what a row shows is the same
for every viewer allowed to see it (its unit, county, campaign year, status in its naming level's words, the 帮办代办
mark and the revision), so each row's markup is built once per application and language
(``region_cache.applications_cached``) and a page reads from the database only the rows it has not kept.

A row hangs on what the review queue's rows hang on (reviews/lists.py): the application's generation, which every
status change moves with the revision (``application_transition``); the campaign policies' (``POLICY_GENERATION_KEY``:
the naming level's word in the status) and every unit's (``UNITS_KEY``: a unit renamed or moved). Whether it was
filed on the unit's behalf is set when it is opened and never changes. Which rows a viewer sees is the page's ids,
under the viewer's jurisdiction (``application_page_kept`` or the query), never the rows.
"""

from collections.abc import Callable
from functools import cache

from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.translation import gettext

from apps.applications.workflow.offices import naming_levels_prime
from apps.applications.workflow.states import status_label
from apps.campaigns.selectors import POLICY_GENERATION_KEY
from apps.core.links import url_for_each
from apps.core.region_cache import UNITS_KEY, applications_cached

from .models import Application

LIST_ROW_PART = "list_row"


def application_rows_kept(ids: list[int], read: Callable[[list[int]], dict[int, Application]]) -> dict[int, str]:
    """Each row's markup by id, from the cache or built from ``read(ids)`` for those it does not hold
    (``NarrowPaginator(kept_rows=...)``)."""
    return applications_cached(LIST_ROW_PART, ids, lambda missing: application_rows_markup(read(missing)),
                               also=(POLICY_GENERATION_KEY, UNITS_KEY))


def application_rows_markup(applications: dict[int, Application]) -> dict[int, str]:
    """The rows the template's loop gave, written in Python as the review queue's are. Each value is escaped."""
    naming_levels_prime(applications.values())
    detail_url = url_for_each("assessments:detail")
    on_behalf = conditional_escape(gettext("帮办代办"))
    badge = f' <span class="badge text-bg-secondary">{on_behalf}</span>'
    # Localised and labelled once per page for each year, revision and status; in the active language.
    numbers, labels = cache(localize), cache(lambda status, level: conditional_escape(status_label(status, level)))
    markup = {}
    for pk, application in applications.items():
        status = labels(application.status, application.naming_level) + (badge if application.on_behalf else "")
        markup[pk] = (
            f'\n    <tr><td><a href="{detail_url(pk)}">{conditional_escape(application.unit.name)}</a></td>'
            f'<td>{conditional_escape(application.unit.region.name)}</td>\n'
            f'      <td>{numbers(application.campaign_year.year)}</td><td>{status}</td>'
            f'<td>{numbers(application.revision)}</td></tr>\n  '
        )
    return markup
