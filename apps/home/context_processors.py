from django.utils.functional import SimpleLazyObject

from apps.accounts.permissions import all_memberships_of

from .navigation import navigation_html


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"memberships": [], "user_roles": set()}
    memberships = all_memberships_of(user)
    user_roles = {m.role for m in memberships}
    # Lazy: only a page that extends base.html shows the menu (an htmx fragment renders with this context too).
    return {"memberships": memberships, "user_roles": user_roles,
            "navigation_html": SimpleLazyObject(lambda: navigation_html(user_roles, user))}
