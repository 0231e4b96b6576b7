import logging

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string
from django.utils.translation import gettext

logger = logging.getLogger(__name__)


class RequestSizeLimitMiddleware:
    """Refuse a request body larger than MAX_REQUEST_BYTES before anything reads it.

    Each upload form has its own, smaller limit with its own message; this is
    the outer wall that stops a 200 MB body from being spooled to disk first.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.MAX_REQUEST_BYTES:
            limit_mb = settings.MAX_REQUEST_BYTES // 1024 // 1024
            body = render_to_string("413.html", {"limit_mb": limit_mb}, request=None)
            return HttpResponse(body, status=413)
        return self.get_response(request)


class InvalidCharactersMiddleware:
    """Answer 400 when the path or the query string carries a NUL character.

    PostgreSQL cannot store or compare a string containing NUL: a lookup such as
    ``/verify/%00/`` or ``?q=%00`` raised ValueError deep inside a query (a 500).
    Nothing legitimate sends one; form fields already refuse it field by field.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if "\x00" in request.path_info or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            if request.path_info.startswith("/api/"):
                return JsonResponse({"detail": gettext("地址或查询参数中含有无效字符（%00）。")}, status=400,
                                    json_dumps_params={"ensure_ascii": False})
            return HttpResponse(render_to_string("400_invalid_characters.html", request=request), status=400)
        return self.get_response(request)


class DatabaseUnavailableMiddleware:
    """Answer 503 with a plain Chinese page when the database drops a view's connection.

    PostgreSQL restarting (or a connection killed) surfaces as OperationalError
    or InterfaceError. The view's transaction (ATOMIC_REQUESTS) is already
    rolled back, so nothing is half-written; the person is told to retry,
    and Retry-After tells proxies the same. The page uses no database.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, (OperationalError, InterfaceError)):
            return None
        logger.error("database unavailable during %s %s", request.method, request.path, exc_info=exception)
        response = HttpResponse(render_to_string("503.html", request=None), status=503)
        response["Retry-After"] = "30"
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's, with the headers that only the settings decide built once per process.

    django-csp builds both headers from the settings on every response (a deep copy of the policy and its
    directives joined anew: about 2 % of a short page's Python calls). A response that a view adjusted
    (``csp_update``, ``csp_replace``, ``csp_override``, ``csp_exempt``) or a page that used
    ``request.csp_nonce`` goes through django-csp's own code unchanged; a changed setting (in tests) drops
    what was built.
    """

    _ADJUSTMENTS = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt",
                    "_csp_config_ro", "_csp_update_ro", "_csp_replace_ro", "_csp_exempt_ro")
    _built: dict[str, str] | None = None

    def process_response(self, request: HttpRequest, response: HttpResponse) -> HttpResponse:
        if (getattr(request, "_csp_nonce", None) is not None or settings.DEBUG
                or any(hasattr(response, name) for name in self._ADJUSTMENTS)):
            return super().process_response(request, response)
        built = ContentSecurityPolicyMiddleware._built
        if built is None:
            built = ContentSecurityPolicyMiddleware._built = {
                HEADER: build_policy(), HEADER_REPORT_ONLY: build_policy(report_only=True)}
        for header, setting in ((HEADER, "CONTENT_SECURITY_POLICY"),
                                (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY")):
            prefixes = (getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ()
            if built[header] and header not in response and not request.path_info.startswith(tuple(prefixes)):
                response[header] = built[header]
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


def _policy_settings_changed(*, setting: str, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        ContentSecurityPolicyMiddleware._built = None


setting_changed.connect(_policy_settings_changed, dispatch_uid="apps.core.middleware.csp")
