import re

import pytest
from django.contrib import admin
from django.urls import reverse

from apps.accounts.models import Party
from apps.registry.units.models import Unit, UnitKind, VerificationStatus
from apps.surveys.models import (
    Survey,
    SurveyAnswer,
    SurveyCode,
    SurveyDevice,
    SurveyResponse,
    SurveyStatus,
    SurveyTemplate,
)
from tests.fixtures.surveys import answer, this_year

pytestmark = pytest.mark.django_db


def detail(survey: Survey) -> str:
    return reverse("surveys:detail", args=[survey.pk])


# --- list and open -------------------------------------------------------------------------------------------------

def test_anonymous_user_is_sent_to_login(client, survey_a):
    for url in ("/surveys/", detail(survey_a), f"/surveys/{survey_a.pk}/poster/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url


@pytest.mark.parametrize("who", ["coordinator_x", "system_admin", "no_role"])
def test_roles_without_survey_access_get_403(client, cast, survey_a, who):
    client.force_login(getattr(cast, who))
    assert client.get("/surveys/").status_code == 403
    assert client.get(detail(survey_a)).status_code == 403


def test_rep_opens_this_years_survey_and_gets_link_and_qr_code(client, cast, questionnaire):
    client.force_login(cast.rep_a)
    page = client.get("/surveys/").content.decode()
    assert "尚未发起本年度调查" in page
    assert '<label class="form-label" for="employee-count-' in page

    response = client.post(
        f"/surveys/unit/{cast.unit_a.pk}/open/", {"employee_count": "30", "mode": "link"}, follow=True
    )
    survey = Survey.objects.get(unit=cast.unit_a, year=this_year())
    assert response.redirect_chain[-1][0] == detail(survey)
    assert survey.max_responses == 150
    page = response.content.decode()
    url = f"http://testserver/s/{survey.token}/"
    assert f'value="{url}"' in page
    assert re.search(rf"<svg[^>]*survey-qr.*<title>{re.escape(url)}</title>", page, re.S), "QR code SVG with the URL"
    assert "为保护职工匿名" in page and "还需 10 份" in page


def test_opening_twice_shows_a_message_and_keeps_the_first_survey(client, cast, survey_a):
    client.force_login(cast.rep_a)
    response = client.post(f"/surveys/unit/{cast.unit_a.pk}/open/", {"mode": "link"}, follow=True)
    assert "已经发起过" in response.content.decode()
    assert Survey.objects.filter(unit=cast.unit_a).count() == 1


def test_bad_employee_count_is_explained(client, cast, questionnaire):
    client.force_login(cast.rep_a)
    response = client.post(f"/surveys/unit/{cast.unit_a.pk}/open/", {"employee_count": "-3"}, follow=True)
    assert "职工人数应为正整数" in response.content.decode()
    assert not Survey.objects.exists()


def test_rep_cannot_open_another_units_survey(client, cast, questionnaire):
    client.force_login(cast.rep_b)
    assert client.post(f"/surveys/unit/{cast.unit_a.pk}/open/").status_code == 404
    assert not Survey.objects.exists()


def test_staff_cannot_open_surveys(client, cast, questionnaire):
    client.force_login(cast.county_admin_x)
    assert client.post(f"/surveys/unit/{cast.unit_a.pk}/open/").status_code == 403


def test_unverified_unit_is_told_why_it_cannot_open(client, cast, questionnaire):
    Unit.objects.filter(pk=cast.unit_a.pk).update(verification_status=VerificationStatus.PENDING)
    client.force_login(cast.rep_a)
    assert "尚未核验通过" in client.get("/surveys/").content.decode()
    response = client.post(f"/surveys/unit/{cast.unit_a.pk}/open/", follow=True)
    assert "尚未核验通过" in response.content.decode()
    assert not Survey.objects.exists()


def test_staff_list_shows_only_their_jurisdiction(client, cast, survey_a, survey_b):
    client.force_login(cast.county_admin_x)
    page = client.get("/surveys/").content.decode()
    assert "甲公司" in page and "乙公司" not in page
    client.force_login(cast.city_admin)
    page = client.get("/surveys/").content.decode()
    assert "甲公司" in page and "乙公司" in page


@pytest.mark.parametrize("rows", [5, 500])
def test_list_query_count_does_not_grow_with_rows(client, cast, questionnaire, regions, rows,
                                                  django_assert_max_num_queries):
    units = Unit.objects.bulk_create(
        Unit(kind=UnitKind.ENTERPRISE, name=f"企业{i:04d}", region=regions.county_x) for i in range(rows)
    )
    Survey.objects.bulk_create(
        Survey(unit=unit, year=this_year(), template=questionnaire, token=f"t{unit.pk}", max_responses=50)
        for unit in units
    )
    client.force_login(cast.city_admin)
    with django_assert_max_num_queries(7):
        response = client.get("/surveys/?page=2" if rows > 30 else "/surveys/")
    assert response.status_code == 200
    assert response.content.decode().count("<tr>") == min(rows, 30) + 1


# --- detail, aggregates --------------------------------------------------------------------------------------------

def test_below_the_minimum_only_the_count_and_the_shortfall_show(client, cast, survey_a):
    for _ in range(7):
        answer(survey_a, 5)
    client.force_login(cast.rep_a)
    page = client.get(detail(survey_a)).content.decode()
    assert "已收到 7 份答卷" in page and "还需 3 份" in page
    assert "综合满意率" not in page and "工资收入" not in page


def test_at_the_minimum_the_rep_sees_aggregates(client, cast, survey_a):
    for value in (5, 5, 4, 4, 3, 3, 3, 2, 1, 1):
        answer(survey_a, value)
    client.force_login(cast.rep_a)
    page = client.get(detail(survey_a)).content.decode()
    assert "共 10 份答卷" in page
    assert "综合满意率：<strong>70.0%</strong>" in page
    assert "未达到 80% 要求" in page
    assert "计入满意的选项：非常满意、满意、基本满意。" in page
    assert "工资收入" in page and "人文关怀" in page
    assert "示例：满意率折算分值" in page and "5 分" in page


@pytest.mark.parametrize("who", ["county_admin_x", "township_staff_x", "city_admin", "reviewer_hrss"])
def test_staff_in_jurisdiction_see_aggregates_but_not_the_link(client, cast, survey_a, who):
    user = cast.reviewers_x[Party.HRSS] if who == "reviewer_hrss" else getattr(cast, who)
    for _ in range(10):
        answer(survey_a, 4)
    client.force_login(user)
    page = client.get(detail(survey_a)).content.decode()
    assert "综合满意率：<strong>100.0%</strong>" in page
    assert survey_a.token not in page
    assert client.get(f"/surveys/{survey_a.pk}/poster/").status_code == 403


@pytest.mark.parametrize("who", ["county_admin_y", "reviewer_y", "city_admin_other", "rep_b"])
def test_outside_the_jurisdiction_the_survey_does_not_exist(client, cast, survey_a, who):
    client.force_login(getattr(cast, who))
    assert client.get(detail(survey_a)).status_code == 404


def test_poster_is_printable_with_qr_code(client, cast, survey_a):
    client.force_login(cast.rep_a)
    page = client.get(f"/surveys/{survey_a.pk}/poster/").content.decode()
    assert f"<title>http://testserver/s/{survey_a.token}/</title>" in page
    assert "请用手机扫描二维码" in page
    client.force_login(cast.rep_b)
    assert client.get(f"/surveys/{survey_a.pk}/poster/").status_code == 404


def test_public_base_url_setting_is_used_for_links(client, cast, survey_a, settings):
    settings.PUBLIC_BASE_URL = "https://hlr.example.gov.cn/"
    client.force_login(cast.rep_a)
    assert f'value="https://hlr.example.gov.cn/s/{survey_a.token}/"' in client.get(detail(survey_a)).content.decode()


def test_rep_closes_and_reopens(client, cast, survey_a):
    client.force_login(cast.rep_a)
    assert client.get(f"/surveys/{survey_a.pk}/close/").status_code == 405
    response = client.post(f"/surveys/{survey_a.pk}/close/", follow=True)
    assert "调查已结束" in response.content.decode()
    assert Survey.objects.get(pk=survey_a.pk).status == SurveyStatus.CLOSED
    client.post(f"/surveys/{survey_a.pk}/reopen/")
    assert Survey.objects.get(pk=survey_a.pk).status == SurveyStatus.OPEN


def test_others_cannot_close(client, cast, survey_a):
    client.force_login(cast.rep_b)
    assert client.post(f"/surveys/{survey_a.pk}/close/").status_code == 404
    client.force_login(cast.county_admin_x)
    assert client.post(f"/surveys/{survey_a.pk}/close/").status_code == 403
    assert Survey.objects.get(pk=survey_a.pk).status == SurveyStatus.OPEN


def test_no_admin_page_exposes_answers_or_devices():
    for model in (SurveyResponse, SurveyAnswer, SurveyDevice, SurveyCode):
        assert not admin.site.is_registered(model), model
    assert admin.site.is_registered(SurveyTemplate)


def test_rep_home_links_to_this_years_survey(client, cast, questionnaire):
    client.force_login(cast.rep_a)
    page = client.get("/home/").content.decode()
    assert "本年度职工满意度调查" in page and "发起本年度调查" in page and 'href="/surveys/"' in page
    client.post(f"/surveys/unit/{cast.unit_a.pk}/open/", {"mode": "link"})
    survey = Survey.objects.get()
    page = client.get("/home/").content.decode()
    assert f'href="{detail(survey)}"' in page and "已收答卷 0 份" in page
    assert "满意度调查</a>" in page  # navigation link


def test_an_enterprise_with_a_registered_employee_count_is_not_asked_for_one(client, cast, questionnaire):
    from tests.factories import EnterpriseFactory

    EnterpriseFactory(unit=cast.unit_a, employee_count=40)
    client.force_login(cast.rep_a)
    page = client.get("/surveys/").content.decode()
    assert "按单位登记的职工人数 40 人设定答卷上限" in page
    assert 'name="employee_count"' not in page
    client.post(f"/surveys/unit/{cast.unit_a.pk}/open/", {"mode": "link"})
    assert Survey.objects.get(unit=cast.unit_a).max_responses == 200
