"""The confirmed applications' checkboxes of the notice management page (templates/notices/manage.html) and of
the consultation form (templates/opinions/send.html)."""

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

CHECKED = mark_safe(" checked")
ROW = ('<div class="form-check"><input class="form-check-input" type="checkbox" name="ids" value="{}" id="{}-{}"{}>'
       '<label class="form-check-label" for="{}-{}">{} · {}{}</label></div>')


@register.simple_tag
def candidate_checkboxes(candidates, picked: set[str], prefix: str = "pub", year: bool = False) -> SafeString:
    """One checkbox per confirmed application (``notices.selectors.Candidate``), all checked on a fresh page and
    the picked ones after a refused form; ``year`` adds the campaign year to the label. A city may have up to 500
    (notices.selectors.CONFIRMED_LIMIT, one notice announces them at once): written in one pass here (names
    escaped by format_html), the template loop took ~25 ms of CPU for 400 rows."""
    return format_html_join("", ROW, (
        (c.pk, prefix, c.pk, CHECKED if not picked or str(c.pk) in picked else "", prefix, c.pk,
         c.region_name, c.unit_name, f"（{c.year}）" if year else "")
        for c in candidates
    ))
