import functools
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django_otp import DEVICE_ID_SESSION_KEY, user_has_device
from django_otp.middleware import OTPMiddleware as DjangoOTPMiddleware
from django_otp.middleware import is_verified
from django_otp.models import Device

from .kept_user import kept_devices
from .passwords import password_renewal_reason
from .two_factor import two_factor_required

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


SESSION_STARTED = "_session_started_at"
SESSION_SEEN = "_session_seen_at"
# The last-seen time is written at most this often: a session write per request would cost a query per page.
SEEN_GRANULARITY = 60
TIMED_OUT = _("您已较长时间未操作或登录已超过规定时长，为保护账号安全已自动退出，请重新登录。")


class SessionTimeoutMiddleware:
    """Log out a session idle for SESSION_IDLE_TIMEOUT, and any session SESSION_COOKIE_AGE after it began.

    Both are measured from times kept in the session itself: the session
    store's own expiry moves forward whenever anything writes to the session,
    so it cannot hold an absolute limit on its own.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started, seen = session.setdefault(SESSION_STARTED, now), session.get(SESSION_SEEN, now)
            idle_limit = settings.SESSION_IDLE_TIMEOUT
            if now - started > settings.SESSION_COOKIE_AGE or (idle_limit and now - seen > idle_limit):
                logout(request)
                messages.info(request, TIMED_OUT)
                return redirect_to_login(request.get_full_path())
            if now - session.get(SESSION_SEEN, 0) >= SEEN_GRANULARITY:
                session[SESSION_SEEN] = now
        return self.get_response(request)


class OTPMiddleware(DjangoOTPMiddleware):
    """django-otp's: ``request.user.otp_device`` is the device this session was verified with, or None.

    For a user read from the kept copy (apps/accounts/kept_user.py), whether the session's device is one of the
    user's confirmed devices is known without a query; the device itself is read only if something uses it
    (``is_verified()`` does not). A device deleted or unconfirmed since moves the kept copy on, so the session is
    unverified again on its next request, as with django-otp's own look-up.
    """

    def _verify_user_sync(self, request, user):
        devices = kept_devices(user) if user.is_authenticated else None
        if devices is None:
            return super()._verify_user_sync(request, user)
        user.otp_device = None
        user.is_verified = functools.partial(is_verified, user)
        persistent_id = request.session.get(DEVICE_ID_SESSION_KEY)
        if persistent_id and self._normalize_persistent_id(persistent_id) in devices:
            persistent_id = self._normalize_persistent_id(persistent_id)
            user.otp_device = SimpleLazyObject(lambda: Device.from_persistent_id(persistent_id))
        elif persistent_id:
            del request.session[DEVICE_ID_SESSION_KEY]
        return user


# What a user still owing the second factor may open: the two-factor pages, logging out, the language.
_TWO_FACTOR_OPEN_URL_NAMES = ("accounts:two_factor_setup", "accounts:two_factor_verify", "accounts:logout",
                              "set_language")


class TwoFactorMiddleware:
    """Hold a user of a role in OTP_REQUIRED_ROLES at set-up or verification until the session is verified.

    Runs after django-otp's OTPMiddleware, which tells whether this session has passed a code.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self._open_paths: frozenset[str] | None = None

    def _is_open(self, path: str) -> bool:
        if self._open_paths is None:
            self._open_paths = frozenset(reverse(name) for name in _TWO_FACTOR_OPEN_URL_NAMES)
        return path in self._open_paths or path.startswith(settings.STATIC_URL)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated and not user.is_verified()
                and not self._is_open(request.path_info) and two_factor_required(user)):
            page = "accounts:two_factor_verify" if user_has_device(user) else "accounts:two_factor_setup"
            return redirect_to_login(request.get_full_path(), login_url=reverse(page))
        return self.get_response(request)
