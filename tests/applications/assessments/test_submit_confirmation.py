"""Submitting asks first (a server-rendered step); a draft that cannot be submitted says why instead."""

import pytest

from apps.applications.workflow.states import Status
from tests.confirm import assert_asks_first, confirmed

pytestmark = pytest.mark.django_db


def test_submit_asks_first_and_only_the_confirmed_post_submits(client, cast, ready_application):
    client.force_login(cast.rep_a)
    url = f"/applications/{ready_application.pk}/submit/"
    body = assert_asks_first(client, url, {}, "确认提交申报？")
    assert "第 1 版" in body and "提交后内容锁定" in body
    ready_application.refresh_from_db()
    assert ready_application.status == Status.DRAFT and not ready_application.revisions.exists()
    assert client.post(url, confirmed({})).status_code == 302
    ready_application.refresh_from_db()
    assert ready_application.status == Status.SUBMITTED and ready_application.revisions.count() == 1


def test_an_incomplete_draft_is_not_offered_the_confirmation(client, cast, application):
    client.force_login(cast.rep_a)
    response = client.post(f"/applications/{application.pk}/submit/")
    assert response.status_code == 302
    assert "确认提交申报？" not in client.get(response["Location"]).content.decode()
