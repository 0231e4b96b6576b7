"""Publishing a notice, deciding an objection and naming ask first (a server-rendered step)."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from apps.applications.notices.models import Notice, ObjectionStatus
from apps.applications.notices.services import objection_file
from apps.applications.recognitions.models import Recognition
from apps.applications.workflow.states import Status
from tests.confirm import assert_asks_first, confirmed

from .test_notice_flow import _publish
from .test_notice_flow import confirmed as confirmed_application  # noqa: F401 fixture

pytestmark = pytest.mark.django_db


def test_publishing_asks_first(client, confirmed_application, cast):  # noqa: F811
    client.force_login(cast.city_admin)
    data = {"ids": [str(confirmed_application.pk)], "title": "拟命名单位公示", "starts_on": date.today().isoformat(),
            "working_days": "5", "contact": "0357-1234567"}
    body = assert_asks_first(client, reverse("notices:manage"), data, "确认发布公示？")
    assert confirmed_application.unit.name in body
    assert not Notice.objects.exists()
    assert client.post(reverse("notices:manage"), confirmed(data)).status_code == 302
    confirmed_application.refresh_from_db()
    assert confirmed_application.status == Status.IN_NOTICE


def test_an_objection_decision_asks_first(client, confirmed_application, cast):  # noqa: F811
    notice = _publish(confirmed_application, cast, date.today())
    objection = objection_file(entry=notice.entries.get(), contact="139", content="有欠薪")
    client.force_login(cast.city_admin)
    url = reverse("notices:handle", args=[objection.pk])
    data = {"outcome": "upheld", "resolution": "经核实属实"}
    assert_asks_first(client, url, data, "确认异议处理结果“异议成立，退回重新评估”？")
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.PENDING
    client.post(url, confirmed(data))
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.UPHELD


def test_naming_asks_first(client, confirmed_application, cast):  # noqa: F811
    notice = _publish(confirmed_application, cast, date.today())
    url = reverse("notices:name_all", args=[notice.pk])
    with time_machine.travel(notice.ends_on + timedelta(days=1)):
        client.force_login(cast.city_admin)
        body = assert_asks_first(client, url, {}, "确认公示期满，予以命名？")
        assert f"<li>{confirmed_application.unit.name}</li>" in body
        assert not Recognition.objects.exists()
        client.post(url, confirmed({}))
    assert Recognition.objects.filter(application=confirmed_application).exists()


def test_an_objection_decision_has_no_outcome_chosen_and_a_refused_one_keeps_what_was_typed(
        client, confirmed_application, cast):  # noqa: F811
    notice = _publish(confirmed_application, cast, date.today())
    objection = objection_file(entry=notice.entries.get(), contact="139", content="有欠薪")
    client.force_login(cast.city_admin)
    page = client.get(reverse("notices:manage_detail", args=[notice.pk])).content.decode()
    radios = [tag for tag in page.split("<input")[1:] if 'name="outcome"' in tag]
    assert len(radios) == 2 and not any("checked" in tag.split(">")[0] for tag in radios)
    response = client.post(reverse("notices:handle", args=[objection.pk]),
                           {"resolution": "经核实，欠薪已于当月补发", "confirmed": "1"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "请选择处理结果。</strong>" in body and 'aria-invalid="true"' in body
    assert f'id="objection-{objection.pk}-resolution">\n经核实，欠薪已于当月补发</textarea>' in body
    objection.refresh_from_db()
    assert objection.status == ObjectionStatus.PENDING
