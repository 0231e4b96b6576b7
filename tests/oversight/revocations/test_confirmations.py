"""Revoking or keeping a title asks first (a server-rendered step); nothing changes until it is confirmed."""

import pytest

from apps.applications.recognitions.models import RecognitionStatus
from apps.oversight.revocations.models import CaseStatus
from tests.confirm import assert_asks_first, confirmed

pytestmark = pytest.mark.django_db


def test_revocation_asks_first_and_only_the_confirmed_post_revokes(client, cast, open_case):
    client.force_login(cast.city_admin)
    url = f"/revocations/cases/{open_case.pk}/confirm/"
    data = {"confirm-reason": "发生重大群体性事件", "confirm-plaque_recovered_on": "2025-06-02",
            "confirm-plaque_note": "已收回"}
    body = assert_asks_first(client, url, data, f"确认取消“{open_case.recognition.unit.name}”的命名？")
    assert "发生重大群体性事件" in body and "2025-06-02" in body
    open_case.refresh_from_db()
    assert open_case.status == CaseStatus.OPEN and open_case.recognition.status == RecognitionStatus.VALID
    assert client.post(url, confirmed(data)).status_code == 302
    open_case.refresh_from_db()
    assert open_case.status == CaseStatus.CONFIRMED


def test_dismissal_asks_first(client, cast, open_case):
    client.force_login(cast.city_admin)
    url = f"/revocations/cases/{open_case.pk}/dismiss/"
    data = {"dismiss-reason": "事件已妥善处置"}
    assert_asks_first(client, url, data, f"确认不予取消“{open_case.recognition.unit.name}”的命名？")
    open_case.refresh_from_db()
    assert open_case.status == CaseStatus.OPEN
    client.post(url, confirmed(data))
    open_case.refresh_from_db()
    assert open_case.status == CaseStatus.DISMISSED


def test_an_invalid_revocation_is_refused_without_asking(client, cast, open_case):
    client.force_login(cast.city_admin)
    response = client.post(f"/revocations/cases/{open_case.pk}/confirm/", {"confirm-reason": ""})
    assert response.status_code == 400 and "确认取消“" not in response.content.decode()
