"""The rows of the password-reset user list (templates/accounts/user_list.html)."""

from django import template
from django.core.paginator import Page
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from apps.core.links import url_for_each

register = template.Library()

ROW = ('\n    <tr>\n      <td>{}</td><td>{}</td>\n      <td>{}</td>\n      <td>{}</td>\n'
       '      <td><a href="{}">{}<span class="visually-hidden">：{}</span></a></td>\n    </tr>\n  ')
ROLE = "{}（{}）"
LINE_BREAK = mark_safe("<br>")


@register.simple_tag
def resettable_user_rows(page: Page) -> SafeString:
    """One row per user of the page with their roles (memberships prefetched with region and unit), whether an
    e-mail address is on file, and the reset link. Written in one pass (every value escaped by format_html, the
    link's URL resolved once): the template's loops and one ``{% url %}`` a row were most of the page's CPU."""
    password_url = url_for_each("accounts:user_password")
    registered, unregistered, reset = gettext("已登记"), gettext("未登记"), gettext("重置密码")
    return format_html_join("", ROW, (
        (person.username, person.full_name or "—",
         LINE_BREAK.join(format_html(ROLE, m.get_role_display(), m.unit or m.region)
                         for m in person.memberships.all()),
         registered if person.email else unregistered, password_url(person.pk), reset, person.username)
        for person in page
    ))
