"""Unified login (统一身份认证) through a provincial OpenID Connect platform, with mozilla-django-oidc.

Off unless ``OIDC_ENABLED``. The platform proves who a person is; the
portal decides what they may do: an identity opens the portal account a
system admin linked it to (apps/accounts/identities.py), and until then the
person sees that their request waits for approval.
"""

from django.conf import settings
from django.db.models import QuerySet
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .identities import identity_seen
from .models import IdentityStatus, User

PENDING_SESSION_KEY = "unified_identity_pending"


def issuer() -> str:
    """The platform's identity: its authorization endpoint's origin and path (one platform per installation)."""
    return settings.OIDC_OP_AUTHORIZATION_ENDPOINT.rsplit("/", 1)[0]


class UnifiedIdentityBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        if not settings.OIDC_ENABLED:
            return None
        return super().authenticate(request, **kwargs)

    def verify_claims(self, claims) -> bool:
        # Government platforms do not always release an e-mail address; the subject is what identifies a person.
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims) -> QuerySet[User]:
        return User.objects.filter(
            is_active=True, external_identities__issuer=issuer(), external_identities__subject=claims["sub"],
            external_identities__status=IdentityStatus.APPROVED)

    def create_user(self, claims):
        """No account is made here: the identity is recorded for a system admin to approve, and login fails."""
        identity = identity_seen(issuer=issuer(), claims=claims)
        self.request.session[PENDING_SESSION_KEY] = identity.pk
        return None

    def update_user(self, user, claims):
        identity_seen(issuer=issuer(), claims=claims)
        return user
