"""The rows of the password-reset user list (templates/accounts/user_list.html), written in Python and kept per user:
a row shows the user's name, roles (with their regions and units), whether an e-mail address is on file and the
reset link, the same for every viewer allowed to reset that user's password, so each row is built once per user and
language and a page reads from the database only the rows it has not kept.

A row hangs on the user's generation (``kept_user.user_generation_key``): moved by a save or delete of the user, of
one of their memberships, and of a region or unit a membership names, by whatever path (accounts/receivers.py and
the registry's). Which rows a viewer sees is the page's ids, under the viewer's reach (``users_resettable_kept`` or
the query), never the rows.
"""

from collections.abc import Callable, Iterable

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext

from apps.core.links import url_for_each
from apps.core.public_cache import kept_many

from .kept_user import user_generation_key
from .models import User

ROW = ('\n    <tr>\n      <td>{}</td><td>{}</td>\n      <td>{}</td>\n      <td>{}</td>\n'
       '      <td><a href="{}">{}<span class="visually-hidden">：{}</span></a></td>\n    </tr>\n  ')
ROLE = "{}（{}）"
LINE_BREAK = mark_safe("<br>")


def user_rows_kept(ids: list[int], read: Callable[[list[int]], dict[int, User]]) -> dict[int, str]:
    """Each row's markup by user id, from the cache or built from ``read(ids)`` (memberships prefetched with region
    and unit) for those it does not hold (``NarrowPaginator(kept_rows=...)``)."""
    language = get_language() or ""
    return kept_many({pk: (f"accounts:user-row:{pk}:{language}", [user_generation_key(pk)]) for pk in ids},
                     lambda missing: user_rows_markup(read(missing).values()))


def user_rows_markup(users: Iterable[User]) -> dict[int, str]:
    """One row per user with their roles, whether an e-mail address is on file, and the reset link; every value
    escaped by format_html, the link's URL resolved once: the template's loops and one ``{% url %}`` a row were most
    of the page's CPU."""
    password_url = url_for_each("accounts:user_password")
    registered, unregistered, reset = gettext("已登记"), gettext("未登记"), gettext("重置密码")
    return {person.pk: format_html(
        ROW, person.username, person.full_name or "—",
        LINE_BREAK.join(format_html(ROLE, m.get_role_display(), m.unit or m.region) for m in person.memberships.all()),
        registered if person.email else unregistered, password_url(person.pk), reset, person.username,
    ) for person in users}
