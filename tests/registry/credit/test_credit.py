"""Credit grades as dated evaluations (十堰's "15333" grading) and the red list, with their pages."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse

from apps.registry.credit.models import CreditEvaluation, RedListEntry
from apps.registry.credit.selectors import credit_grade_on, on_red_list
from apps.registry.credit.services import credit_evaluation_create, red_list_entry_create, red_list_entry_end
from tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def enterprise(cast):
    return EnterpriseFactory(unit=cast.unit_a, credit_grade="B")


def _evaluate(enterprise, by, grade, day, until=None):
    return credit_evaluation_create(enterprise=enterprise, grade=grade, evaluated_on=day, evaluated_by="十堰市人社局",
                                    valid_until=until, by=by)


def test_the_current_grade_is_the_latest_one_in_force(cast, enterprise):
    _evaluate(enterprise, cast.city_admin, "B", datetime.date(2022, 11, 10))
    _evaluate(enterprise, cast.city_admin, "A", datetime.date(2024, 4, 20), until=datetime.date(2025, 4, 19))
    assert credit_grade_on(enterprise=enterprise, day=datetime.date(2023, 1, 1)) == "B"
    assert credit_grade_on(enterprise=enterprise, day=datetime.date(2024, 5, 1)) == "A"
    assert credit_grade_on(enterprise=enterprise, day=datetime.date(2025, 4, 20)) == "B", "the A grade lapsed"
    assert credit_grade_on(enterprise=enterprise, day=datetime.date(2022, 1, 1)) == "", "none yet on that day"


def test_the_enterprises_grade_field_follows_its_history(cast, enterprise):
    assert credit_grade_on(enterprise=enterprise, day=datetime.date(2025, 1, 1)) == "B", "as registered"
    _evaluate(enterprise, cast.city_admin, "A", datetime.date(2024, 4, 20))
    enterprise.refresh_from_db()
    assert enterprise.credit_grade == "A"


def test_an_evaluation_lapsing_before_it_was_made_is_refused(cast, enterprise):
    with pytest.raises(ValidationError, match="有效期至不能早于评价日期"):
        _evaluate(enterprise, cast.city_admin, "A", datetime.date(2024, 4, 20), until=datetime.date(2024, 1, 1))


def test_red_list_membership_by_date(cast, enterprise):
    entry = red_list_entry_create(enterprise=enterprise, listed_on=datetime.date(2023, 6, 30), listed_by="十堰市人社局",
                                  reason="建筑施工企业守法诚信经营", by=cast.city_admin)
    red_list_entry_end(entry=entry, ended_on=datetime.date(2024, 6, 30), end_reason="发生欠薪", by=cast.city_admin)
    member = [on_red_list(enterprise=enterprise, day=datetime.date(*day))
              for day in ((2023, 6, 29), (2023, 6, 30), (2024, 6, 29), (2024, 6, 30))]
    assert member == [False, True, True, False]


def test_an_enterprise_is_listed_once_at_a_time(cast, enterprise):
    red_list_entry_create(enterprise=enterprise, listed_on=datetime.date(2023, 6, 30), listed_by="人社局",
                          reason="守法诚信", by=cast.city_admin)
    with pytest.raises(ValidationError, match="已在红名单中"):
        red_list_entry_create(enterprise=enterprise, listed_on=datetime.date(2024, 1, 1), listed_by="人社局",
                              reason="守法诚信", by=cast.city_admin)


def _entries(model, **filters):
    return LogEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), **filters)


def test_the_county_office_enters_an_evaluation_shown_with_its_history(client, cast, enterprise):
    client.force_login(cast.county_admin_x)
    url = reverse("registry:credit_evaluation_new", args=[cast.unit_a.pk])
    response = client.post(url, {"grade": "A", "evaluated_on": "2024-04-20", "evaluated_by": "十堰市人社局",
                                 "note": "提档升级"})
    assert response.status_code == 302
    evaluation = CreditEvaluation.objects.get()
    assert _entries(CreditEvaluation, object_id=evaluation.pk).get().actor == cast.county_admin_x
    page = client.get(reverse("registry:unit_detail", args=[cast.unit_a.pk])).content.decode()
    assert "诚信等级评价记录" in page and "2024-04-20" in page and "提档升级" in page


def test_bad_evaluation_input_is_refused_in_chinese_and_kept(client, cast, enterprise):
    client.force_login(cast.county_admin_x)
    response = client.post(reverse("registry:credit_evaluation_new", args=[cast.unit_a.pk]), {
        "grade": "A", "evaluated_on": "2024-04-20", "valid_until": "2024-01-01", "evaluated_by": "某评价机关"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "有效期至不能早于评价日期" in body and "某评价机关" in body
    assert not CreditEvaluation.objects.exists()


def test_other_county_gets_404_and_a_representative_403(client, cast, enterprise):
    url = reverse("registry:credit_evaluation_new", args=[cast.unit_a.pk])
    client.force_login(cast.county_admin_y)
    assert client.get(url).status_code == 404
    assert client.post(reverse("registry:red_list_entry_new", args=[cast.unit_a.pk]), {
        "listed_on": "2024-01-01", "listed_by": "人社局", "reason": "x"}).status_code == 404
    client.force_login(cast.rep_a)
    assert client.get(url).status_code == 403
    assert not RedListEntry.objects.exists()


def test_the_city_office_lists_and_ends_a_red_list_entry(client, cast, enterprise):
    client.force_login(cast.city_admin)
    response = client.post(reverse("registry:red_list_entry_new", args=[cast.unit_a.pk]), {
        "listed_on": "2023-06-30", "listed_by": "十堰市人社局", "reason": "建筑施工企业守法诚信经营"})
    assert response.status_code == 302
    entry = RedListEntry.objects.get()
    page = client.get(reverse("registry:unit_detail", args=[cast.unit_a.pk])).content.decode()
    assert "在红名单中" in page and "建筑施工企业守法诚信经营" in page
    end_url = reverse("registry:red_list_entry_end", args=[cast.unit_a.pk, entry.pk])
    refused = client.post(end_url, {"ended_on": "2023-01-01", "end_reason": "复核"})
    assert refused.status_code == 400 and "移出日期不能早于列入日期" in refused.content.decode()
    assert client.post(end_url, {"ended_on": "2024-06-30", "end_reason": "复核"}).status_code == 302
    entry.refresh_from_db()
    assert entry.ended_on == datetime.date(2024, 6, 30)
    update = _entries(RedListEntry, object_id=entry.pk, action=LogEntry.Action.UPDATE).get()
    assert update.actor == cast.city_admin
    client.force_login(cast.city_admin_other)
    assert client.get(end_url).status_code == 404


def test_the_stored_grade_follows_a_lapsed_evaluation_at_night(cast, enterprise):
    from apps.registry.credit.services import credit_grades_refresh_lapsed

    _evaluate(enterprise, cast.city_admin, "C", datetime.date(2022, 1, 1))
    CreditEvaluation.objects.create(enterprise=enterprise, grade="A", evaluated_on=datetime.date(2024, 4, 20),
                                    valid_until=datetime.date(2025, 4, 19), evaluated_by="人社局",
                                    entered_by=cast.city_admin)
    enterprise.credit_grade = "A"
    enterprise.save(update_fields=["credit_grade"])
    assert credit_grades_refresh_lapsed(today=datetime.date(2025, 4, 20)) == 1
    enterprise.refresh_from_db()
    assert enterprise.credit_grade == "C"
    assert credit_grades_refresh_lapsed(today=datetime.date(2025, 4, 20)) == 0


def test_the_nightly_refresh_is_in_the_beat_schedule():
    from hlr_portal.celery import app

    assert "apps.registry.tasks.credit_grades_refresh_nightly" in {
        entry["task"] for entry in app.conf.beat_schedule.values()}


def test_once_evaluated_the_grade_is_not_typed_into_the_enterprise_form(client, cast, regions, enterprise):
    from apps.registry.enterprises.forms import EnterpriseForm

    _evaluate(enterprise, cast.city_admin, "A", datetime.date(2024, 4, 20))
    client.force_login(cast.county_admin_x)
    url = reverse("enterprises:edit", args=[cast.unit_a.pk])
    form = client.get(url).context["form"]
    assert "credit_grade" not in form.fields
    data = {k: ("" if v is None else v) for k, v in EnterpriseForm.initial_for(enterprise).items()}
    data = {k: v for k, v in data.items() if v is not False} | {"credit_grade": "C", "employee_count": 12}
    assert client.post(url, data).status_code == 302
    enterprise.refresh_from_db()
    assert (enterprise.employee_count, enterprise.credit_grade) == (12, "A")
