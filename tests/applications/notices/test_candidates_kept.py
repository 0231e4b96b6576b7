"""The naming office's confirmed applications (the notice management page's checkboxes, the consultation form's,
the province page's lists) are read once per office and kept (notices/selectors.py ``_confirmed_for``,
workflow/queues.py ``confirmation_kept``); each service that changes which of them are listed, or how, drops them."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from apps.accounts.models import User
from apps.applications.assessments.models import Application
from apps.applications.notices.models import ProvinceDecision
from apps.applications.notices.services import notice_publish, province_decision_record, province_forward
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import Status
from apps.campaigns.models import CampaignPolicy
from apps.core.region_cache import units_changed
from apps.registry.units.models import Unit
from tests import list_rows as rows
from tests.list_rows import THIS_YEAR, World

pytestmark = pytest.mark.django_db

MANAGE, SEND, PROVINCE = "/notices/manage/", "/opinions/send/", "/notices/province/"


def _reads(client, user: User, path: str) -> tuple[str, int]:
    """The page, and how many of its queries read the office's confirmed applications."""
    client.force_login(user)
    with CaptureQueriesContext(connection) as queries:
        body = client.get(path).content.decode()
    return body, sum('AS "province_outcome"' in q["sql"] for q in queries.captured_queries)


def _page(client, user: User, path: str = MANAGE) -> str:
    return _reads(client, user, path)[0]


def _boxes(page: str) -> str:
    start = page.index('<input class="form-check-input" type="checkbox" name="ids"')
    return page[start:page.index("</fieldset>", start)]


def _box(application: Application) -> str:
    return f'name="ids" value="{application.pk}"'


def _confirmed(world: World, start: int, count: int) -> list[Application]:
    names = rows.confirmed_applications(world, start, count)
    return list(Application.objects.filter(unit_name__in=names).order_by("unit_name"))


def test_the_confirmed_applications_are_read_once_for_the_office_s_pages(client, cast, regions):
    names = rows.confirmed_applications(World(cast, regions), 0, 3)
    first, reads = _reads(client, cast.city_admin, MANAGE)
    assert reads == 1 and all(name in _boxes(first) for name in names)
    again, reads = _reads(client, cast.city_admin, MANAGE)
    assert reads == 0 and _boxes(again) == _boxes(first)
    send, reads = _reads(client, cast.city_admin, SEND)
    assert reads == 0 and all(name in _boxes(send) for name in names)


def test_another_citys_admin_never_gets_the_kept_applications(client, cast, regions):
    names = rows.confirmed_applications(World(cast, regions), 0, 3)
    for path in (MANAGE, SEND):
        assert all(name in _page(client, cast.city_admin, path) for name in names)  # kept now
        other = _page(client, cast.city_admin_other, path)
        assert not any(name in other for name in names)


def test_a_confirmation_and_a_notice_show_on_the_next_request(client, cast, regions):
    world = World(cast, regions)
    listed = _confirmed(world, 0, 2)
    approved = world.applications(2, 1, Status.COUNTY_APPROVED)[0]
    world.panels([approved], result_total=90, result_grade="A")
    assert _box(approved) not in _page(client, cast.city_admin)
    application_transition(application=Application.objects.get(pk=approved.pk), to=Status.CITY_CONFIRMED,
                           by=cast.city_admin)
    assert _box(approved) in _page(client, cast.city_admin, SEND)
    notice_publish(city=regions.city, applications=[listed[0]], starts_on=timezone.localdate(), working_days=5,
                   by=cast.city_admin, title="拟命名单位公示", contact="0357-1234567")
    page = _page(client, cast.city_admin)
    assert _box(listed[0]) not in page and _box(listed[1]) in page and _box(approved) in page


def test_a_province_decision_forwarded_and_recorded_shows_on_the_next_request(client, cast, regions):
    world = World(cast, regions)
    names = rows.awaiting_province(world, 0, 2)
    application = Application.objects.get(unit_name=names[0])
    assert _box(application) not in _page(client, cast.city_admin)
    assert f'id="fwd-{application.pk}"' in _page(client, cast.city_admin, PROVINCE)
    [decision] = province_forward(applications=[Application.objects.select_related("unit__region").get(
        pk=application.pk)], by=cast.city_admin)
    province = _page(client, cast.city_admin, PROVINCE)
    assert f'id="fwd-{application.pk}"' not in province and f"/notices/province/{decision.pk}/" in province
    province_decision_record(decision=ProvinceDecision.objects.get(pk=decision.pk), passed=True,
                             document_number="晋人社函〔2026〕9号", decided_on=timezone.localdate(), by=cast.city_admin)
    assert _box(application) in _page(client, cast.city_admin)
    assert f"/notices/province/{decision.pk}/" not in _page(client, cast.city_admin, PROVINCE)


def test_a_policy_the_province_decides_under_shows_on_the_next_request(client, cast, regions):
    applications = _confirmed(World(cast, regions), 0, 2)
    assert all(_box(a) in _page(client, cast.city_admin) for a in applications)
    CampaignPolicy.objects.create(region=regions.city, year=THIS_YEAR, province_decides=True)
    page = _page(client, cast.city_admin)
    assert not any(_box(a) in page for a in applications) and "实行省级审定" in page


def test_a_unit_renamed_shows_on_the_next_request(client, cast, regions):
    names = rows.confirmed_applications(World(cast, regions), 0, 2)
    assert names[0] in _page(client, cast.city_admin)
    renamed = Unit.objects.get(name=names[0])
    # As enterprise_update does on a rename: the unit, its applications' copies, every unit's generation.
    Unit.objects.filter(pk=renamed.pk).update(name="龙城改名后的单位")
    Application.objects.filter(unit=renamed).update(unit_name="龙城改名后的单位")
    units_changed()
    page = _page(client, cast.city_admin)
    assert names[0] not in page and "龙城改名后的单位" in _boxes(page)


def test_the_form_refused_keeps_the_picked_boxes_from_the_kept_applications(client, cast, regions):
    applications = _confirmed(World(cast, regions), 0, 2)
    _page(client, cast.city_admin)  # kept now
    body = client.post(MANAGE, {"ids": [applications[1].pk], "title": "拟命名单位公示", "starts_on": "2020-01-01",
                                "working_days": "5", "contact": "0357-1234567"}).content.decode()
    assert "公示开始日期不能早于今天" in body
    assert f'value="{applications[1].pk}" id="pub-{applications[1].pk}" checked' in body
    assert f'value="{applications[0].pk}" id="pub-{applications[0].pk}">' in body
    assert date(2020, 1, 1).isoformat() in body
