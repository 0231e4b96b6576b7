"""The naming office's kept workbench lists (apps/applications/workflow/queues.py): a notice published, a public
objection filed and handled, a department's objection answered, handled and its department renamed all show at
once on the city's workbench."""

from datetime import date, timedelta

import pytest

from apps.applications.notices.services import notice_publish, objection_file, objection_handle
from apps.applications.opinions.models import Department, Verdict
from apps.applications.opinions.services import (
    Answer,
    consultation_answer,
    consultation_send,
    department_save,
    opinion_handle,
)
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import Status
from tests.fixtures.reviews import approved

pytestmark = pytest.mark.django_db

NOTICES, OBJECTIONS, DEPARTMENTS = "公示中的名单", "待处理的公示异议", "待处理的部门异议"


@pytest.fixture
def confirmed(application, cast, standard):
    approved(application, cast, standard)
    return application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.city_admin)


def _section(client, user, title: str) -> str:
    client.force_login(user)
    page = client.get("/home/").content.decode()
    return page.split(title, 1)[1].split("<h3", 1)[0]


def test_a_notice_and_its_public_objection_show_at_once(client, cast, regions, confirmed):
    assert "和谐劳动关系" not in _section(client, cast.city_admin, NOTICES)
    assert "甲公司" not in _section(client, cast.city_admin, OBJECTIONS)
    notice = notice_publish(city=regions.city, applications=[confirmed], starts_on=date.today(), working_days=10,
                            by=cast.city_admin)
    assert notice.title in _section(client, cast.city_admin, NOTICES)
    objection = objection_file(entry=notice.entries.get(), contact="13900000000", content="拖欠工资未处理")
    assert "甲公司" in _section(client, cast.city_admin, OBJECTIONS)
    objection_handle(objection=objection, upheld=False, resolution="经核实已支付", by=cast.city_admin)
    assert "甲公司" not in _section(client, cast.city_admin, OBJECTIONS)


def test_a_departments_objection_its_handling_and_its_new_name_show_at_once(client, cast, regions, confirmed):
    market = Department.objects.create(region=regions.city, name="市场监督管理局")
    market.staff.add(cast.department_staff)
    consultation = consultation_send(region=regions.city, applications=[confirmed], departments=[market],
                                     deadline=date.today() + timedelta(days=5), by=cast.city_admin)
    assert "甲公司" not in _section(client, cast.city_admin, DEPARTMENTS)
    consultation_answer(request=consultation.requests.get(), by=cast.department_staff,
                        answers={consultation.entries.get().pk: Answer(Verdict.OBJECTION, "存在未结案件")})
    assert "市场监督管理局提出异议" in _section(client, cast.city_admin, DEPARTMENTS)
    department_save(region=regions.city, name="市场监管局", by=cast.city_admin, department=market,
                    staff=[cast.department_staff])
    assert "市场监管局提出异议" in _section(client, cast.city_admin, DEPARTMENTS)
    opinion_handle(opinion=market.requests.get().opinions.get(), upheld=False, resolution="已结案",
                   by=cast.city_admin)
    assert "甲公司" not in _section(client, cast.city_admin, DEPARTMENTS)
