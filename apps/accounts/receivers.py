"""Sign-in, sign-out and failed sign-in, kept as account events (等保 2.0: 安全审计); and the kept copy of a
signed-in user (apps/accounts/kept_user.py) dropped whenever their row, memberships, devices or the regions their
memberships name are saved or deleted, by whatever path (a service, the admin, a cascade)."""

import time

from django.apps import apps
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_delete, post_save
from django_otp.models import Device

from apps.core.client_ip import client_ip
from apps.regions.models import Region

from .kept_user import users_kept_changed
from .middleware import SESSION_SEEN, SESSION_STARTED
from .models import AccountEventKind, Membership, User
from .selectors import user_lists_changed
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


# A sign-in's or a password's save changes no list of users: the kept pages stay.
NOT_LISTED = frozenset({"last_login", "password", "password_changed_at", "must_change_password"})


def user_changed(sender, instance, update_fields=None, **kwargs) -> None:
    users_kept_changed(user_ids=[instance.pk])
    if update_fields is None or not set(update_fields) <= NOT_LISTED:
        user_lists_changed()


def membership_or_device_changed(sender, instance, **kwargs) -> None:
    users_kept_changed(user_ids=[instance.user_id])
    if isinstance(instance, Membership):
        user_lists_changed()


def region_changed(sender, instance, created=False, **kwargs) -> None:
    if not created:
        users_kept_changed(user_ids=Membership.objects.filter(region_id=instance.pk).values_list("user_id", flat=True))
        user_lists_changed()


for signal in (post_save, post_delete):
    signal.connect(user_changed, sender=User, dispatch_uid=f"accounts.kept_user.user.{signal is post_save}")
    signal.connect(membership_or_device_changed, sender=Membership,
                   dispatch_uid=f"accounts.kept_user.membership.{signal is post_save}")
    signal.connect(region_changed, sender=Region, dispatch_uid=f"accounts.kept_user.region.{signal is post_save}")
    for model in apps.get_models():
        if issubclass(model, Device):
            signal.connect(membership_or_device_changed, sender=model,
                           dispatch_uid=f"accounts.kept_user.{model._meta.label}.{signal is post_save}")
