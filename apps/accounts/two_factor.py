"""Two-factor login (TOTP, django-otp) for the roles that administer others (等保 2.0 level 3: 双因素鉴别).

Which roles must use it is a setting (OTP_REQUIRED_ROLES), declared once;
the middleware holds such a user at the set-up or verification page until
the session has passed a code from their authenticator app.
"""

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import AccountEventKind, User
from .permissions import roles_of
from .services import account_event_record

DEVICE_NAME = "authenticator"


def two_factor_required(user: User) -> bool:
    return bool(roles_of(user) & set(settings.OTP_REQUIRED_ROLES))


def totp_device_for_setup(*, user: User) -> TOTPDevice:
    """The user's unconfirmed device, made on first visit; the key stays the same until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    return device or TOTPDevice.objects.create(user=user, name=DEVICE_NAME, confirmed=False)


def totp_device_confirm(*, device: TOTPDevice, token: str, ip_address: str | None = None) -> bool:
    """Confirm the device with a first code from the app; False when the code is wrong (throttled by django-otp)."""
    if not device.verify_token(token):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    account_event_record(kind=AccountEventKind.TWO_FACTOR_SET_UP, user=device.user, by=device.user,
                         ip_address=ip_address)
    return True
