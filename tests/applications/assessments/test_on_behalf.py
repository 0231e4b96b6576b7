"""帮办代办: township or county staff fill and submit a small enterprise's self-evaluation on its behalf."""

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from apps.applications.assessments.models import Application
from apps.applications.assessments.on_behalf import unit_for_filing_on_behalf, units_for_filing_on_behalf
from apps.applications.workflow.states import Status
from apps.registry.enterprises.models import SizeClass
from apps.registry.units.models import Unit, UnitKind, VerificationStatus
from tests.factories import EnterpriseFactory, UnitFactory
from tests.fixtures.assessments import LINFEN_FULL_MARKS, attach_required

pytestmark = pytest.mark.django_db


@pytest.fixture
def small(cast):
    """Unit A (county X, 解放路街道) is a small enterprise."""
    EnterpriseFactory(unit=cast.unit_a, size=SizeClass.SMALL)
    return cast.unit_a


def _start(client, user, unit, reason="企业无专职人员，经企业同意代为填报"):
    client.force_login(user)
    return client.post(reverse("assessments:on_behalf_start", args=[unit.pk]), {"reason": reason})


def test_township_staff_see_the_small_enterprises_of_their_area_only(client, cast, regions, small,
                                                                     linfen_campaign, linfen_standard):
    large = EnterpriseFactory(unit__region=regions.county_x, unit__township=regions.township_x,
                              unit__name="大型集团", size=SizeClass.LARGE).unit
    unknown = EnterpriseFactory(unit__region=regions.county_x, unit__township=regions.township_x,
                                unit__name="规模未填企业", size="").unit
    client.force_login(cast.township_staff_x)
    body = client.get(reverse("assessments:on_behalf")).content.decode()
    assert "甲公司" in body and "小型" in body and "规模未填企业" in body and "规模未登记" in body
    assert "大型集团" not in body and "乙公司" not in body
    assert client.get(reverse("assessments:on_behalf_start", args=[large.pk])).status_code == 404
    assert client.get(reverse("assessments:on_behalf_start", args=[unknown.pk])).status_code == 200


def test_one_unit_is_offered_exactly_when_the_list_holds_it(cast, regions, small):
    """The start page looks one unit up (``unit_for_filing_on_behalf``) the way the list selects them."""
    for size in (SizeClass.LARGE, SizeClass.MEDIUM, SizeClass.MICRO, ""):
        EnterpriseFactory(unit__region=regions.county_x, unit__township=regions.township_x, size=size)
    EnterpriseFactory(unit__region=regions.county_x, unit__verification_status=VerificationStatus.PENDING,
                      size=SizeClass.SMALL)
    EnterpriseFactory(unit__region=regions.county_y, size=SizeClass.SMALL)
    UnitFactory(region=regions.county_x, kind=UnitKind.PARK)
    for user in (cast.township_staff_x, cast.county_admin_x, cast.county_admin_y, cast.city_admin):
        listed = set(units_for_filing_on_behalf(user=user).values_list("pk", flat=True))
        assert listed or user == cast.city_admin
        for unit in Unit.objects.all():
            assert (unit_for_filing_on_behalf(user=user, pk=unit.pk) is not None) == (unit.pk in listed), (user, unit)


def test_staff_of_another_county_get_404_and_units_get_403(client, cast, small, linfen_campaign, linfen_standard):
    assert _start(client, cast.county_admin_y, small).status_code == 404
    assert not Application.objects.exists()
    client.force_login(cast.rep_a)
    assert client.get(reverse("assessments:on_behalf")).status_code == 403
    for who in (cast.coordinator_x, cast.reviewers_x["hrss"], cast.city_admin):
        client.force_login(who)
        assert client.get(reverse("assessments:on_behalf")).status_code == 403


def test_a_filing_needs_a_reason_and_keeps_nothing_lost(client, cast, small, linfen_campaign, linfen_standard):
    response = _start(client, cast.township_staff_x, small, reason="  ")
    assert response.status_code == 400 and "请填写代办原因" in response.content.decode()
    assert not Application.objects.exists()


def test_staff_fill_and_submit_on_behalf_and_the_unit_sees_who_did(client, cast, small, linfen_campaign,
                                                                   linfen_standard):
    response = _start(client, cast.township_staff_x, small)
    application = Application.objects.get(unit=small)
    assert response["Location"] == reverse("assessments:detail", args=[application.pk])
    assert (application.on_behalf, application.filed_by, application.status) == (True, cast.township_staff_x,
                                                                                  Status.DRAFT)
    criteria = {c.code: c for c in application.standard.criteria.all()}
    for code, value in LINFEN_FULL_MARKS.items():
        saved = client.post(reverse("assessments:answer_save", args=[application.pk, criteria[code].pk]),
                            {"value": value, "narrative": "代为填写"})
        assert saved.status_code == 200, code
    attach_required(application, cast.township_staff_x)
    client.post(reverse("assessments:submit", args=[application.pk]), {"confirmed": "1"})
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    event = application.events.get(to_status=Status.SUBMITTED)
    assert event.actor == cast.township_staff_x and "帮办代办" in event.comment
    created = LogEntry.objects.get(content_type=ContentType.objects.get_for_model(Application),
                                   object_id=application.pk, action=LogEntry.Action.CREATE)
    assert created.actor == cast.township_staff_x and "on_behalf" in created.changes_dict

    client.force_login(cast.rep_a)
    body = client.get(reverse("assessments:detail", args=[application.pk])).content.decode()
    assert 'data-testid="on-behalf"' in body and "企业无专职人员" in body and "帮办代办" in body


def test_staff_cannot_edit_an_application_the_unit_files_itself(client, cast, small, draft_application):
    criterion = draft_application.standard.criteria.filter(children__isnull=True).first()
    client.force_login(cast.township_staff_x)
    response = client.post(reverse("assessments:answer_save", args=[draft_application.pk, criterion.pk]),
                           {"value": "1"})
    assert response.status_code == 404
    start = _start(client, cast.township_staff_x, small)
    assert start.status_code == 400 and "已自行开始本年度申报" in start.content.decode()
    assert not Application.objects.get(pk=draft_application.pk).on_behalf


def test_the_county_admin_files_for_a_unit_of_its_county_but_not_the_other(client, cast, small, regions,
                                                                          linfen_campaign, linfen_standard):
    other = EnterpriseFactory(unit__region=regions.county_y, size=SizeClass.MICRO).unit
    assert _start(client, cast.county_admin_x, small).status_code == 302
    assert _start(client, cast.county_admin_x, other).status_code == 404
    assert list(Application.objects.filter(on_behalf=True).values_list("unit", "filed_by")) == [
        (small.pk, cast.county_admin_x.pk)]


def test_the_medium_and_large_enterprises_left_out_are_read_from_their_partial_index(cast):
    """The picker excludes them with a hashed NOT IN; the index holds just their units (the table is 3,900 pages at
    province scale). The plan names the index only when the query's condition is the index's."""
    from django.db import connection, transaction

    from apps.applications.assessments.on_behalf import units_for_filing_on_behalf

    sql, params = units_for_filing_on_behalf(user=cast.county_admin_x).query.sql_with_params()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "enterprise_medium_or_large" in plan
