from axes.helpers import get_client_ip_address
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The client's address as the login lockout sees it (axes' settings say which proxy headers to trust)."""
    return getattr(request, "axes_ip_address", None) or get_client_ip_address(request)
