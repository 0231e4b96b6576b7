from django import template
from django.core.paginator import Page
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

register = template.Library()


@register.simple_tag
def city_rows(page: Page) -> SafeString:
    """The city confirmation list's body rows (reviews/city_list.html): each kept row (reviews/lists.py
    ``city_rows_markup``: its id, escaped unit name and markup after the checkbox) behind its checkbox. Every row
    has one: the list holds only county-approved applications that the viewer's office names
    (``workflow.offices.naming_office_applications``), which is what lets a viewer confirm one
    (``acts_for_naming_office`` on the same county and year)."""
    pick = conditional_escape(gettext("选择"))
    return mark_safe("".join(  # noqa: S308 - every value is escaped (lists.py)
        f'\n    <tr><td><input class="form-check-input" type="checkbox" name="ids" value="{pk}" id="pick-{pk}" '
        f'aria-label="{pick} {name}">{cells}' for pk, name, cells in page))
