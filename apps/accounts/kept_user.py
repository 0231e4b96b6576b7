"""The signed-in user as every request needs them, kept in the cache until something about them changes.

Every signed-in page read the user's row, their memberships (with regions and units) and, for an administrator
with a second factor, the device the session was verified with: three queries, the transaction they opened and
the rows turned into objects, before the page did anything of its own. Here the three are one cache entry per
user, read with its generation in one MGET (``apps.core.public_cache.kept``).

Whatever changes what is kept moves the user's generation on, now and again when the transaction commits
(``users_kept_changed``): a save or delete of the user, of one of their memberships or second-factor devices,
and of a region or unit one of their memberships names. Receivers do it (``receivers.py``, and the registry's
for units), so the admin, cascades and every service are covered alike. A revoked role or a deactivated user is
refused on the very next request; a new password changes the session hash kept here, so the sessions it ends
stay ended.

The password hash is not kept: the user is built with the password deferred (read from the database by the few
pages that check it) and carries the session hash computed from it instead. The key names a digest of the secret
key, so a rotated key never meets a session hash computed with the old one.
"""

from django.contrib.auth.backends import ModelBackend
from django.utils.crypto import salted_hmac
from django_otp import devices_for_user

from apps.core.public_cache import generations_changed, kept
from apps.regions.models import Region

from .models import Membership, User

_USER_FIELDS = tuple(field.attname for field in User._meta.concrete_fields if field.attname != "password")
_MEMBERSHIP_FIELDS = tuple(field.attname for field in Membership._meta.concrete_fields)
_REGION_FIELDS = tuple(field.attname for field in Region._meta.concrete_fields)
_UNIT = Membership._meta.get_field("unit").related_model
_UNIT_FIELDS = tuple(field.attname for field in _UNIT._meta.concrete_fields)
_ENTRY_VERSION = 1  # moves on when what an entry holds changes shape


def _prefix() -> str:
    secret = salted_hmac("apps.accounts.kept_user", "entry").hexdigest()[:12]
    return f"accounts:kept-user:{_ENTRY_VERSION}:{secret}"


def user_generation_key(user_id: int) -> str:
    return f"accounts:kept-user:generation:{user_id}"


def _values(instance, fields: tuple[str, ...]) -> tuple | None:
    return None if instance is None else tuple(getattr(instance, field) for field in fields)


def _read(user_id: int) -> tuple | None:
    """The user's row without the password, their session hash, memberships and confirmed devices' ids."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return None
    memberships = tuple(
        (_values(m, _MEMBERSHIP_FIELDS), _values(m.region, _REGION_FIELDS), _values(m.unit, _UNIT_FIELDS))
        for m in user.memberships.select_related("region", "unit").order_by("pk")
    )
    devices = frozenset(device.persistent_id for device in devices_for_user(user, confirmed=True))
    return _values(user, _USER_FIELDS), user.get_session_auth_hash(), memberships, devices


def kept_user(user_id: int) -> User | None:
    """The user with ``user_id`` (None if there is none), their memberships already read
    (``permissions.all_memberships_of``) and their confirmed devices' ids (``kept_devices``)."""
    user_id = int(user_id)
    entry = kept(f"{_prefix()}:{user_id}", lambda: _read(user_id), generation_keys=[user_generation_key(user_id)])
    if entry is None:
        return None
    user_values, session_hash, memberships, devices = entry
    user = User.from_db("default", _USER_FIELDS, user_values)
    user._kept_session_hash = session_hash
    user._kept_devices = devices
    user._memberships_cache = [_membership(user, *values) for values in memberships]
    return user


def _membership(user: User, values: tuple, region: tuple | None, unit: tuple | None) -> Membership:
    membership = Membership.from_db("default", _MEMBERSHIP_FIELDS, values)
    Membership.user.field.set_cached_value(membership, user)
    Membership.region.field.set_cached_value(
        membership, None if region is None else Region.from_db("default", _REGION_FIELDS, region))
    Membership.unit.field.set_cached_value(
        membership, None if unit is None else _UNIT.from_db("default", _UNIT_FIELDS, unit))
    return membership


def kept_devices(user: User) -> frozenset[str] | None:
    """The persistent ids of the user's confirmed second-factor devices when the user came from the kept copy."""
    return getattr(user, "_kept_devices", None)


def users_kept_changed(*, user_ids) -> None:
    """Drop the kept copy of these users now and again when the current transaction commits."""
    keys = [user_generation_key(int(user_id)) for user_id in set(user_ids)]
    if keys:
        generations_changed(keys)


class KeptUserBackend(ModelBackend):
    """Django's model backend, reading the signed-in user from the kept copy."""

    def get_user(self, user_id):
        user = kept_user(user_id)
        return user if user is not None and self.user_can_authenticate(user) else None
