from collections.abc import Callable

from django import template
from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils.formats import localize
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from apps.applications.workflow.states import Status, status_label

register = template.Library()


class _Once(dict):
    """``make(key)`` for each key, made on first use and then looked up."""

    def __init__(self, make: Callable):
        super().__init__()
        self.make = make

    def __missing__(self, key):
        self[key] = value = self.make(key)
        return value


@register.simple_tag
def queue_rows(page) -> SafeString:
    """The review queue's body rows (reviews/queue.html), written in Python: the markup the template's row loop
    gave, without eight template nodes, a ``{% url %}`` and a ``{% blocktranslate %}`` per row (about a third
    of the page's template time at 50 rows). The detail link is the queue's address plus the key, as
    reviews/urls.py nests ``<int:pk>/`` under it."""
    queue = reverse("reviews:queue")
    no_panel = conditional_escape(gettext("未组建评估组"))
    # A page holds a few campaign years and statuses: each is localised and labelled once, not once a row.
    years, labels = _Once(localize), _Once(lambda key: conditional_escape(status_label(*key)))
    parts = []
    for application in page:
        status = labels[application.status, application.naming_level]
        if application.status == Status.SUBMITTED and application.revision > 1:
            note = conditional_escape(gettext("退回修改后重新提交（第 %(n)s 版）") % {"n": application.revision})
            status += f'<br><small class="text-body-secondary">{note}</small>'
        progress = f"{application.sheets_done} / {application.seats}" if application.seats else no_panel
        parts.append(
            f'\n    <tr><td><a href="{queue}{application.pk}/">{conditional_escape(application.unit.name)}</a></td>'
            f'<td>{conditional_escape(application.unit.region.name)}</td>\n'
            f'      <td>{years[application.campaign_year.year]}</td><td>{status}</td>\n'
            f'      <td>{progress}</td></tr>\n  '
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped


@register.simple_tag
def city_rows(page, confirmable) -> SafeString:
    """The city confirmation list's body rows (reviews/city_list.html), written in Python as ``queue_rows`` is:
    100 rows a page, each with its checkbox where the viewer may confirm it (``confirmable``: the ids)."""
    queue = reverse("reviews:queue")
    pick = conditional_escape(gettext("选择"))
    years = _Once(localize)
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
        total = localize(panel.result_total) if panel is not None and panel.result_total else ""
        grade = conditional_escape(panel.result_grade) if panel is not None else ""
        parts.append(
            f'\n    <tr><td>{box}</td>\n'
            f'      <td><a href="{queue}{pk}/">{name}</a></td>'
            f'<td>{conditional_escape(application.unit.region.name)}</td>\n'
            f'      <td>{years[application.campaign_year.year]}</td><td>{total}</td><td>{grade}</td></tr>\n  '
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
