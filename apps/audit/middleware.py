from auditlog.middleware import AuditlogMiddleware as BaseAuditlogMiddleware
from django.conf import settings

from apps.core.client_ip import client_ip, is_trusted_proxy


class AuditlogMiddleware(BaseAuditlogMiddleware):
    """django-auditlog's middleware, with the client's address as the portal determines it everywhere.

    The base class stores the first X-Forwarded-For entry: whatever the client claims.
    """

    @staticmethod
    def _get_remote_addr(request):
        return None if settings.AUDITLOG_DISABLE_REMOTE_ADDR else client_ip(request)

    @staticmethod
    def _get_remote_port(request) -> int | None:
        if not is_trusted_proxy(request):
            return None
        return BaseAuditlogMiddleware._get_remote_port(request)
