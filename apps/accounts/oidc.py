"""Unified login backends: an OpenID Connect platform (mozilla-django-oidc) and a CAS server (django-cas-ng).

Each does nothing unless its platform is enabled in the settings; both hand
the person the platform vouches for to ``identity_sign_in``, which opens the
portal account a system admin linked to them, or none.
"""

from django.conf import settings
from django_cas_ng.backends import CASBackend
from django_cas_ng.utils import get_cas_client
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from .identities import identity_sign_in


def oidc_issuer() -> str:
    """The platform's identity: its authorization endpoint without the last segment (one platform per installation)."""
    return settings.OIDC_OP_AUTHORIZATION_ENDPOINT.rsplit("/", 1)[0]


class UnifiedIdentityBackend(OIDCAuthenticationBackend):
    def authenticate(self, request, **kwargs):
        if not settings.OIDC_ENABLED:
            return None
        return super().authenticate(request, **kwargs)

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if not claims.get("sub"):  # government platforms do not always release an e-mail; the subject identifies
            return None
        return identity_sign_in(request=self.request, issuer=oidc_issuer(), subject=claims["sub"],
                                name=claims.get("name", ""), email=claims.get("email", ""),
                                phone=claims.get("phone_number", ""))


class UnifiedCASBackend(CASBackend):
    def authenticate(self, request, ticket=None, service=None, **kwargs):
        if not settings.CAS_ENABLED or not ticket or not service:
            return None
        username, attributes, _proxy = get_cas_client(service_url=service, request=request).verify_ticket(ticket)
        if not username:
            return None
        attributes = attributes or {}
        return identity_sign_in(request=request, issuer=settings.CAS_SERVER_URL, subject=username,
                                name=attributes.get(settings.CAS_NAME_ATTRIBUTE, ""),
                                email=attributes.get("email", ""), phone=attributes.get("phone", ""))
