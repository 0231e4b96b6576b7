import pytest
from django.core import mail

from apps.notifications.delivery import notification_email_send
from apps.notifications.models import Notification
from apps.notifications.services import notify

pytestmark = pytest.mark.django_db


def test_notify_records_and_emails_after_commit(cast, django_capture_on_commit_callbacks):
    cast.county_admin_x.email = "admin@example.org"
    cast.county_admin_x.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(users=[cast.county_admin_x], message="有新的申报待评估", url="/home/")
    notification = Notification.objects.get(user=cast.county_admin_x)
    assert notification.emailed_at is not None
    assert len(mail.outbox) == 1 and "有新的申报待评估" in mail.outbox[0].body


def test_a_notification_delivered_twice_is_emailed_once(cast):
    cast.rep_a.email = "rep@example.org"
    cast.rep_a.save()
    notification = Notification.objects.create(user=cast.rep_a, message="退回修改")
    assert notification_email_send(notification_id=notification.pk) is True
    assert notification_email_send(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1


def test_users_see_only_their_own_notifications(client, cast):
    Notification.objects.create(user=cast.rep_a, message="给甲的消息")
    Notification.objects.create(user=cast.rep_b, message="给乙的消息")
    client.force_login(cast.rep_a)
    page = client.get("/notifications/").content.decode()
    assert "给甲的消息" in page and "给乙的消息" not in page


def test_mark_all_read_touches_only_own(client, cast):
    mine = Notification.objects.create(user=cast.rep_a, message="甲")
    theirs = Notification.objects.create(user=cast.rep_b, message="乙")
    client.force_login(cast.rep_a)
    client.post("/notifications/read-all/")
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None
