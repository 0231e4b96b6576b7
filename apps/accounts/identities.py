"""Identities of the unified login platform: recorded on first login, linked to an account by a system admin."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ExternalIdentity, IdentityStatus, User


class IdentityError(Exception):
    pass


def identity_seen(*, issuer: str, claims: dict) -> ExternalIdentity:
    """Record (or refresh) what the platform says about a person; a new one waits for approval."""
    identity, _created = ExternalIdentity.objects.update_or_create(
        issuer=issuer, subject=claims["sub"],
        defaults={"name": (claims.get("name") or "")[:100], "email": claims.get("email") or "",
                  "phone": (claims.get("phone_number") or "")[:30]})
    return identity


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
