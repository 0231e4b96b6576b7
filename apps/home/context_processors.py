from apps.accounts.permissions import all_memberships_of

from .navigation import navigation_for


def roles(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"memberships": [], "user_roles": set()}
    memberships = all_memberships_of(user)
    user_roles = {m.role for m in memberships}
    return {"memberships": memberships, "user_roles": user_roles, "navigation": navigation_for(user_roles, user)}
