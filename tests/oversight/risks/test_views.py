import datetime
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from apps.oversight.risks.importer import HEADERS
from apps.oversight.risks.models import EntryChannel, RiskEvent
from tests.factories import RiskEventFactory

pytestmark = pytest.mark.django_db


def _form(unit_text, **overrides):
    return {"unit": unit_text, "kind": "group_petition", "occurred_on": "2025-04-01", "severity": 2,
            "source": "区信访局", "description": "30余名职工集体上访反映加班费问题"} | overrides


def test_county_staff_record_an_event_with_an_attachment_and_download_it(client, cast, enterprise_a):
    client.force_login(cast.county_admin_x)
    upload = SimpleUploadedFile("通报.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post("/risks/new/", _form(enterprise_a.uscc, files=[upload]))
    assert response.status_code == 302
    event = RiskEvent.objects.get()
    assert (event.unit, event.created_by, event.channel) == (cast.unit_a, cast.county_admin_x, EntryChannel.FORM)
    attachment = event.attachments.get()
    download = client.get(f"/risks/attachments/{attachment.pk}/")
    assert b"".join(download.streaming_content) == b"%PDF-1.4 test"
    client.force_login(cast.county_admin_y)
    assert client.get(f"/risks/attachments/{attachment.pk}/").status_code == 404


def test_bad_input_keeps_what_was_typed(client, cast):
    client.force_login(cast.county_admin_x)
    future = (datetime.date.today() + datetime.timedelta(days=3)).isoformat()
    response = client.post("/risks/new/", _form("甲公司", occurred_on=future))
    assert response.status_code == 400
    page = response.content.decode()
    assert "发生日期不能晚于今天" in page and "30余名职工集体上访反映加班费问题" in page
    assert not RiskEvent.objects.exists()


def test_a_unit_of_another_county_cannot_be_entered(client, cast):
    client.force_login(cast.county_admin_x)
    response = client.post("/risks/new/", _form("乙公司"))
    assert response.status_code == 400
    assert "在您的管辖范围内找不到单位“乙公司”" in response.content.decode()


def test_events_of_another_county_are_hidden_and_404(client, cast):
    event = RiskEventFactory(unit=cast.unit_b)
    client.force_login(cast.county_admin_x)
    assert "乙公司" not in client.get("/risks/").content.decode()
    assert client.get(f"/risks/{event.pk}/").status_code == 404
    client.force_login(cast.county_admin_y)
    assert client.get(f"/risks/{event.pk}/").status_code == 200


def test_wrong_roles_and_anonymous_are_turned_away(client, cast):
    assert client.get("/risks/").status_code == 302
    client.force_login(cast.rep_a)
    assert client.get("/risks/").status_code == 403
    client.force_login(cast.township_staff_x)
    assert client.get("/risks/").status_code == 200
    assert client.get("/risks/new/").status_code == 403


def test_the_list_keeps_its_query_count(client, cast, django_assert_max_num_queries):
    client.force_login(cast.city_admin)
    RiskEventFactory.create_batch(5, unit=cast.unit_a)
    # The page: session, user, memberships, the menu's policy; the bounded count, the page's ids, its rows.
    with django_assert_max_num_queries(8):
        client.get("/risks/")
    RiskEventFactory.create_batch(495, unit=cast.unit_b)
    with django_assert_max_num_queries(8):
        response = client.get("/risks/?kind=arbitration_case")
    assert response.context["page"].paginator.count == 500


def test_a_list_past_the_count_cap_shows_cap_plus_and_still_only_its_own_events_newest_first(client, cast,
                                                                                              monkeypatch):
    monkeypatch.setattr("apps.oversight.risks.views.COUNT_CAP", 3)
    day = datetime.date(2025, 3, 1)
    for n in range(5):
        RiskEventFactory(unit=cast.unit_a, occurred_on=day + datetime.timedelta(days=n), description=f"甲{n}")
    for n in range(2):  # newer, in the other county
        RiskEventFactory(unit=cast.unit_b, occurred_on=day + datetime.timedelta(days=10 + n), description=f"乙{n}")
    client.force_login(cast.county_admin_x)
    response = client.get("/risks/")
    page = response.context["page"]
    assert "共 3+ 条风险事件" in response.content.decode() and page.paginator.more
    assert [event.occurred_on for event in page] == [day + datetime.timedelta(days=n) for n in (4, 3, 2, 1, 0)]
    assert {event.unit_id for event in page} == {cast.unit_a.pk}
    client.force_login(cast.county_admin_y)  # within the cap: exact, and only that county's
    response = client.get("/risks/")
    assert "共 2 条风险事件" in response.content.decode()
    assert {event.unit_id for event in response.context["page"]} == {cast.unit_b.pk}


def _xlsx(rows) -> SimpleUploadedFile:
    workbook = Workbook()
    workbook.active.append(HEADERS)
    for row in rows:
        workbook.active.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("events.xlsx", buffer.getvalue())


def test_an_import_with_one_bad_row_saves_nothing_and_names_the_row(client, cast, enterprise_a):
    client.force_login(cast.county_admin_x)
    response = client.post("/risks/import/", {"file": _xlsx([
        [enterprise_a.uscc, "劳动争议仲裁案件", "2025-03-01", "一般", "仲裁院", "追索报酬"],
        ["乙公司", "地震", "2025-02-30", "很严重", "", ""],
    ])})
    assert response.status_code == 400
    page = response.content.decode()
    expected = ("找不到单位“乙公司”", "事件类型“地震”不在可选值中", "无法识别", "严重程度“很严重”", "信息来源不能为空")
    for words in expected:
        assert words in page
    assert not RiskEvent.objects.exists()


def test_a_clean_import_is_previewed_then_saved_on_confirmation(client, cast, enterprise_a):
    client.force_login(cast.county_admin_x)
    rows = [[enterprise_a.uscc, "劳动争议仲裁案件", f"2025-03-0{n}", "一般", "仲裁院", f"案件{n}"]
            for n in range(1, 4)]
    preview = client.post("/risks/import/", {"file": _xlsx(rows)})
    assert preview.status_code == 200 and not RiskEvent.objects.exists()
    response = client.post("/risks/import/confirm/", {"token": preview.context["token"]})
    assert response.status_code == 302
    assert RiskEvent.objects.filter(channel=EntryChannel.IMPORT, unit=cast.unit_a).count() == 3
    assert client.post("/risks/import/confirm/", {"token": preview.context["token"]}).status_code == 302
    assert RiskEvent.objects.count() == 3


def test_a_file_that_is_not_excel_gets_a_message(client, cast):
    client.force_login(cast.county_admin_x)
    response = client.post("/risks/import/", {"file": SimpleUploadedFile("x.xlsx", b"not a zip")})
    assert "文件类型不正确" in response.content.decode()  # the message every import gives


def test_the_template_downloads(client, cast):
    client.force_login(cast.county_admin_x)
    assert client.get("/risks/import/template.xlsx").status_code == 200
