"""Identities of the unified login platforms (OpenID Connect, CAS): recorded on first login, linked by an admin.

The platform proves who a person is; the portal decides what they may do.
A login through a platform opens the portal account that a system admin
linked the identity to; until then (or after a rejection) it opens nothing,
and the waiting page says why (apps/accounts/unified.py).
"""

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ExternalIdentity, IdentityStatus, User

PENDING_SESSION_KEY = "unified_identity_pending"


class IdentityError(Exception):
    pass


def identity_sign_in(*, request: HttpRequest, issuer: str, subject: str, name: str = "", email: str = "",
                     phone: str = "") -> User | None:
    """The account a platform login opens, or None (the identity is recorded and waits, or was refused)."""
    identity, _created = ExternalIdentity.objects.update_or_create(
        issuer=issuer, subject=subject,
        defaults={"name": (name or "")[:100], "email": email or "", "phone": (phone or "")[:30]})
    if identity.status == IdentityStatus.APPROVED and identity.user.is_active:
        return identity.user
    request.session[PENDING_SESSION_KEY] = identity.pk
    return None


@transaction.atomic
def identity_approve(*, identity: ExternalIdentity, user: User, by: User) -> ExternalIdentity:
    if not user.is_active:
        raise IdentityError(_("账号 %(user)s 已停用，不能关联。") % {"user": user.username})
    identity = ExternalIdentity.objects.select_for_update().get(pk=identity.pk)
    identity.user, identity.status = user, IdentityStatus.APPROVED
    identity.decided_by, identity.decided_at = by, timezone.now()
    identity.save()
    return identity


@transaction.atomic
def identity_reject(*, identity: ExternalIdentity, by: User) -> ExternalIdentity:
    identity = ExternalIdentity.objects.select_for_update().get(pk=identity.pk)
    identity.user, identity.status = None, IdentityStatus.REJECTED
    identity.decided_by, identity.decided_at = by, timezone.now()
    identity.save()
    return identity
