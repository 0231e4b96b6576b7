import datetime
from decimal import Decimal
from io import BytesIO

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from apps.offices.training.models import Training, TrainingKind
from apps.offices.training.selectors import training_figures
from tests.factories import UnitFactory
from tests.fixtures.files import PDF_BYTES

pytestmark = pytest.mark.django_db


def _form(regions, **overrides) -> dict:
    return {"held_on": "2025-05-20", "kind": TrainingKind.COORDINATOR, "method": "court_visit",
            "region": regions.county_x.pk, "organiser": "尧都区协调劳动关系三方办公室",
            "topic": "劳动争议调解实务", "audience": "劳动关系协调员", "hours": "4", "people_count": "30",
            "units_text": "", "summary": "庭审观摩与案例讲解"} | overrides


def _session(regions, by, *, region=None, held_on=datetime.date(2025, 5, 1), kind=TrainingKind.TOPIC, hours=2,
             people=10, **fields) -> Training:
    return Training.objects.create(held_on=held_on, kind=kind, region=region or regions.county_x,
                                   organiser="三方办公室", topic=fields.pop("topic", "专题培训"), hours=hours,
                                   people_count=people, recorded_by=by, **fields)


def test_the_county_records_a_coordinator_training_with_materials_and_the_hours_reach_the_ledger(
        client, cast, regions, coordinators):
    client.force_login(cast.county_admin_x)
    handout = SimpleUploadedFile("讲义.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(reverse("training:create"), _form(
        regions, units_text="甲公司", coordinators=[coordinators["wang"].pk, coordinators["li"].pk],
        files=[handout]))
    assert response.status_code == 302
    training = Training.objects.get()
    assert (training.recorded_by, list(training.units.all())) == (cast.county_admin_x, [cast.unit_a])
    page = client.get(reverse("training:detail", args=[training.pk])).content.decode()
    assert "劳动争议调解实务" in page and "庭审观摩" in page and "王协调" in page and "讲义.pdf" in page
    material = training.materials.get()
    download = client.get(reverse("training:material", args=[material.pk]))
    assert b"".join(download.streaming_content) == PDF_BYTES

    hours = client.get(reverse("training:coordinator_hours") + "?year=2025").content.decode()
    assert "协调员培训学时" in hours
    rows = {c.full_name: (c.sessions, c.hours) for c in
            client.get(reverse("training:coordinator_hours") + "?year=2025").context["page"]}
    assert rows == {"王协调": (1, Decimal("4.0")), "李协调": (1, Decimal("4.0"))}  # 赵协调 is county Y's
    assert "培训学时" in client.get(reverse("coordinators:list")).content.decode()  # the ledger links to it


def test_a_material_that_is_not_what_it_claims_is_refused_at_the_field_and_the_input_is_kept(client, cast, regions):
    client.force_login(cast.county_admin_x)
    fake = SimpleUploadedFile("签到表.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf")
    response = client.post(reverse("training:create"), _form(regions, files=[fake]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "签到表.pdf" in page and "不能上传" in page
    assert "劳动争议调解实务" in page and "庭审观摩与案例讲解" in page  # nothing typed is lost
    assert not Training.objects.exists()


def test_bad_input_gets_chinese_messages_at_the_fields(client, cast, regions, coordinators):
    client.force_login(cast.county_admin_x)
    future = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    response = client.post(reverse("training:create"), _form(regions, held_on=future, units_text="不存在的公司"))
    assert response.status_code == 400
    assert "举办日期不能晚于今天" in response.content.decode()
    response = client.post(reverse("training:create"), _form(regions, units_text="不存在的公司"))
    assert "未在您管辖范围内找到唯一对应的单位：不存在的公司" in response.content.decode()
    response = client.post(reverse("training:create"), _form(
        regions, people_count="1", coordinators=[coordinators["wang"].pk, coordinators["li"].pk]))
    assert "参加人数（1）少于勾选的协调员人数（2）" in response.content.decode()
    response = client.post(reverse("training:create"), _form(regions, hours="-1", people_count="abc"))
    assert response.status_code == 400 and not Training.objects.exists()


def test_another_countys_staff_get_404_and_cannot_record_for_a_region_outside_theirs(
        client, cast, regions, coordinators):
    training = _session(regions, cast.county_admin_x)
    material = training.materials.create(original_name="讲义.pdf", content_type="application/pdf", size=3,
                                         uploaded_by=cast.county_admin_x, file="x/1.pdf")
    client.force_login(cast.county_admin_y)
    for name, pk in (("training:detail", training.pk), ("training:edit", training.pk),
                     ("training:material", material.pk)):
        assert client.get(reverse(name, args=[pk])).status_code == 404
    assert list(client.get(reverse("training:list") + "?year=2025").context["page"]) == []
    response = client.post(reverse("training:create"), _form(regions, coordinators=[coordinators["wang"].pk]))
    assert response.status_code == 400 and not Training.objects.exclude(pk=training.pk).exists()
    page = response.content.decode()
    assert "选择一个有效的选项" in page  # county X and its coordinator are not county Y's to choose
    client.force_login(cast.rep_a)
    assert client.get(reverse("training:list")).status_code == 403
    client.force_login(cast.city_admin)
    assert client.get(reverse("training:detail", args=[training.pk])).status_code == 200
    client.force_login(cast.city_admin_other)
    assert client.get(reverse("training:detail", args=[training.pk])).status_code == 404


def test_figures_count_sessions_people_units_and_coordinator_hours_per_region_and_year(cast, regions, coordinators):
    first = _session(regions, cast.county_admin_x, kind=TrainingKind.COORDINATOR, hours=4, people=20)
    first.coordinators.set([coordinators["wang"], coordinators["li"]])
    first.units.set([cast.unit_a])
    second = _session(regions, cast.county_admin_x, kind=TrainingKind.LECTURE_HALL, hours=Decimal("1.5"), people=80,
                      region=regions.township_x)
    second.coordinators.set([coordinators["wang"]])
    second.units.set([cast.unit_a, UnitFactory(region=regions.county_x)])
    _session(regions, cast.county_admin_y, region=regions.county_y, kind=TrainingKind.FORUM, people=12)
    _session(regions, cast.county_admin_x, held_on=datetime.date(2024, 12, 31), people=500)  # another year

    county = training_figures(regions.county_x, 2025)
    assert (county.sessions, county.people, county.units, county.coordinators) == (2, 100, 2, 2)
    assert county.coordinator_hours == Decimal("9.5")  # 王 4 + 1.5, 李 4
    assert county.by_kind["协调员培训"] == 1 and county.by_kind["和谐劳动关系大讲堂"] == 1
    assert county.by_kind["专题培训"] == 0
    city = training_figures(regions.city, 2025)
    assert (city.sessions, city.people, city.by_kind["座谈会/问需会"]) == (3, 112, 1)
    assert training_figures(regions.other_city, 2025).sessions == 0
    assert training_figures(regions.county_x, 2024).people == 500


def test_the_city_sees_each_county_in_the_table_and_exports_the_year(client, cast, regions):
    _session(regions, cast.county_admin_x, topic="集体协商专题培训", audience="培育企业负责人")
    _session(regions, cast.county_admin_y, region=regions.county_y, topic="惠企政策宣讲",
             kind=TrainingKind.POLICY_BRIEFING)
    client.force_login(cast.city_admin)
    response = client.get(reverse("training:list") + "?year=2025")
    rows = {region.name: figures.sessions for region, figures, _total in response.context["figures"]}
    assert rows == {"临汾市": 2, "尧都区": 1, "曲沃县": 1}
    sheet = load_workbook(BytesIO(client.get(reverse("training:export") + "?year=2025").content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "集体协商专题培训" in values and "惠企政策宣讲" in values and "培育企业负责人" in values
    client.force_login(cast.county_admin_y)
    sheet = load_workbook(BytesIO(client.get(reverse("training:export") + "?year=2025").content)).active
    values = [cell for row in sheet.iter_rows(values_only=True) for cell in row]
    assert "惠企政策宣讲" in values and "集体协商专题培训" not in values


def test_an_edit_is_audited_with_who_and_what(client, cast, regions):
    client.force_login(cast.county_admin_x)
    client.post(reverse("training:create"), _form(regions))
    training = Training.objects.get()
    assert client.post(reverse("training:edit", args=[training.pk]), _form(regions, people_count="45")).status_code \
        == 302
    entry = LogEntry.objects.get_for_object(training).filter(action=LogEntry.Action.UPDATE).get()
    assert entry.actor == cast.county_admin_x and entry.changes_dict["people_count"] == [30, 45]


def test_the_workbench_counts_this_years_sessions_and_honours_of_the_office_only(client, cast, regions):
    today = timezone.localdate()
    _session(regions, cast.county_admin_x, held_on=today, people=25)
    _session(regions, cast.county_admin_y, region=regions.county_y, held_on=today, people=300)
    client.force_login(cast.county_admin_x)
    page = client.get(reverse("home:home")).content.decode()
    assert "本年度培训宣传与荣誉" in page and "培训宣传活动 1 场，参加 25 人次" in page
    client.force_login(cast.city_admin)
    assert "培训宣传活动 2 场，参加 325 人次" in client.get(reverse("home:home")).content.decode()
