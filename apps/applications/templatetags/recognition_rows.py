"""The rows of the staff's title list (templates/recognitions/list.html)."""

from django import template
from django.core.paginator import Page
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from apps.core.links import url_for_each

register = template.Library()


@register.simple_tag
def recognition_rows(page: Page) -> SafeString:
    """The page's titles (unit and application's standard read with them), written in one pass: the markup the
    template's row loop gave, whose two ``{% url %}`` and date and default filters a row were over half of the
    page's CPU at 50 rows."""
    detail_url, certificate_url = url_for_each("recognitions:detail"), url_for_each("recognitions:certificate")
    open_ended, download = conditional_escape(gettext("不设固定期限")), conditional_escape(gettext("下载证书"))
    parts = []
    for title in page:
        # The date filter's "Y-m-d": the year in four digits, as isoformat writes it.
        until = title.valid_until.isoformat() if title.valid_until is not None else open_ended
        parts.append(
            f'\n    <tr><td><a href="{detail_url(title.pk)}">{conditional_escape(title.number)}</a></td>'
            f"<td>{conditional_escape(title.unit.name)}</td><td>{conditional_escape(title.full_title)}</td>\n"
            f"      <td>{until}</td><td>{conditional_escape(title.get_current_status_display())}</td>\n"
            f'      <td><a href="{certificate_url(title.pk)}">{download}</a></td></tr>\n  '
        )
    return mark_safe("".join(parts))  # noqa: S308 - every value above is escaped
