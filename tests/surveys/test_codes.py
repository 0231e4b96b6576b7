"""Answer codes (答题码): a survey that feeds a score takes one answer per printed code, never more,
and nothing ties a code to the answers it admitted."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from apps.surveys.models import (
    Survey,
    SurveyAnswer,
    SurveyArrivalHour,
    SurveyArrivalNetwork,
    SurveyCode,
    SurveyMode,
    SurveyResponse,
)
from apps.surveys.services import SurveyError, survey_codes_issue, survey_open
from tests.fixtures.surveys import this_year

from .test_respond import full_sheet

pytestmark = pytest.mark.django_db


def url(survey: Survey) -> str:
    return f"/s/{survey.token}/"


def open_with_codes(client: Client, cast, employee_count: int) -> Survey:
    client.force_login(cast.rep_a)
    client.post(f"/surveys/unit/{cast.unit_a.pk}/open/", {"employee_count": str(employee_count), "mode": "codes"})
    return Survey.objects.get(unit=cast.unit_a, year=this_year())


def print_codes(client: Client, survey: Survey) -> list[str]:
    """The rep's 'generate and print' button: the codes as printed on the A4 sheet of slips."""
    response = client.post(reverse("surveys:codes", args=[survey.pk]))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return re.findall(r'data-testid="code">([0-9A-Z]{5}-[0-9A-Z]{5})<', response.content.decode())


def test_the_rep_prints_one_code_per_employee_with_a_qr_link_each(client, cast, questionnaire):
    survey = open_with_codes(client, cast, 12)
    assert survey.mode == SurveyMode.CODES and survey.max_responses == 12
    response = client.post(reverse("surveys:codes", args=[survey.pk]))
    page = response.content.decode()
    codes = re.findall(r'data-testid="code">([0-9A-Z]{5}-[0-9A-Z]{5})<', page)
    assert len(set(codes)) == 12
    for code in codes:
        link = f"http://testserver/s/{survey.token}/#code={code.replace('-', '')}"
        assert re.search(rf"<title>{re.escape(link)}</title>", page), "each QR code opens the survey with its code"
    assert "答题码只显示这一次" in page
    stored = set(SurveyCode.objects.filter(survey=survey).values_list("code_hash", flat=True))
    assert len(stored) == 12
    for code in codes:
        assert all(code.replace("-", "") not in digest for digest in stored), "only keyed hashes are stored"


def test_a_loop_of_fresh_clients_cannot_exceed_the_number_of_codes(client, cast, questionnaire):
    survey = open_with_codes(client, cast, 5)
    codes = print_codes(client, survey)
    assert len(codes) == 5
    accepted = 0
    for attempt in range(40):
        stuffer = Client(REMOTE_ADDR=f"10.9.{attempt}.7")  # fresh cookie jar and address every time
        stuffer.get(url(survey))
        sheet = {**full_sheet(5), "code": codes[attempt % len(codes)]}
        if attempt % 4 == 3:
            sheet["code"] = "ABCDE-FGHJK"  # a guessed code
        if stuffer.post(url(survey), sheet).status_code == 302:
            accepted += 1
    assert accepted == 5
    assert Survey.objects.get(pk=survey.pk).response_count == 5
    assert SurveyResponse.objects.filter(survey=survey).count() == 5


def test_a_used_code_is_refused_in_chinese_and_the_answers_stay(client, cast, questionnaire):
    survey = open_with_codes(client, cast, 3)
    code = print_codes(client, survey)[0]
    first = Client()
    opened = first.get(url(survey)).content.decode()
    assert 'src="/static/js/survey-code.js"' in opened, "the script fills the code from the QR link's #fragment"
    assert first.post(url(survey), {**full_sheet(4), "code": code}).status_code == 302
    assert "您的答卷已提交" in first.get(f"{url(survey)}?submitted=1").content.decode()

    again = Client().post(url(survey), {**full_sheet(1), "code": code.lower().replace("-", " ")})
    assert again.status_code == 400
    page = again.content.decode()
    assert "这个答题码已经使用过，每个答题码只能提交一次。" in page
    assert 'aria-invalid="true"' in page and 'id="error-code"' in page
    assert page.count("checked") == 9, "the chosen answers stay on the page"
    assert Survey.objects.get(pk=survey.pk).response_count == 1
    assert not SurveyAnswer.objects.filter(option__value=1).exists()


def test_a_wrong_or_missing_code_is_explained_at_the_field(client, cast, questionnaire):
    survey = open_with_codes(client, cast, 3)
    print_codes(client, survey)
    wrong = Client().post(url(survey), {**full_sheet(4), "code": "22222-22222"})
    assert wrong.status_code == 400 and "答题码不正确" in wrong.content.decode()
    missing = Client().post(url(survey), full_sheet(4))
    assert missing.status_code == 400 and "请填写答题纸上的答题码。" in missing.content.decode()
    assert SurveyResponse.objects.count() == 0


def test_reprinting_voids_unused_codes_and_never_adds_answers_beyond_the_cap(client, cast, questionnaire):
    survey = open_with_codes(client, cast, 4)
    first = print_codes(client, survey)
    for code in first[:3]:
        assert Client().post(url(survey), {**full_sheet(4), "code": code}).status_code == 302
    second = print_codes(client, survey)
    assert len(second) == 1, "3 used + 1 new = the 4 employees"
    refused = Client().post(url(survey), {**full_sheet(4), "code": first[3]})
    assert refused.status_code == 400 and "这个答题码已作废" in refused.content.decode()
    assert Client().post(url(survey), {**full_sheet(4), "code": second[0]}).status_code == 302
    with pytest.raises(SurveyError, match="已达答卷上限"):
        survey_codes_issue(survey=survey, by=cast.rep_a)
    assert Survey.objects.get(pk=survey.pk).response_count == 4


def test_an_answer_row_references_no_code_and_the_code_row_keeps_no_time_or_order_of_use(cast, questionnaire):
    def columns(model) -> set[str]:
        with connection.cursor() as cursor:
            return {c.name for c in connection.introspection.get_table_description(cursor, model._meta.db_table)}

    assert columns(SurveyResponse) == {"id", "survey_id"}
    assert columns(SurveyAnswer) == {"id", "survey_id", "response_id", "question_id", "option_id"}
    assert columns(SurveyCode) == {"id", "survey_id", "code_hash", "status"}
    for model in (SurveyArrivalHour, SurveyArrivalNetwork):
        assert not any(field.is_relation and field.related_model in (SurveyResponse, SurveyCode)
                       for field in model._meta.get_fields()), model


def test_codes_mode_needs_the_employee_count(cast, questionnaire):
    with pytest.raises(SurveyError, match="请填写职工人数"):
        survey_open(unit=cast.unit_a, year=this_year(), by=cast.rep_a, mode=SurveyMode.CODES)


def test_a_link_survey_has_no_codes_to_print(client, cast, survey_a):
    client.force_login(cast.rep_a)
    response = client.post(reverse("surveys:codes", args=[survey_a.pk]), follow=True)
    assert "该调查使用链接答卷，不需要答题码" in response.content.decode()
    assert not SurveyCode.objects.exists()


def test_only_the_units_rep_prints_codes(client, cast, coded_survey_a):
    for who, status in (("rep_b", 404), ("county_admin_x", 403)):
        client.force_login(getattr(cast, who))
        assert client.post(reverse("surveys:codes", args=[coded_survey_a.pk])).status_code == status, who
    assert not SurveyCode.objects.exists()
    client.force_login(cast.rep_a)
    assert client.get(reverse("surveys:codes", args=[coded_survey_a.pk])).status_code == 405


def test_the_detail_page_counts_codes_but_never_shows_them(client, cast, coded_survey_a):
    client.force_login(cast.rep_a)
    codes = print_codes(client, coded_survey_a)
    assert Client().post(url(coded_survey_a), {**full_sheet(4), "code": codes[0]}).status_code == 302
    page = client.get(reverse("surveys:detail", args=[coded_survey_a.pk])).content.decode()
    assert "答题码：共生成 40 个，已使用 1 个，已作废 0 个。" in page
    assert "作废未使用的答题码并重新生成" in page
    assert not any(code in page for code in codes)
