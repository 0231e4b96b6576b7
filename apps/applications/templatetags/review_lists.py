from functools import cache

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def city_rows(page, confirmable) -> SafeString:
    """The city confirmation list's body rows (reviews/city_list.html), written in Python as the queue's are
    (reviews/lists.py): 100 rows a page, each with its checkbox where the viewer may confirm it (``confirmable``:
    the ids)."""
    queue = reverse("reviews:queue")
    pick = conditional_escape(gettext("选择"))
    # Localised once per page (this call, this language) for each year and each total, the total keyed by its text
    # too: Decimal 88.0 and 88.00 are equal and hash alike, so a cache keyed by the number alone would mix them.
    years, totals = cache(localize), cache(lambda total, text: localize(total))
    parts = []
    for application in page:
        pk = application.pk
        name = conditional_escape(application.unit.name)
        box = (f'<input class="form-check-input" type="checkbox" name="ids" value="{pk}" id="pick-{pk}" '
               f'aria-label="{pick} {name}">') if pk in confirmable else ""
        try:
            panel = application.review_panel
        except ObjectDoesNotExist:  # the template showed empty cells (an approved application has its panel)
            panel = None
        total = totals(panel.result_total, str(panel.result_total)) if panel is not None and panel.result_total else ""
        grade = conditional_escape(panel.result_grade) if panel is not None else ""
        parts.append(
            f'\n    <tr><td>{box}</td>\n'
            f'      <td><a href="{queue}{pk}/">{name}</a></td>'
            f'<td>{conditional_escape(application.unit.region.name)}</td>\n'
            f'      <td>{years(application.campaign_year.year)}</td><td>{total}</td><td>{grade}</td></tr>\n  '
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
