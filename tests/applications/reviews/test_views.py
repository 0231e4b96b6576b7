import re

import pytest
from django.urls import reverse

from apps.accounts.models import Party
from apps.applications.reviews.models import MemberScore
from apps.applications.workflow.states import Status
from apps.campaigns.models import CampaignPolicy
from apps.core.docx import docx_text
from tests.fixtures.reviews import GOOD, approved, form_panel

pytestmark = pytest.mark.django_db


def _login(client, user):
    client.force_login(user)
    return client


def test_county_admin_forms_a_panel_in_the_browser_form(client, application, cast):
    _login(client, cast.county_admin_x)
    page = client.get(reverse("reviews:detail", args=[application.pk]))
    assert "组建三方评估组" in page.content.decode()
    response = client.post(reverse("reviews:panel_form", args=[application.pk]),
                           {"reviewers": [u.pk for u in cast.reviewers_x.values()], "rule": "mean"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.COUNTY_REVIEW


def _panel_form_text(client, cast, application) -> tuple[str, str]:
    """The legend of the panel form's members and its help text, as the county admin reads them."""
    page = _login(client, cast.county_admin_x).get(reverse("reviews:detail", args=[application.pk])).content.decode()
    legend = page.split('<legend class="form-label fs-6">')[1].split("</legend>")[0]
    helps = page.split('id="panel-parties-help">')
    return legend, helps[1].split("</p>")[0] if len(helps) > 1 else ""


def test_the_panel_form_names_the_parties_the_local_policy_seats(client, application, cast, regions, campaign):
    assert _panel_form_text(client, cast, application) == (
        "评估组成员（以下 4 方各至少一人：人力资源社会保障部门、工会、企业联合会/企业家协会、工商业联合会）", "")
    # 河东区 (its 实施方案, "区协调劳动关系三方四家"): 人社、总工会、国资、工商联, no 企联.
    policy = CampaignPolicy.objects.create(region=regions.county_x, year=campaign.year, panel_parties=[
        {"party": party, "required": True} for party in (Party.HRSS, Party.UNION, Party.SASAC, Party.FEDERATION)])
    assert _panel_form_text(client, cast, application) == (
        "评估组成员（以下 4 方各至少一人：人力资源社会保障部门、工会、国有资产监督管理部门、工商业联合会）", "")
    # A locality whose document seats three parties and lets a fourth sit.
    policy.panel_parties = [{"party": Party.HRSS, "required": True}, {"party": Party.UNION, "required": True},
                            {"party": Party.CONFEDERATION, "required": True},
                            {"party": Party.FEDERATION, "required": False}]
    policy.save()
    assert _panel_form_text(client, cast, application) == (
        "评估组成员（以下 3 方各至少一人：人力资源社会保障部门、工会、企业联合会/企业家协会）",
        "其他可参加的成员单位：工商业联合会。")


def test_sheet_with_a_bad_value_keeps_everything_typed(client, application, cast, standard):
    form_panel(application, cast)
    reviewer = cast.reviewers_x[Party.UNION]
    _login(client, reviewer)
    criteria = {c.code: c for c in standard.criteria.all()}
    data = {f"v_{criteria[code].pk}": value for code, value in GOOD.items()}
    data[f"v_{criteria['B2'].pk}"] = "99"
    data[f"c_{criteria['C1'].pk}"] = "集体合同齐全"
    response = client.post(reverse("reviews:sheet", args=[application.pk]), {**data, "submit": "1"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "B2：分值应在 0 到 25 之间" in body
    assert 'value="99"' in body and "集体合同齐全" in body
    assert not MemberScore.objects.exists()


def test_city_admin_confirms_in_a_batch(client, application, cast, standard):
    approved(application, cast, standard)
    _login(client, cast.city_admin)
    assert "甲公司" in client.get(reverse("reviews:city_list")).content.decode()
    client.post(reverse("reviews:city_confirm"), {"ids": [application.pk], "confirmed": "1"})
    application.refresh_from_db()
    assert application.status == Status.CITY_CONFIRMED


@pytest.mark.parametrize("name", ["detail", "sheet", "evaluation_pdf", "feedback"])
def test_anonymous_users_go_to_login(client, application, name):
    response = client.get(reverse(f"reviews:{name}", args=[application.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_wrong_role_gets_403(client, application, cast):
    _login(client, cast.rep_a)
    assert client.get(reverse("reviews:queue")).status_code == 403
    assert client.get(reverse("reviews:city_list")).status_code == 403
    # Reviewers may decide only as the panel's recorder (tests/applications/reviews/test_precheck_and_decisions.py).
    _login(client, cast.township_staff_x)
    assert client.post(reverse("reviews:decide", args=[application.pk]), {"decision": "approve"}).status_code == 403


def test_staff_of_another_county_get_404_at_every_step(client, application, cast, standard):
    form_panel(application, cast)
    other = [cast.reviewer_y, cast.county_admin_y, cast.city_admin_other]
    steps = [
        ("get", "reviews:detail", {}), ("get", "reviews:sheet", {}), ("get", "reviews:evaluation_pdf", {}),
        ("post", "reviews:panel_form", {}), ("post", "reviews:decide", {"decision": "approve"}),
        ("post", "reviews:inspection_add", {}), ("post", "reviews:send_back", {"reason": "x"}),
        ("post", "reviews:spot_check", {"findings": "x"}), ("post", "reviews:reopen", {}),
    ]
    seen = 0
    for user in other:
        _login(client, user)
        for method, name, data in steps:
            response = getattr(client, method)(reverse(name, args=[application.pk]), data)
            if response.status_code == 403:  # the role itself may not use this step
                continue
            assert response.status_code == 404, f"{user} {name} → {response.status_code}"
            seen += 1
    assert seen >= 6
    application.refresh_from_db()
    assert application.status == Status.COUNTY_REVIEW


def test_other_county_queue_does_not_list_the_application(client, application, cast):
    _login(client, cast.county_admin_y)
    assert "甲公司" not in client.get(reverse("reviews:queue")).content.decode()
    _login(client, cast.county_admin_x)
    assert "甲公司" in client.get(reverse("reviews:queue")).content.decode()


def _many(cast, campaign, standard, count: int, status: str):
    from apps.applications.assessments.models import Application
    from apps.registry.units.models import Unit

    units = Unit.objects.bulk_create([Unit(kind="enterprise", name=f"企业{i:04d}", region=cast.unit_a.region)
                                      for i in range(count)])
    Application.objects.bulk_create([Application(unit=u, campaign_year=campaign, standard=standard, status=status)
                                     for u in units])


@pytest.mark.parametrize("count", [5, 500])
def test_county_queue_query_count_is_constant(client, cast, campaign, standard, count,
                                              django_assert_max_num_queries):
    _many(cast, campaign, standard, count, Status.SUBMITTED)
    _login(client, cast.county_admin_x)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("reviews:queue"))
    assert response.status_code == 200


@pytest.mark.parametrize("count", [5, 500])
def test_city_list_query_count_is_constant(client, cast, campaign, standard, count, django_assert_max_num_queries):
    _many(cast, campaign, standard, count, Status.COUNTY_APPROVED)
    _login(client, cast.city_admin)
    # One query more than a single-query page: the page's ids first, then its rows (NarrowPaginator).
    with django_assert_max_num_queries(11):
        response = client.get(reverse("reviews:city_list"))
    assert response.content.decode().count('name="ids"') == min(count, 100)


def test_unit_sees_return_comments(client, application, cast, standard):
    from apps.applications.reviews import services

    form_panel(application, cast)
    application.refresh_from_db()
    b2 = standard.criteria.get(code="B2")
    services.review_return(application=application, by=cast.county_admin_x, reason="请补充材料",
                           item_comments={b2.pk: "缺少工资支付凭证"})
    _login(client, cast.rep_a)
    body = client.get(reverse("reviews:feedback", args=[application.pk])).content.decode()
    assert "请补充材料" in body and "缺少工资支付凭证" in body
    _login(client, cast.rep_b)
    assert client.get(reverse("reviews:feedback", args=[application.pk])).status_code == 404


def test_evaluation_form_pdf(client, application, cast, standard):
    approved(application, cast, standard)
    _login(client, cast.county_admin_x)
    response = client.get(reverse("reviews:evaluation_pdf", args=[application.pk]))
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")




def test_reviewers_see_the_survey_aggregate_on_the_review_page(client, application, cast):
    from apps.surveys.loading import survey_template_load
    from apps.surveys.services import survey_open
    from tests.fixtures.surveys import SHIPPED

    client.force_login(cast.reviewers_x[Party.UNION])
    page = client.get(reverse("reviews:detail", args=[application.pk])).content.decode()
    assert "尚未发起职工满意度调查" in page

    survey_template_load(path=SHIPPED)
    survey_open(unit=application.unit, year=application.campaign_year.year, by=cast.rep_a)
    page = client.get(reverse("reviews:detail", args=[application.pk])).content.decode()
    assert "已收到 0 份答卷" in page


def test_review_page_marks_scores_that_differ_from_the_units_own_and_spells_out_vetoes(client, application, cast,
                                                                                       standard):
    from tests.fixtures.reviews import score_all

    form_panel(application, cast)
    application.refresh_from_db()
    score_all(application, cast, standard, overrides={Party.UNION: {"C1": "23"}})
    _login(client, cast.county_admin_x)
    body = client.get(reverse("reviews:detail", args=[application.pk])).content.decode()
    assert ('<td class="text-end table-warning fw-bold member-col">23'
            '<span class="visually-hidden">（与自评不同）</span></td>' in body)
    # V1, V2: the unit and the panel, and the four members in their foldable columns.
    assert body.count('<td class="text-end">否</td>') == 4
    assert body.count('<td class="text-end member-col">否</td>') == 8
    assert '<strong id="application-status">县级评估验收中</strong>' in body
    assert "已提交 → 县级评估验收中" in body


def test_the_evaluation_form_downloads_as_word_with_the_side_by_side_table(client, application, cast, standard):
    approved(application, cast, standard)
    _login(client, cast.county_admin_x)
    assert reverse("reviews:evaluation_docx", args=[application.pk]) in client.get(
        reverse("reviews:detail", args=[application.pk])).content.decode()
    response = client.get(reverse("reviews:evaluation_docx", args=[application.pk]))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    lines = docx_text(response.content).splitlines()
    assert lines[0] == f"{application.campaign_year.year}年度和谐劳动关系创建评估表"
    assert any(line.startswith("单位：甲公司") for line in lines)
    header = next(line for line in lines if line.startswith("条目\t"))
    assert len(header.split("\t")) > 3  # self-evaluation, the members and the panel side by side
    assert any(line.startswith("合计\t") for line in lines)
    assert any(line.startswith("评估组成员签字：") for line in lines)
    _login(client, cast.county_admin_y)
    assert client.get(reverse("reviews:evaluation_docx", args=[application.pk])).status_code == 404


def test_the_inspection_forms_fields_are_styled_and_fit_a_phone(client, application, cast):
    """Rendered bare, the findings box kept the browser's 40 columns and widened the page at 390 px."""
    page = _login(client, cast.county_admin_x).get(reverse("reviews:detail", args=[application.pk])).content.decode()
    form = page.split(reverse("reviews:inspection_add", args=[application.pk]))[1].split("</form>")[0]
    for name in ("visited_on", "people", "findings"):
        field = re.search(rf'<(input|textarea) [^>]*name="{name}"[^>]*>', form).group(0)
        assert "form-control" in field, field
        assert f'for="id_{name}"' in form


def test_a_panel_without_scores_says_so_instead_of_a_blank_total(client, application, cast):
    form_panel(application, cast)
    page = _login(client, cast.county_admin_x).get(reverse("reviews:detail", args=[application.pk])).content.decode()
    assert "评估组合成得分：<strong>—</strong>" in page
