"""Authentication, permission and error handling for the machine API; kept apart from the views
because DRF imports these while its own modules are still loading."""

import json
import re

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, parsers, permissions

from .models import ApiClient, token_digest


class ApiClientTokenAuthentication(authentication.BaseAuthentication):
    """``Authorization: Token <token>``; the client becomes ``request.user`` and ``request.auth``."""

    keyword = "Token"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("认证头格式应为：Token 加一个空格再加令牌。"))
        try:
            token = header[1].decode("ascii")
        except UnicodeError:
            raise exceptions.AuthenticationFailed(_("令牌无效。")) from None
        client = ApiClient.objects.select_related("region").filter(token_hash=token_digest(token)).first()
        if client is None or not client.is_active:
            raise exceptions.AuthenticationFailed(_("令牌无效或已停用。"))
        if client.token_expired():
            raise exceptions.AuthenticationFailed(
                _("令牌已于 %(date)s 过期，请联系市级管理员更换令牌。")
                % {"date": timezone.localtime(client.token_expires_at).strftime("%Y-%m-%d")}
            )
        return client, client

    def authenticate_header(self, request) -> str:
        return self.keyword


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing nesting Python's decoder cannot follow (a RecursionError is not a ValueError)."""

    def parse(self, stream, media_type=None, parser_context=None):
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            return json.loads(stream.read().decode(encoding), parse_constant=_refuse_constant)
        except RecursionError:
            raise exceptions.ParseError(_("请求体的 JSON 嵌套层级过深。")) from None
        except (ValueError, UnicodeDecodeError):
            raise exceptions.ParseError() from None


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not JSON")


class IsApiClient(permissions.BasePermission):
    message = _("请在请求头中提供接口令牌（Authorization: Token …）。")

    def has_permission(self, request, view) -> bool:
        return isinstance(request.auth, ApiClient)


def exception_handler(exc, context):
    """DRF's handler, plus Django validation errors from services as 400 instead of 500."""
    from rest_framework.views import exception_handler as drf_exception_handler  # noqa: PLC0415  (rest_framework.views loads the API settings, which name this module)

    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"detail": exc.messages}
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, Http404):  # its text names the model ("No RiskEvent matches the given query.")
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    for kind, message in GENERIC_MESSAGES.items():
        # Our own refusals already say what is wrong in Chinese; DRF's defaults are English.
        if isinstance(exc, kind) and not _HAN.search(str(exc.detail)):
            exc.detail = exceptions.ErrorDetail(str(message), code=exc.get_codes())
            break
    return drf_exception_handler(exc, context)


_HAN = re.compile(r"[\u4e00-\u9fff]")


# DRF's own messages for whole-request errors, in Chinese (its catalogue is not installed).
GENERIC_MESSAGES = {
    exceptions.ParseError: _("请求体不是有效的 JSON。"),
    exceptions.UnsupportedMediaType: _("请以 application/json 格式提交。"),
    exceptions.MethodNotAllowed: _("不支持该请求方法。"),
    exceptions.NotFound: _("未找到。"),
    exceptions.NotAcceptable: _("无法按请求的格式返回，请接受 application/json。"),
    exceptions.Throttled: _("请求过于频繁，请稍后再试。"),
    exceptions.NotAuthenticated: _("请在请求头中提供接口令牌（Authorization: Token …）。"),
    exceptions.AuthenticationFailed: _("令牌无效或已停用。"),
    exceptions.PermissionDenied: _("无权执行该操作。"),
}

# Field-level messages every API field uses (DRF's keys), so errors read in Chinese.
FIELD_MESSAGES = {
    "required": _("该字段为必填项。"),
    "null": _("该字段不能为 null。"),
    "blank": _("该字段不能为空。"),
    "invalid": _("格式不正确。"),
    "max_length": _("不能超过 {max_length} 个字符。"),
    "min_length": _("不能少于 {min_length} 个字符。"),
    "max_value": _("不能大于 {max_value}。"),
    "min_value": _("不能小于 {min_value}。"),
    "max_string_length": _("数值过大。"),
    "invalid_choice": _("“{input}” 不是合法选项。"),
    "datetime": _("应为日期，而不是日期时间。"),
    "null_characters_not_allowed": _("不能包含空字符（\\x00）。"),
    "surrogate_characters_not_allowed": _("含有无效的字符。"),
}


def chinese_messages(field_class: type, **overrides) -> dict:
    """Error messages for a DRF field class: ours for every key it has, plus ``overrides``."""
    keys = set()
    for klass in field_class.__mro__:
        keys |= set(getattr(klass, "default_error_messages", {}))
    return {key: FIELD_MESSAGES[key] for key in keys if key in FIELD_MESSAGES} | overrides


class ApiClientTokenScheme(OpenApiAuthenticationExtension):
    target_class = "apps.oversight.risks.api_auth.ApiClientTokenAuthentication"
    name = "apiClientToken"

    def get_security_definition(self, auto_schema):
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "Token <令牌>；令牌由市级管理员为每个来源系统签发。"}
