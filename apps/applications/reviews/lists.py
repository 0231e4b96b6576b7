"""The review queue's rows, kept per application: what a row shows is the same for every viewer allowed to see it
(its unit, county, campaign year, status in its naming level's words, revision and panel progress), so each row's
markup is built once per application and language (``region_cache.applications_cached``) and a page reads from the
database only the rows it has not kept.

A row hangs on the application's generation, which every service that changes what it shows moves
(``application_parts_changed``): a status change with its revision (``application_transition``), a panel formed
or re-formed and an expert replaced, a member's sheet saved or submitted (``sheet_save``) and a new round
(``sheets_archive`` runs within a transition); on the generation of the campaign policies (``POLICY_GENERATION_KEY``:
the naming level's word in the status) and on that of every unit (``UNITS_KEY``: a unit renamed or moved). Which
rows a viewer sees is the page's ids query, under the viewer's jurisdiction, never the cache.

The city confirmation list's rows are kept the same way (``city_rows_kept``): each shows its unit, county, campaign
year and the panel's result, which is frozen and cleared only within a status change, so a row hangs on the
application's generation and every unit's.
"""

from collections.abc import Callable
from functools import cache

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.translation import gettext

from apps.applications.assessments.models import Application
from apps.applications.workflow.offices import naming_levels_prime
from apps.applications.workflow.states import Status, status_label
from apps.campaigns.selectors import POLICY_GENERATION_KEY
from apps.core.region_cache import UNITS_KEY, applications_cached

QUEUE_ROW_PART = "queue_row"
CITY_ROW_PART = "city_row"


def queue_rows_kept(ids: list[int], read: Callable[[list[int]], dict[int, Application]]) -> dict[int, str]:
    """Each row's markup by id, from the cache or built from ``read(ids)`` for those it does not hold
    (``NarrowPaginator(kept_rows=...)``)."""
    return applications_cached(QUEUE_ROW_PART, ids, lambda missing: queue_rows_markup(read(missing)),
                               also=(POLICY_GENERATION_KEY, UNITS_KEY))


def queue_rows_markup(applications: dict[int, Application]) -> dict[int, str]:
    """The review queue's body rows (reviews/queue.html), written in Python: the markup the template's row loop
    gave, without eight template nodes, a ``{% url %}`` and a ``{% blocktranslate %}`` per row. The detail link
    is the queue's address plus the key, as reviews/urls.py nests ``<int:pk>/`` under it. Each value is escaped."""
    naming_levels_prime(applications.values())
    queue = reverse("reviews:queue")
    no_panel = conditional_escape(gettext("未组建评估组"))
    # A page holds a few campaign years and statuses: each is localised and labelled once, not once a row. The
    # caches live for this call only: labels and numbers are in the active language and the policies of the moment.
    years, labels = cache(localize), cache(lambda status, level: conditional_escape(status_label(status, level)))
    markup = {}
    for pk, application in applications.items():
        status = labels(application.status, application.naming_level)
        if application.status == Status.SUBMITTED and application.revision > 1:
            note = conditional_escape(gettext("退回修改后重新提交（第 %(n)s 版）") % {"n": application.revision})
            status += f'<br><small class="text-body-secondary">{note}</small>'
        progress = f"{application.sheets_done} / {application.seats}" if application.seats else no_panel
        markup[pk] = (
            f'\n    <tr><td><a href="{queue}{pk}/">{conditional_escape(application.unit.name)}</a></td>'
            f'<td>{conditional_escape(application.unit.region.name)}</td>\n'
            f'      <td>{years(application.campaign_year.year)}</td><td>{status}</td>\n'
            f'      <td>{progress}</td></tr>\n  '
        )
    return markup


def city_rows_kept(ids: list[int],
                   read: Callable[[list[int]], dict[int, Application]]) -> dict[int, tuple[int, str, str]]:
    """Each city confirmation row by id, as ``city_rows_markup`` gives it, from the cache or built from ``read(ids)``
    for those it does not hold (``NarrowPaginator(kept_rows=...)``)."""
    return applications_cached(CITY_ROW_PART, ids, lambda missing: city_rows_markup(read(missing)), also=(UNITS_KEY,))


def city_rows_markup(applications: dict[int, Application]) -> dict[int, tuple[int, str, str]]:
    """The city confirmation list's rows (reviews/city_list.html) by id: each one's id and unit name, escaped (for
    the checkbox, which the template tag ``city_rows`` writes), and its markup after the checkbox, written in Python
    as the queue's rows are. Each value is escaped."""
    queue = reverse("reviews:queue")
    # Localised once per page for each year and each total (keyed by its text too: 88.0 and 88.00 are equal).
    years, totals = cache(localize), cache(lambda total, text: localize(total))
    rows = {}
    for pk, application in applications.items():
        name = conditional_escape(application.unit.name)
        try:
            panel = application.review_panel
        except ObjectDoesNotExist:  # the template showed empty cells (an approved application has its panel)
            panel = None
        total = totals(panel.result_total, str(panel.result_total)) if panel is not None and panel.result_total else ""
        grade = conditional_escape(panel.result_grade) if panel is not None else ""
        rows[pk] = (pk, name, (
            f'</td>\n      <td><a href="{queue}{pk}/">{name}</a></td>'
            f'<td>{conditional_escape(application.unit.region.name)}</td>\n'
            f'      <td>{years(application.campaign_year.year)}</td><td>{total}</td><td>{grade}</td></tr>\n  '
        ))
    return rows
