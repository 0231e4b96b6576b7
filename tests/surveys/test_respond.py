"""The public answer page at /s/<token>/: anonymous, once per device, rate-limited, capped."""

import re

import pytest
from django.test import Client

from apps.surveys.models import Survey, SurveyAnswer, SurveyResponse
from apps.surveys.services import survey_close
from tests.fixtures.surveys import VALUE_LABELS, this_year

pytestmark = pytest.mark.django_db

QUESTION_CODES = [
    "pay", "social-insurance", "rest-and-leave", "working-environment", "skills-training", "working-conditions",
    "democratic-consultation", "humane-care", "overall",
]


def url(survey: Survey) -> str:
    return f"/s/{survey.token}/"


def full_sheet(value: int = 4) -> dict[str, str]:
    return {f"q_{code}": str(value) for code in QUESTION_CODES}


def phone(survey: Survey) -> Client:
    """A fresh device that has opened the page once (and so holds its cookie)."""
    device = Client()
    assert device.get(url(survey)).status_code == 200
    return device


def test_page_has_a_labelled_radio_group_per_question_and_needs_no_login(client, survey_a):
    response = client.get(url(survey_a))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<fieldset") == 9
    assert page.count("<legend") == 9
    assert "您对本单位的工资收入" in page and "甲公司" in page
    for label in VALUE_LABELS.values():
        assert f"<span>{label}</span>" in page
    assert 'name="viewport"' in page
    assert "退出登录" not in page and "登录</a>" not in page
    assert f"hlr_survey_{survey_a.pk}" in response.cookies


def test_an_employee_answers_and_sees_thanks(survey_a):
    device = phone(survey_a)
    response = device.post(url(survey_a), full_sheet(5))
    assert response.status_code == 302
    assert "您的答卷已提交" in device.get(url(survey_a)).content.decode()
    assert Survey.objects.get(pk=survey_a.pk).response_count == 1
    assert set(SurveyAnswer.objects.values_list("option__label", flat=True)) == {"非常满意"}


def test_a_second_submit_from_the_same_device_is_refused_politely(survey_a):
    device = phone(survey_a)
    device.post(url(survey_a), full_sheet(5))
    response = device.post(url(survey_a), full_sheet(1))
    page = response.content.decode()
    assert "您的答卷已提交" in page or "只能提交一次" in page
    assert Survey.objects.get(pk=survey_a.pk).response_count == 1
    assert not SurveyAnswer.objects.filter(option__value=1).exists()


def test_missing_answers_get_a_chinese_message_and_keep_the_chosen_ones(survey_a):
    device = phone(survey_a)
    sheet = full_sheet(4)
    del sheet["q_pay"], sheet["q_humane-care"]
    sheet["q_overall"] = "2"
    response = device.post(url(survey_a), sheet)
    assert response.status_code == 400
    page = response.content.decode()
    assert "还有 2 题未作答" in page
    assert "请选择您对“工资收入”的满意程度。" in page
    assert "请选择您对“人文关怀”的满意程度。" in page
    assert page.count("checked") == 7
    checked_overall = re.findall(r'<input type="radio" name="q_overall" value="(\d)"[^>]*checked', page)
    assert checked_overall == ["2"]
    assert SurveyResponse.objects.count() == 0


def test_without_the_cookie_nothing_is_stored_and_the_answers_stay(client, survey_a):
    response = client.post(url(survey_a), full_sheet(3))
    page = response.content.decode()
    assert "请允许浏览器保存 Cookie" in page
    assert page.count("checked") == 9
    assert SurveyResponse.objects.count() == 0
    assert client.post(url(survey_a), full_sheet(3)).status_code == 302, "the cookie set with the message works"
    assert SurveyResponse.objects.count() == 1


def test_unknown_survey_says_so_in_chinese(client, db):
    response = client.get("/s/no-such-token/")
    assert response.status_code == 404
    assert "找不到这份调查" in response.content.decode()


def test_closed_survey_says_so_in_chinese(client, cast, survey_a):
    device = phone(survey_a)
    survey_close(survey=survey_a, by=cast.rep_a)
    response = device.post(url(survey_a), full_sheet(4))
    assert response.status_code == 410
    assert "这份调查已经结束" in response.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_rate_limit_per_ip_and_survey_answers_429_in_chinese(settings, survey_a, survey_b):
    settings.SURVEY_RATE_LIMIT = "3/h"
    for _ in range(3):
        assert phone(survey_a).post(url(survey_a), full_sheet(4)).status_code == 302
    response = phone(survey_a).post(url(survey_a), full_sheet(4))
    assert response.status_code == 429
    page = response.content.decode()
    assert "提交过于频繁" in page
    assert page.count("checked") == 9, "the blocked employee's answers stay on the page"
    assert Survey.objects.get(pk=survey_a.pk).response_count == 3
    assert phone(survey_b).post(url(survey_b), full_sheet(4)).status_code == 302, "another survey has its own limit"
    other_ip = Client(REMOTE_ADDR="10.1.2.3")
    other_ip.get(url(survey_a))
    assert other_ip.post(url(survey_a), full_sheet(4)).status_code == 302, "another address has its own limit"


def test_cap_on_answers_refuses_more_in_chinese(cast, questionnaire):
    from apps.surveys.services import survey_open

    survey = survey_open(unit=cast.unit_a, year=this_year(), by=cast.rep_a, employee_count=1)
    for _ in range(5):
        assert phone(survey).post(url(survey), full_sheet(4)).status_code == 302
    response = phone(survey).post(url(survey), full_sheet(4))
    assert response.status_code == 410
    assert "已达上限" in response.content.decode()
    assert SurveyResponse.objects.filter(survey=survey).count() == 5
