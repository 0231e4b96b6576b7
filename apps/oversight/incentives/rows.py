"""The rows of a measure's unit list (incentives/measure_units.html), written in Python and kept per grant: a row
shows the grant, its unit and county and its title's number and standing, the same for every viewer allowed to see
the grant, so each row's markup is built once per grant, language and day (a title past its end reads "expired" from
the next day) and a page reads from the database only the rows it has not kept.

A row hangs on the grants' generation (``grants_changed``: a grant made or ended, by hand or by the nightly job), the
titles' (``TITLES_KEY``: a title conferred, renewed, revoked or expired), that of every unit (``UNITS_KEY``: renamed
or moved) and the regions' (``USER_LIST_KEY``: a county renamed). Which rows a viewer sees is the page's ids, under
the viewer's jurisdiction (``measure_grants_kept`` or the query), never the rows.
"""

from collections.abc import Callable, Iterable

from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import conditional_escape
from django.utils.translation import get_language

from apps.accounts.selectors import USER_LIST_KEY
from apps.applications.recognitions.models import RecognitionStatus
from apps.core.public_cache import GENERATION_KEY as TITLES_KEY
from apps.core.public_cache import kept_many
from apps.core.region_cache import UNITS_KEY

from .models import IncentiveGrant
from .selectors import GRANTS_KEY

GRANT_ROW = "incentives:measure-row"


def measure_rows_kept(ids: list[int], read: Callable[[list[int]], dict[int, IncentiveGrant]]) -> dict[int, str]:
    """Each row's markup by grant id, from the cache or built from ``read(ids)`` for those it does not hold
    (``NarrowPaginator(kept_rows=...)``)."""
    suffix = f"{get_language() or ''}:{timezone.localdate().isoformat()}"
    generations = [GRANTS_KEY, TITLES_KEY, UNITS_KEY, USER_LIST_KEY]
    return kept_many({pk: (f"{GRANT_ROW}:{pk}:{suffix}", generations) for pk in ids},
                     lambda missing: measure_rows_markup(read(missing).values()))


def _day(value) -> str:
    return date_format(value, "Y-m-d")


def measure_rows_markup(grants: Iterable[IncentiveGrant]) -> dict[int, str]:
    """Each grant's row (unit, county and title read with it), the markup the template's loop gave."""
    markup = {}
    for grant in grants:
        title = grant.recognition
        if grant.ended_on:
            ended = f"{_day(grant.ended_on)}（{conditional_escape(grant.get_end_reason_display())}）"
        elif title.current_status != RecognitionStatus.VALID:
            ended = conditional_escape(title.get_current_status_display())
        else:
            ended = "—"
        markup[grant.pk] = (
            f"\n    <tr><td>{conditional_escape(grant.unit.name)}</td><td>{conditional_escape(grant.unit.region.name)}"
            f"</td><td>{conditional_escape(title.number)}</td><td>{_day(grant.granted_on)}</td>\n"
            f"      <td>{ended}</td><td>{conditional_escape(grant.department)}</td></tr>\n  "
        )
    return markup
