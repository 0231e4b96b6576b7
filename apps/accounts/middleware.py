from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse

from .passwords import password_renewal_reason

# What a user who must renew their password may still open: the change form itself, logging out, the language.
_OPEN_URL_NAMES = ("accounts:password_change", "accounts:password_change_done", "accounts:logout", "set_language")


class PasswordRenewalMiddleware:
    """Until a temporary or expired password is replaced, every page leads to the password change form."""

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths: frozenset[str] | None = None

    def _is_open(self, path: str) -> bool:
        if self._open_paths is None:
            self._open_paths = frozenset(reverse(name) for name in _OPEN_URL_NAMES)
        return path in self._open_paths or path.startswith(settings.STATIC_URL)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and not self._is_open(request.path_info)
                and password_renewal_reason(user)):
            return redirect_to_login(request.get_full_path(), login_url=reverse("accounts:password_change"))
        return self.get_response(request)
