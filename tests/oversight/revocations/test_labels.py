"""A case's log reads in Chinese: the step and the states, never "opened" or "open → confirmed"."""

import pytest

from apps.oversight.revocations.services import revocation_case_confirm

pytestmark = pytest.mark.django_db


def test_the_case_log_shows_steps_and_states_as_labels(client, cast, open_case):
    revocation_case_confirm(case=open_case, by=cast.city_admin, reason="重大群体性事件", plaque_recovered_on=None,
                            plaque_note="")
    client.force_login(cast.city_admin)
    body = client.get(f"/revocations/cases/{open_case.pk}/").content.decode()
    log = body.split("处理记录")[1]
    assert "立案：— → 待处理" in log and "确认取消命名：待处理 → 已取消命名" in log
    for raw in ("opened", "open →", "→ confirmed", "confirmed："):
        assert raw not in log
