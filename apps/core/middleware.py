from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string


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
