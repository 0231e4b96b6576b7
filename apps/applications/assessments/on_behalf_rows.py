"""The 帮办代办 list's rows (assessments/on_behalf_list.html), kept per unit: what a row shows is the same for every
viewer allowed to see the enterprise (its name, place, size and this year's application with its status in the naming
level's words), so each row's markup is built once per unit, language and day (``region_cache.units_cached``) and a
page reads from the database only the rows it has not kept.

A row hangs on the unit's generations that the services changing what it shows move: its representative's workbench
(``unit_home_changed``: this year's application opened, on behalf or not, and every status change with it) and its
page (``registry.unit_page``: its enterprise saved, the size with it); on that of every unit (``UNITS_KEY``: renamed
or moved) and of the campaign policies (``POLICY_GENERATION_KEY``: the naming level's word in the status). Which rows
a viewer sees is the page's ids, under the viewer's jurisdiction (``units_page_kept`` or the query), never the rows.
"""

from collections.abc import Callable

from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.translation import gettext

from apps.applications.workflow.offices import naming_levels_prime
from apps.applications.workflow.states import status_label
from apps.campaigns.selectors import POLICY_GENERATION_KEY
from apps.core.links import url_for_each
from apps.core.region_cache import units_cached
from apps.registry.unit_page import UNIT_PAGE_PART
from apps.registry.units.home import UNIT_HOME_PART
from apps.registry.units.models import Unit

from .models import Application
from .on_behalf import size_label

ON_BEHALF_ROW_PART = "on-behalf-row"


def on_behalf_rows_kept(ids: list[int], read: Callable[[list[int]], dict[int, Unit]]) -> dict[int, str]:
    """Each row's markup by unit id, from the cache or built from ``read(ids)`` for those it does not hold
    (``NarrowPaginator(kept_rows=...)``)."""
    return units_cached(ON_BEHALF_ROW_PART, ids, lambda missing: on_behalf_rows_markup(read(missing)),
                        parts=(UNIT_HOME_PART, UNIT_PAGE_PART), also=(POLICY_GENERATION_KEY,))


def on_behalf_rows_markup(units: dict[int, Unit]) -> dict[int, str]:
    """The rows the template's loop gave, written in Python, with this year's application of each unit (one query)."""
    current = {application.unit_id: application for application in Application.objects.filter(
        unit__in=list(units), campaign_year__year=timezone.localdate().year).select_related("unit__region",
                                                                                            "campaign_year")}
    naming_levels_prime(current.values())
    detail_url, start_url = url_for_each("assessments:detail"), url_for_each("assessments:on_behalf_start")
    badge_word, not_started_word = conditional_escape(gettext("代办")), conditional_escape(gettext("未开始"))
    on_behalf_badge = f' <span class="badge text-bg-info">{badge_word}</span>'
    not_started = f'<span class="text-body-secondary">{not_started_word}</span>'
    view_own, carry_on = conditional_escape(gettext("查看（企业自行填报）")), conditional_escape(gettext("继续代办"))
    file_for = conditional_escape(gettext("代为填报"))
    markup = {}
    for pk, unit in units.items():
        application = current.get(pk)
        place = conditional_escape(unit.region.name) + (
            f" · {conditional_escape(unit.township.name)}" if unit.township else "")
        if application is None:
            status, action = not_started, f'<a href="{start_url(pk)}">{file_for}</a>'
        else:
            status = conditional_escape(status_label(application.status, application.naming_level)) + (
                on_behalf_badge if application.on_behalf else "")
            action = f'<a href="{detail_url(application.pk)}">{carry_on if application.on_behalf else view_own}</a>'
        markup[pk] = (
            f"\n    <tr><td>{conditional_escape(unit.name)}</td><td>{place}</td>"
            f"<td>{conditional_escape(size_label(unit))}</td>\n"
            f"      <td>{status}</td>\n"
            f"      <td>{action}</td></tr>\n  "
        )
    return markup
