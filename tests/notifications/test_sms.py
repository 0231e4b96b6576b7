"""Text messages through a real HTTP SMS gateway (a server on loopback), for the users who chose them."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.urls import reverse

from apps.notifications.delivery import notification_sms_send
from apps.notifications.models import Notification
from apps.notifications.services import notify
from apps.notifications.sms import SmsError
from apps.notifications.tasks import notification_email_retry_pending
from apps.registry.services import unit_reject
from apps.registry.units.models import VerificationStatus

pytestmark = pytest.mark.django_db


class Gateway:
    """An SMS gateway on a free loopback port: records each request; ``failing`` makes it answer 503."""

    def __init__(self):
        self.received: list[dict] = []
        self.failing = False
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                gateway.received.append({"body": body, "authorization": self.headers["Authorization"]})
                status, answer = (503, {"code": 1, "message": "维护中"}) if gateway.failing else (200, {"code": 0})
                payload = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/sms/send"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def gateway(settings):
    gateway = Gateway()
    settings.SMS_BACKEND, settings.SMS_GATEWAY_URL = "http", gateway.url
    settings.SMS_GATEWAY_TOKEN, settings.SMS_SIGNATURE = "gateway-token", "和谐劳动关系"
    settings.PUBLIC_BASE_URL = "https://hlr.example.gov.cn"
    yield gateway
    gateway.server.shutdown()


@pytest.fixture
def texting_rep(cast):
    rep = cast.rep_a
    rep.phone, rep.notify_by_sms = "13912345678", True
    rep.save()
    return rep


def _returned_registration(cast, django_capture_on_commit_callbacks):
    unit = cast.unit_a
    unit.verification_status = VerificationStatus.PENDING
    unit.save()
    with django_capture_on_commit_callbacks(execute=True):
        unit_reject(unit=unit, by=cast.county_admin_x, reason="营业执照照片不清晰")


def test_a_return_is_texted_through_the_gateway_to_a_rep_who_chose_texts(
        cast, gateway, texting_rep, django_capture_on_commit_callbacks):
    _returned_registration(cast, django_capture_on_commit_callbacks)
    assert len(gateway.received) == 1
    request = gateway.received[0]
    assert request["authorization"] == "Bearer gateway-token"
    assert request["body"]["mobile"] == "13912345678" and request["body"]["sign"] == "和谐劳动关系"
    assert "注册未通过核验：营业执照照片不清晰" in request["body"]["content"]
    assert request["body"]["content"].endswith("https://hlr.example.gov.cn/home/")
    notification = Notification.objects.get(user=texting_rep)
    assert notification.by_sms and notification.texted_at is not None
    assert notification_sms_send(notification_id=notification.pk) is False  # at most once
    assert len(gateway.received) == 1


def test_a_rep_who_did_not_choose_texts_gets_none(cast, gateway, django_capture_on_commit_callbacks):
    cast.rep_a.phone = "13912345678"
    cast.rep_a.save()
    _returned_registration(cast, django_capture_on_commit_callbacks)
    assert gateway.received == []
    assert Notification.objects.get(user=cast.rep_a).message.endswith("营业执照照片不清晰")


def test_what_is_not_urgent_is_not_texted(cast, gateway, texting_rep, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[texting_rep], message="本周培训安排已更新")
    assert gateway.received == []


def test_a_gateway_that_is_down_leaves_the_text_for_the_sweeper(
        cast, gateway, texting_rep, django_capture_on_commit_callbacks):
    gateway.failing = True
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        unit = cast.unit_a
        unit.verification_status = VerificationStatus.PENDING
        unit.save()
        unit_reject(unit=unit, by=cast.county_admin_x, reason="材料不全")
    assert callbacks  # the e-mail and the text are queued after commit
    notification = Notification.objects.get(user=texting_rep)
    with pytest.raises(SmsError, match="短信网关"):
        notification_sms_send(notification_id=notification.pk)
    notification.refresh_from_db()
    assert notification.texted_at is None  # the claim is given back

    gateway.failing = False
    notification_email_retry_pending()  # tasks run in-process in the tests: the sweeper sends it now
    notification.refresh_from_db()
    assert notification.texted_at is not None
    assert [r["body"]["content"] for r in gateway.received].count(gateway.received[-1]["body"]["content"]) == 2


def test_texts_need_a_mobile_number_on_the_profile(client, cast):
    client.force_login(cast.rep_a)
    response = client.post(reverse("accounts:profile"), {
        "full_name": "张三", "email": "", "phone": "0357-2345678", "notify_by_sms": "on"})
    page = response.content.decode()
    assert "短信只能发到手机号" in page and 'value="0357-2345678"' in page
    cast.rep_a.refresh_from_db()
    assert not cast.rep_a.notify_by_sms

    client.post(reverse("accounts:profile"), {"full_name": "张三", "email": "", "phone": "13912345678",
                                              "notify_by_sms": "on"})
    cast.rep_a.refresh_from_db()
    assert cast.rep_a.notify_by_sms and cast.rep_a.phone == "13912345678"


def test_a_user_who_turned_e_mail_off_gets_none(cast, mailoutbox, django_capture_on_commit_callbacks):
    rep = cast.rep_a
    rep.email, rep.notify_by_email = "zhang@example.cn", False
    rep.save()
    other = cast.rep_b
    other.email = "li@example.cn"
    other.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[rep, other], message="申报已退回")
    assert [mail.to for mail in mailoutbox] == [["li@example.cn"]]
    assert Notification.objects.filter(user=rep).exists()  # still on the portal's message list
