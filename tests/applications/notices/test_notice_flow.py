from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.applications.notices.models import ObjectionStatus
from apps.applications.notices.services import notice_name_all, notice_publish, objection_file, objection_handle
from apps.applications.recognitions.models import Recognition
from apps.applications.workflow.service import TransitionRefused, application_transition
from apps.applications.workflow.states import Status
from tests.fixtures.reviews import approved

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirmed(application, cast, standard):  # noqa: F811
    approved(application, cast, standard)
    return application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.city_admin)


def _publish(confirmed, cast, starts_on):
    """Publish on the start date itself (a notice may not start in the past)."""
    with time_machine.travel(datetime.combine(starts_on, time(12)), tick=False):
        return notice_publish(city=confirmed.campaign_year.city, applications=[confirmed], starts_on=starts_on,
                              working_days=5, by=cast.city_admin)


def test_a_notice_cannot_start_in_the_past(confirmed, cast):
    with pytest.raises(ValidationError, match="公示开始日期不能早于今天"):
        notice_publish(city=confirmed.campaign_year.city, applications=[confirmed],
                       starts_on=date.today() - timedelta(days=1), working_days=5, by=cast.city_admin)
    confirmed.refresh_from_db()
    assert confirmed.status == Status.CITY_CONFIRMED


def test_the_publish_form_refuses_a_past_start_and_keeps_what_was_typed(client, confirmed, cast):
    client.force_login(cast.city_admin)
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    response = client.post(reverse("notices:manage"), {
        "ids": [confirmed.pk], "title": "拟命名单位公示（第一批）", "starts_on": yesterday, "working_days": "7",
        "contact": "0357-1234567",
    })
    body = response.content.decode()
    assert response.status_code == 200
    assert "公示开始日期不能早于今天" in body
    assert "拟命名单位公示（第一批）" in body and "0357-1234567" in body and f'value="{yesterday}"' in body
    assert f'value="{confirmed.pk}" id="pub-{confirmed.pk}" checked' in body
    confirmed.refresh_from_db()
    assert confirmed.status == Status.CITY_CONFIRMED


def test_notice_end_follows_working_days_and_the_public_page_lists_the_unit(client, confirmed, cast):
    notice = _publish(confirmed, cast, date(2025, 9, 26))
    assert notice.ends_on == date(2025, 10, 9)
    with time_machine.travel(date(2025, 9, 29)):
        body = client.get(reverse("notices:public_detail", args=[notice.pk])).content.decode()
        assert "甲公司" in body and "提出异议" in body
        assert "甲公司" in client.get("/").content.decode() or notice.title in client.get("/").content.decode()


def test_objection_needs_contact_and_keeps_what_was_typed(client, confirmed, cast):
    notice = _publish(confirmed, cast, date.today())
    entry = notice.entries.get()
    response = client.post(reverse("notices:object", args=[notice.pk]),
                           {"entry": entry.pk, "content": "该企业拖欠工资", "contact": ""})
    body = response.content.decode()
    assert response.status_code == 400 and "请填写联系方式" in body and "该企业拖欠工资" in body
    response = client.post(reverse("notices:object", args=[notice.pk]),
                           {"entry": entry.pk, "content": "该企业拖欠工资", "contact": "13800000000"})
    assert response.status_code == 302 and entry.objections.count() == 1


def test_a_wrong_objection_marks_each_field_for_every_reader_and_caps_what_may_be_typed(client, confirmed, cast):
    """The public form's inputs had no length cap and their errors were not tied to them (aria-describedby)."""
    notice = _publish(confirmed, cast, date.today())
    entry = notice.entries.get()
    client.cookies["django_language"] = "en"
    body = client.post(reverse("notices:object", args=[notice.pk]),
                       {"entry": entry.pk, "name": "张" * 80, "contact": "", "content": ""}).content.decode()
    assert 'name="name" value="' + "张" * 80 + '" maxlength="50"' in body and 'maxlength="100"' in body
    assert 'aria-invalid="true" aria-describedby="id_name_error"' in body
    assert 'id="id_contact_error"' in body and "Please give contact details so that we can check and reply." in body
    assert 'id="id_content_error"' in body


def test_objections_are_rate_limited(client, confirmed, cast):
    notice = _publish(confirmed, cast, date.today())
    entry = notice.entries.get()
    responses = [client.post(reverse("notices:object", args=[notice.pk]),
                             {"entry": entry.pk, "content": "第七次反映欠薪问题", "contact": "1"}) for _ in range(7)]
    assert [r.status_code for r in responses[:5]] == [302] * 5 and responses[-1].status_code == 429
    page = responses[-1].content.decode()
    assert "提交过于频繁，请一小时后再试" in page and "第七次反映欠薪问题" in page, "the refused text stays in the form"


def test_an_upheld_objection_sends_the_application_back(confirmed, cast):
    notice = _publish(confirmed, cast, date.today())
    objection = objection_file(entry=notice.entries.get(), contact="139", content="有欠薪")
    objection_handle(objection=objection, upheld=True, resolution="经核实属实", by=cast.city_admin)
    confirmed.refresh_from_db()
    assert confirmed.status == Status.CITY_RETURNED


def test_naming_waits_for_the_notice_and_for_objections_then_issues_a_certificate(confirmed, cast):
    notice = _publish(confirmed, cast, date.today())
    with pytest.raises(TransitionRefused, match="公示期满后"):
        application_transition(application=confirmed, to=Status.NAMED, by=cast.city_admin)
    objection = objection_file(entry=notice.entries.get(), contact="139", content="疑问")
    with time_machine.travel(notice.ends_on + timedelta(days=1)):
        named, skipped = notice_name_all(notice=notice, by=cast.city_admin)
        assert named == 0 and "异议" in skipped[0]
        objection_handle(objection=objection, upheld=False, resolution="经核实不属实", by=cast.city_admin)
        assert objection.__class__.objects.get().status == ObjectionStatus.DISMISSED
        named, skipped = notice_name_all(notice=notice, by=cast.city_admin)
    assert named == 1
    recognition = Recognition.objects.get(application=confirmed)
    assert recognition.number == f"141000-{recognition.year}-0001"
    assert recognition.grade == "AAA" and recognition.title == "市级劳动关系和谐企业"


def test_a_handled_objection_cannot_be_handled_twice(confirmed, cast):
    notice = _publish(confirmed, cast, date.today())
    objection = objection_file(entry=notice.entries.get(), contact="139", content="疑问")
    objection_handle(objection=objection, upheld=False, resolution="不属实", by=cast.city_admin)
    with pytest.raises(ValidationError, match="已处理"):
        objection_handle(objection=objection, upheld=True, resolution="x", by=cast.city_admin)


def test_other_city_admin_gets_404_on_notice_management(client, confirmed, cast):
    notice = _publish(confirmed, cast, date.today())
    client.force_login(cast.city_admin_other)
    assert client.get(reverse("notices:manage_detail", args=[notice.pk])).status_code == 404
    assert client.post(reverse("notices:name_all", args=[notice.pk])).status_code == 404


def test_the_publish_form_marks_each_wrong_field_as_the_portals_other_forms_do(client, confirmed, cast):
    """Its fields were bare inputs with a red line under them, not linked to the field for a screen reader."""
    client.force_login(cast.city_admin)
    data = {"ids": [confirmed.pk], "title": "拟命名单位公示", "starts_on": "2026-02-30", "working_days": "45"}
    body = client.post(reverse("notices:manage"), data).content.decode()
    assert 'class="numberinput form-control is-invalid"' in body and 'aria-invalid="true"' in body
    assert 'aria-describedby="id_working_days_error"' in body and 'id="id_working_days_error"' in body
    assert 'value="拟命名单位公示" maxlength="200" class="textinput form-control"' in body


def test_the_notice_office_page_reads_in_english_without_chinese_brackets(client, confirmed, cast):
    notice = _publish(confirmed, cast, date.today())
    objection = objection_file(entry=notice.entries.get(), contact="139", content="有欠薪")
    objection_handle(objection=objection, upheld=False, resolution="经核实不属实", by=cast.city_admin)
    client.force_login(cast.city_admin)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("notices:manage_detail", args=[notice.pk])).content.decode()
    assert f"{notice.ends_on:%Y-%m-%d} (5 working days)" in page
    assert f"Objection not upheld: 经核实不属实 ({cast.city_admin}, " in page
    client.cookies["django_language"] = "zh-hans"
    page = client.get(reverse("notices:manage_detail", args=[notice.pk])).content.decode()
    assert f"{notice.ends_on:%Y-%m-%d}（5 个工作日）" in page
    assert f"异议不成立：经核实不属实（{cast.city_admin}，" in page


def test_once_every_unit_is_named_the_naming_button_is_gone_and_a_stray_post_asks_nothing(client, confirmed, cast):
    """The button stayed after naming, and led to a confirmation of an empty list and 'Units named: 0'."""
    notice = _publish(confirmed, cast, date.today())
    with time_machine.travel(notice.ends_on + timedelta(days=1)):
        client.force_login(cast.city_admin)
        page = client.get(reverse("notices:manage_detail", args=[notice.pk])).content.decode()
        assert "公示期满，予以命名" in page
        notice_name_all(notice=notice, by=cast.city_admin)
        page = client.get(reverse("notices:manage_detail", args=[notice.pk])).content.decode()
        assert "公示期满，予以命名" not in page and "本公示中已没有待命名的单位。" in page
        response = client.post(reverse("notices:name_all", args=[notice.pk]), follow=True)
        body = response.content.decode()
        assert "确认公示期满，予以命名？" not in body and "本公示中已没有待命名的单位。" in body
