"""Text messages (短信) as a notification channel beside e-mail: one small interface, two backends.

``SMS_BACKEND`` names the backend: ``console`` writes each message to the log
(development, the demo), ``http`` posts it to the government SMS gateway
(政务短信平台) at ``SMS_GATEWAY_URL`` as JSON with a bearer token. Another
protocol is one more class with a ``send(phone, text)`` method.
"""

import json
import logging
import urllib.error
import urllib.request
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)


class SmsError(OSError):
    """The gateway did not take the message; the task retries (like a mail server that is down)."""


class SmsBackend(Protocol):
    def send(self, *, phone: str, text: str) -> None: ...


class ConsoleSmsBackend:
    def send(self, *, phone: str, text: str) -> None:
        logger.info("短信 → %s：%s", phone, text)


class HttpSmsBackend:
    """POST {"mobile", "content", "sign"} to the gateway; any answer but 2xx with {"code": 0} is a failure."""

    def __init__(self, *, url: str, token: str, signature: str, timeout: float = 10):
        if not url:
            raise ImproperlyConfigured("SMS_BACKEND=http needs SMS_GATEWAY_URL")
        self.url, self.token, self.signature, self.timeout = url, token, signature, timeout

    def send(self, *, phone: str, text: str) -> None:
        body = json.dumps({"mobile": phone, "content": text, "sign": self.signature}, ensure_ascii=False)
        request = urllib.request.Request(self.url, data=body.encode(), method="POST", headers={
            "Content-Type": "application/json; charset=utf-8", "Authorization": f"Bearer {self.token}"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                answer = json.loads(response.read() or b"{}")
        except (urllib.error.URLError, TimeoutError, ValueError) as error:
            raise SmsError(f"短信网关不可用：{error}") from error
        if answer.get("code", 0) != 0:
            raise SmsError(f"短信网关拒绝发送：{answer.get('message', answer)}")


def sms_backend() -> SmsBackend:
    if settings.SMS_BACKEND == "http":
        return HttpSmsBackend(url=settings.SMS_GATEWAY_URL, token=settings.SMS_GATEWAY_TOKEN,
                              signature=settings.SMS_SIGNATURE)
    return ConsoleSmsBackend()
