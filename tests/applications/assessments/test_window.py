"""Outside the self-evaluation window a new application, saved answers and evidence are refused with the dates."""

from datetime import date

import pytest
import time_machine

from apps.applications.assessments.models import Answer, Application
from apps.applications.assessments.services import answer_save, application_open, evidence_add
from apps.applications.workflow.states import Status
from apps.campaigns.services import OutsideWindow
from tests.fixtures.files import pdf_upload

pytestmark = pytest.mark.django_db

DATES = r"办理时间为 \d{4}年03月01日 至 \d{4}年03月31日"


@pytest.fixture
def march_window(campaign):
    campaign.self_evaluation_opens = date(campaign.year, 3, 1)
    campaign.self_evaluation_closes = date(campaign.year, 3, 31)
    campaign.county_review_deadline = date(campaign.year, 6, 30)
    campaign.save()
    return campaign


@pytest.fixture
def march_application(cast, march_window, linfen_standard):
    with time_machine.travel(date(march_window.year, 3, 10)):
        return application_open(unit=cast.unit_a, by=cast.rep_a, today=date(march_window.year, 3, 10))


def test_a_new_application_before_the_window_is_refused_with_the_dates(cast, march_window, linfen_standard):
    with pytest.raises(OutsideWindow, match="自评申报尚未开始：" + DATES):
        application_open(unit=cast.unit_a, by=cast.rep_a, today=date(march_window.year, 2, 1))
    assert not Application.objects.exists()


def test_a_new_application_after_the_window_is_refused_with_the_dates(cast, march_window, linfen_standard):
    with pytest.raises(OutsideWindow, match="自评申报已经结束：" + DATES):
        application_open(unit=cast.unit_a, by=cast.rep_a, today=date(march_window.year, 4, 1))


def test_an_existing_application_still_opens_after_the_window(cast, march_application):
    later = date(march_application.campaign_year.year, 5, 1)
    assert application_open(unit=cast.unit_a, by=cast.rep_a, today=later) == march_application


def test_saving_an_answer_after_the_window_is_refused(cast, march_application):
    criterion = march_application.standard.criteria.get(code="1")
    with time_machine.travel(date(march_application.campaign_year.year, 4, 2)):
        with pytest.raises(OutsideWindow, match="已经结束：" + DATES):
            answer_save(application=march_application, criterion=criterion, value="8", narrative="x", by=cast.rep_a)
        with pytest.raises(OutsideWindow, match=DATES):
            evidence_add(application=march_application, upload=pdf_upload(), kind="commitment", by=cast.rep_a)
    assert not Answer.objects.exists()


def test_a_returned_application_may_be_revised_until_the_county_review_deadline(cast, march_application):
    Application.objects.filter(pk=march_application.pk).update(status=Status.RETURNED)
    march_application.refresh_from_db()
    criterion = march_application.standard.criteria.get(code="1")
    year = march_application.campaign_year.year
    with time_machine.travel(date(year, 6, 1)):
        answer_save(application=march_application, criterion=criterion, value="8", narrative="", by=cast.rep_a)
    with time_machine.travel(date(year, 7, 1)):
        with pytest.raises(OutsideWindow, match=r"县级评估验收已经结束：办理时间为 \d{4}年03月01日 至 \d{4}年06月30日"):
            answer_save(application=march_application, criterion=criterion, value="9", narrative="", by=cast.rep_a)
    assert Answer.objects.get().value == "8"


def test_the_page_after_the_window_says_why_and_has_no_inputs(client, cast, march_application):
    client.force_login(cast.rep_a)
    with time_machine.travel(date(march_application.campaign_year.year, 4, 2)):
        body = client.get(f"/applications/{march_application.pk}/").content.decode()
    assert 'data-testid="window-closed"' in body and "自评申报已经结束" in body and "当前不能修改或提交" in body
    assert "提交申报</button>" not in body and " disabled" in body


def test_saving_through_the_page_after_the_window_gets_the_dates(client, cast, march_application):
    criterion = march_application.standard.criteria.get(code="1")
    client.force_login(cast.rep_a)
    with time_machine.travel(date(march_application.campaign_year.year, 4, 2)):
        response = client.post(f"/applications/{march_application.pk}/answers/{criterion.pk}/",
                               {"value": "8", "narrative": ""})
    assert response.status_code == 422 and "自评申报已经结束" in response.content.decode()


def test_starting_through_the_page_outside_the_window_shows_the_dates(client, cast, march_window, linfen_standard):
    client.force_login(cast.rep_a)
    with time_machine.travel(date(march_window.year, 4, 2)):
        response = client.post(f"/applications/unit/{cast.unit_a.pk}/current/")
    assert response.status_code == 200 and "自评申报已经结束" in response.content.decode()
    assert not Application.objects.exists()
