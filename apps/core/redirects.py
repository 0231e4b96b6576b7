"""Where a form may send a person afterwards: only back into the portal, never to another site."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def local_next(request: HttpRequest, *, default: str) -> str:
    """The ``next`` the form carries if it points into this site (same host, https if the request is), else default."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()},
                                                     require_https=request.is_secure()):
        return candidate
    return default
