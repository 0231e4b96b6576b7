"""Sign-in, sign-out and failed sign-in, kept as account events (等保 2.0: 安全审计)."""

import time

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed

from apps.core.client_ip import client_ip

from .middleware import SESSION_SEEN, SESSION_STARTED
from .models import AccountEventKind, User
from .services import account_event_record


def _ip(request) -> str | None:
    return client_ip(request) if request is not None else None


def record_login(sender, request, user, **kwargs) -> None:
    account_event_record(kind=AccountEventKind.LOGIN, user=user, by=user, ip_address=_ip(request))
    if request is not None and hasattr(request, "session"):
        # The session's limits count from here (apps.accounts.middleware.SessionTimeoutMiddleware).
        request.session[SESSION_STARTED] = request.session[SESSION_SEEN] = int(time.time())


def record_logout(sender, request, user, **kwargs) -> None:
    if user is not None:
        account_event_record(kind=AccountEventKind.LOGOUT, user=user, by=user, ip_address=_ip(request))


def record_login_failure(sender, credentials, request=None, **kwargs) -> None:
    username = str(credentials.get("username") or "")
    account_event_record(kind=AccountEventKind.LOGIN_FAILED, user=User.objects.filter(username=username).first(),
                         username=username, ip_address=_ip(request))


user_logged_in.connect(record_login, dispatch_uid="accounts.record_login")
user_logged_out.connect(record_logout, dispatch_uid="accounts.record_logout")
user_login_failed.connect(record_login_failure, dispatch_uid="accounts.record_login_failure")
