"""The demo fills the pages of titles over time (seed_demo, apps/devtools/demo/titles.py), and runs twice."""

import pytest
from django.core.management import call_command

from apps.accounts.models import User
from apps.applications.assessments.models import Application
from apps.notifications.models import Notification

pytestmark = pytest.mark.django_db


def _as(client, username):
    client.logout()
    client.force_login(User.objects.get(username=username))


def test_the_demo_shows_renewal_on_behalf_feedback_status_and_the_fact_sheet(client):
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent

    _as(client, "rep_renewal_141002")
    assert "申请复审" in client.get("/titles/mine/").content.decode()
    assert Notification.objects.filter(user__username="rep_renewal_141002", message__contains="到期").count() == 1
    _as(client, "county_admin_141002")
    assert "演示企业（称号将到期）" in client.get("/titles/ending/").content.decode()

    _as(client, "township_141002")
    body = client.get("/applications/on-behalf/").content.decode()
    assert "演示小微商行" in body and "继续代办" in body
    behalf = Application.objects.get(on_behalf=True)
    _as(client, "rep_behalf_141002")
    assert "代办原因" in client.get(f"/applications/{behalf.pk}/").content.decode()

    _as(client, "rep_notpassed_141002")
    assert "演示反馈" in client.get("/home/").content.decode()

    _as(client, "rep_named_141002")
    sheet = client.get("/incentives/mine/").content.decode()
    assert 'data-testid="entitled"' in sheet and 'data-testid="grant"' in sheet

    client.logout()
    found = client.post("/applications/status/", {"number": behalf.number, "uscc": behalf.unit.enterprise.uscc})
    assert "草稿" in found.content.decode()
