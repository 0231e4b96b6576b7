"""The rows of the unit list (templates/registry/unit_list.html)."""

from django import template
from django.core.paginator import Page
from django.utils.safestring import SafeString, mark_safe

from apps.registry.unit_rows import unit_rows_markup

register = template.Library()


@register.simple_tag
def unit_rows(page: Page) -> SafeString:
    """The page's rows: the markup it holds when its rows are kept (registry/unit_rows.py), else each unit's."""
    rows = list(page)
    if rows and isinstance(rows[0], str):
        return mark_safe("".join(rows))  # noqa: S308 - each row escapes its values
    markup = unit_rows_markup(rows)
    return mark_safe("".join(markup[unit.pk] for unit in rows))  # noqa: S308 - each row escapes its values
