"""The unit list's rows (templates/registry/unit_list.html), written in Python and kept per unit: what a row shows
is the same for every viewer allowed to see the unit, so each row's markup is built once per unit, language and day
(``region_cache.units_cached``) and a page reads from the database only the rows it has not kept.

A row hangs on the unit's page generation (``registry.unit_page``: moved whenever the unit or its enterprise is saved
or a history entry written, by whatever path (registry/receivers.py): a verification, a return, an edit, a confirmed
code, a grade), on that of every unit (``UNITS_KEY``: renamed or moved) and on the users' and regions' generation
(``USER_LIST_KEY``: a region renamed). Which rows a viewer sees is the page's ids, under the viewer's jurisdiction,
never the rows.
"""

from collections.abc import Callable, Iterable

from django.core.exceptions import ObjectDoesNotExist
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.translation import gettext

from apps.accounts.selectors import USER_LIST_KEY
from apps.core.links import url_for_each
from apps.core.region_cache import units_cached

from .unit_page import UNIT_PAGE_PART
from .units.models import Unit

UNIT_ROW_PART = "list-row"


def _text(value) -> str:
    """``{{ value }}``: localized, then escaped."""
    return conditional_escape(localize(value))


def unit_rows_kept(ids: list[int], read: Callable[[list[int]], dict[int, Unit]]) -> dict[int, str]:
    """Each row's markup by unit id, from the cache or built from ``read(ids)`` for those it does not hold
    (``NarrowPaginator(kept_rows=...)``, ``MergedWalkPaginator(kept_rows=...)``)."""
    return units_cached(UNIT_ROW_PART, ids, lambda missing: unit_rows_markup(read(missing).values()),
                        parts=(UNIT_PAGE_PART,), also=(USER_LIST_KEY,))


def unit_rows_markup(units: Iterable[Unit]) -> dict[int, str]:
    """Each unit's row (region, township, enterprise and industry read with it), the markup the template's row loop
    gave. That loop was a third of the page's CPU: each unit that is not an enterprise (a park, an industry body)
    failed six ``unit.enterprise`` look-ups, and the template answers a failed look-up by listing the model's
    attributes to tell it from a failing property. Each value is escaped."""
    detail_url = url_for_each("registry:unit_detail")
    unconfirmed_word = gettext("待核实")  # not inside the f-string: makemessages would not see it
    unconfirmed = f' <span class="badge text-bg-warning">{conditional_escape(unconfirmed_word)}</span>'
    markup = {}
    for unit in units:
        try:
            enterprise = unit.enterprise
        except ObjectDoesNotExist:
            enterprise = None
        if enterprise is None:
            uscc = industry = size = employees = grade = ""
        else:
            uscc = _text(enterprise.uscc) + (unconfirmed if enterprise.uscc_needs_confirmation else "")
            industry = _text(enterprise.industry.name) if enterprise.industry is not None else ""
            size = _text(enterprise.get_size_display())
            employees = "" if enterprise.employee_count is None else _text(enterprise.employee_count)
            grade = _text(enterprise.credit_grade)
        place = _text(unit.region.name) + (f" · {_text(unit.township.name)}" if unit.township else "")
        markup[unit.pk] = (
            f'\n    <tr>\n      <td><a href="{detail_url(unit.pk)}">{_text(unit.name)}</a></td>\n'
            f"      <td>{_text(unit.get_kind_display())}</td>\n"
            f"      <td>{uscc}</td>\n"
            f"      <td>{place}</td>\n"
            f"      <td>{industry}</td>\n"
            f"      <td>{size}</td>\n"
            f"      <td>{employees}</td>\n"
            f"      <td>{grade}</td>\n"
            f"      <td>{_text(unit.get_verification_status_display())}</td>\n"
            "    </tr>\n  "
        )
    return markup
