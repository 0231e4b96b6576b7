"""Each review role's home page lists what waits for it, in its own jurisdiction only."""

from datetime import date, timedelta

import pytest

from apps.applications.notices.models import Notice, NoticeEntry, Objection
from apps.applications.reviews import services
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import Status
from tests.factories import UnitFactory, precheck_on
from tests.fixtures.reviews import approved, form_panel, make_application, score_all, sheet

pytestmark = pytest.mark.django_db


def _home(client, user) -> str:
    client.force_login(user)
    return client.get("/home/").content.decode()


def test_township_staff_see_applications_awaiting_precheck(client, cast, campaign, application):
    assert cast.unit_a.name not in _home(client, cast.township_staff_x)  # the year does not use pre-check
    precheck_on(campaign)
    assert f"/reviews/{application.pk}/" in _home(client, cast.township_staff_x)
    assert cast.unit_a.name not in _home(client, cast.county_admin_x)  # not the county's until forwarded


def test_reviewers_see_the_panels_awaiting_their_sheet(client, cast, application, standard):
    from apps.accounts.models import Party

    form_panel(application, cast)
    reviewer = cast.reviewers_x[Party.UNION]
    assert f"/reviews/{application.pk}/sheet/" in _home(client, reviewer)
    assert cast.unit_a.name not in _home(client, cast.reviewer_y)
    member = application.review_panel.members.get(user=reviewer)
    from tests.fixtures.reviews import GOOD

    services.sheet_save(member=member, values=sheet(standard, GOOD), submit=True, by=reviewer)
    assert f"/reviews/{application.pk}/sheet/" not in _home(client, reviewer)


def test_county_admin_sees_panels_to_form_decisions_to_take_and_reports_to_review(client, cast, application,
                                                                                   standard, regions):
    page = _home(client, cast.county_admin_x)
    assert "待组建评估组的申报" in page and f"/reviews/{application.pk}/" in page
    assert f"/reviews/{application.pk}/" not in _home(client, cast.county_admin_y)
    form_panel(application, cast)
    application.refresh_from_db()
    score_all(application, cast, standard)
    page = _home(client, cast.county_admin_x)
    assert "评分已齐" in page

    from apps.applications.named_units.services import yearly_report_save
    from tests.fixtures.named_units import name

    title = name(cast.unit_a, regions.city, cast.city_admin)
    report = yearly_report_save(recognition=title, by=cast.rep_a, submit=True,
                                texts={"practices": "做法", "conditions": "情况", "plans": "打算"})
    assert f"/named-units/reports/{report.pk}/" in _home(client, cast.county_admin_x)
    assert f"/named-units/reports/{report.pk}/" not in _home(client, cast.county_admin_y)
    assert "年度工作报告" in _home(client, cast.rep_a)


def test_city_admin_sees_confirmations_notices_and_objections(client, cast, application, standard, regions):
    approved(application, cast, standard)
    page = _home(client, cast.city_admin)
    assert f"/reviews/{application.pk}/" in page
    assert f"/reviews/{application.pk}/" not in _home(client, cast.city_admin_other)
    application_transition(application=application, to=Status.CITY_CONFIRMED, by=cast.city_admin)
    application_transition(application=application, to=Status.IN_NOTICE, by=cast.city_admin)
    notice = Notice.objects.create(city=regions.city, year=date.today().year, title="第一批拟命名公示",
                                   starts_on=date.today(), working_days=5, ends_on=date.today() + timedelta(days=7),
                                   published_by=cast.city_admin)
    entry = NoticeEntry.objects.create(notice=notice, application=application)
    Objection.objects.create(entry=entry, contact="13800000000", content="有异议")
    page = _home(client, cast.city_admin)
    assert "第一批拟命名公示" in page and "异议待处理" in page
    other = _home(client, cast.city_admin_other)
    assert "第一批拟命名公示" not in other and "异议待处理" not in other


def test_long_lists_link_to_the_full_list_with_the_total(client, cast, campaign, standard, regions):
    for _ in range(10):
        make_application(UnitFactory(region=regions.county_x), campaign, standard, status=Status.COUNTY_APPROVED)
    page = _home(client, cast.city_admin)
    assert "查看全部（共 10 条）" in page and "/reviews/city/" in page
