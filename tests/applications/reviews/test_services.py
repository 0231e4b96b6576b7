from decimal import Decimal

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError

from apps.accounts.models import Party
from apps.applications.reviews import services
from apps.applications.reviews.models import CombinationRule, ItemComment
from apps.applications.reviews.results import comparison
from apps.applications.workflow.service import TransitionRefused, application_transition
from apps.applications.workflow.states import Status
from tests.fixtures.reviews import GOOD, approved, form_panel, score_all, sheet

pytestmark = pytest.mark.django_db


def test_forming_the_panel_opens_county_review_and_needs_all_four_parties(application, cast):
    with pytest.raises(ValidationError, match="还缺"):
        services.panel_form(application=application, reviewers=[cast.reviewers_x[Party.HRSS]],
                            rule=CombinationRule.MEAN, by=cast.county_admin_x)
    form_panel(application, cast)
    application.refresh_from_db()
    assert application.status == Status.COUNTY_REVIEW
    assert application.review_panel.members.count() == 4


def test_a_reviewer_of_another_county_cannot_sit_on_the_panel(application, cast):
    reviewers = [*cast.reviewers_x.values(), cast.reviewer_y]
    with pytest.raises(ValidationError, match="不是本县"):
        services.panel_form(application=application, reviewers=reviewers, rule=CombinationRule.MEAN,
                            by=cast.county_admin_x)


def test_panel_score_is_the_mean_of_the_members_and_differences_are_marked(application, cast, standard):
    form_panel(application, cast)
    application.refresh_from_db()
    score_all(application, cast, standard, overrides={Party.UNION: {"C1": "23"}})
    data = comparison(application)
    assert data.panel_values["C1"] == "26"  # (27 + 27 + 27 + 23) / 4
    c1 = next(row for row in data.rows if row.criterion.code == "C1")
    member_cells = c1.cells[2:6]
    assert [cell.differs for cell in member_cells].count(True) == 1
    assert data.panel_result.total == Decimal("91")


def test_agreed_sheet_rule_takes_the_recorders_scores(application, cast, standard):
    recorder = cast.reviewers_x[Party.FEDERATION]
    form_panel(application, cast, rule=CombinationRule.AGREED, recorder=recorder)
    application.refresh_from_db()
    score_all(application, cast, standard, overrides={Party.FEDERATION: {"C1": "20"}, Party.UNION: {"C1": "30"}})
    assert comparison(application).panel_values["C1"] == "20"


def test_a_bad_value_saves_nothing_and_names_the_item(application, cast, standard):
    form_panel(application, cast)
    member = application.review_panel.members.get(party=Party.HRSS)
    with pytest.raises(services.SheetErrors) as error:
        services.sheet_save(member=member, values=sheet(standard, {**GOOD, "B2": "99"}), submit=True,
                            by=member.user)
    assert "B2" in str(error.value.message_dict)
    assert member.scores.count() == 0


def test_a_member_may_not_fill_someone_elses_sheet(application, cast, standard):
    form_panel(application, cast)
    member = application.review_panel.members.get(party=Party.HRSS)
    with pytest.raises(ValidationError, match="本人"):
        services.sheet_save(member=member, values=sheet(standard, GOOD), submit=True,
                            by=cast.reviewers_x[Party.UNION])


def test_approval_waits_for_every_sheet(application, cast, standard):
    form_panel(application, cast)
    member = application.review_panel.members.get(party=Party.HRSS)
    services.sheet_save(member=member, values=sheet(standard, GOOD), submit=True, by=member.user)
    with pytest.raises(TransitionRefused, match="尚未提交评分表"):
        application_transition(application=application, to=Status.COUNTY_APPROVED, by=cast.county_admin_x)


def test_a_veto_from_one_member_fails_the_application(application, cast, standard):
    form_panel(application, cast)
    application.refresh_from_db()
    score_all(application, cast, standard, overrides={Party.UNION: {"V1": "yes"}})
    with pytest.raises(TransitionRefused, match="一票否决"):
        application_transition(application=application, to=Status.COUNTY_APPROVED, by=cast.county_admin_x)


def test_panel_below_the_pass_line_cannot_be_approved(application, cast, standard):
    form_panel(application, cast)
    application.refresh_from_db()
    low = {**GOOD, "C1": "5", "C2": "5"}
    score_all(application, cast, standard, values=low)
    with pytest.raises(TransitionRefused, match="未达到达标线"):
        application_transition(application=application, to=Status.COUNTY_APPROVED, by=cast.county_admin_x)


def test_approval_freezes_the_panel_result(application, cast, standard):
    approved(application, cast, standard)
    application.refresh_from_db()
    assert application.status == Status.COUNTY_APPROVED
    assert application.review_panel.result_total == Decimal("92")
    assert application.review_panel.result_grade == "AAA"


def test_return_keeps_item_comments_for_the_unit(application, cast, standard):
    form_panel(application, cast)
    application.refresh_from_db()
    b2 = standard.criteria.get(code="B2")
    services.review_return(application=application, by=cast.county_admin_x, reason="请补充工资台账",
                           item_comments={b2.pk: "缺少工资支付凭证"})
    application.refresh_from_db()
    assert application.status == Status.RETURNED
    assert ItemComment.objects.get(application=application).text == "缺少工资支付凭证"


def test_return_without_a_reason_is_refused(application, cast):
    form_panel(application, cast)
    with pytest.raises(TransitionRefused, match="请填写意见"):
        services.review_return(application=application, by=cast.county_admin_x, reason="", item_comments={})


def test_county_admin_of_another_county_may_not_decide(application, cast, standard):
    form_panel(application, cast)
    with pytest.raises(TransitionRefused, match="无权"):
        services.review_decide(application=application, by=cast.county_admin_y, decision="reject", reason="x")


def test_city_batch_confirms_and_reports_failures(application, cast, standard):
    approved(application, cast, standard)
    confirmed, failures = services.city_confirm_batch(applications=[application], by=cast.city_admin)
    assert (confirmed, failures) == (1, [])
    confirmed, failures = services.city_confirm_batch(applications=[application], by=cast.city_admin)
    assert confirmed == 0 and "不能变更" in failures[0]


def test_a_mean_between_steps_still_counts(application, cast, standard):
    form_panel(application, cast)
    application.refresh_from_db()
    score_all(application, cast, standard, overrides={Party.UNION: {"C1": "26"}})
    data = comparison(application)
    assert data.panel_values["C1"] == "26.75"
    assert not data.panel_result.missing and data.panel_result.total == Decimal("91.75")


def test_comparison_puts_the_units_the_townships_and_the_citys_scores_in_their_columns(application, cast, standard):
    from apps.applications.reviews.models import LevelScore, ScoreLevel

    criteria = {c.code: c for c in standard.criteria.all()}
    LevelScore.objects.create(application=application, level=ScoreLevel.TOWNSHIP, criterion=criteria["C1"],
                              value="25", by=cast.township_staff_x)
    LevelScore.objects.create(application=application, level=ScoreLevel.CITY, criterion=criteria["V1"],
                              value="yes", by=cast.city_admin)
    form_panel(application, cast)
    application.refresh_from_db()
    score_all(application, cast, standard)
    data = comparison(application)
    assert data.columns[0] == "自评" and data.columns[-1] == "市级复核"
    rows = {row.criterion.code: row for row in data.rows}
    c1, v1 = rows["C1"].cells, rows["V1"].cells
    assert [c1[0].value, c1[1].value, c1[-2].value, c1[-1].value] == ["27", "25", "27", ""]
    assert (c1[0].differs, c1[1].differs, c1[-2].differs) == (False, True, False)
    assert [v1[0].text, v1[1].text, v1[-1].text] == ["否", "", "是"] and v1[-1].differs
    assert data.vetoes == ["V1"]



def test_a_standards_items_are_read_once_per_process_as_a_used_standard_cannot_change(application, standard,
                                                                                      django_assert_num_queries):
    from apps.applications.assessments.models import Application
    from apps.applications.assessments.selectors import application_standard
    from apps.standards.loader import StandardFileError
    from apps.standards.selectors import criteria_of
    from apps.standards.services import standard_load

    first = application_standard(application)
    again = Application.objects.select_related("standard").get(pk=application.pk)
    with django_assert_num_queries(0):
        assert application_standard(again) is first
        assert [c.code for c in criteria_of(first)][:3] == ["B", "B1", "B1.1"]
    text = (settings.BASE_DIR / "fixtures" / "standards" / "demo_all_features.yaml").read_text(encoding="utf-8")
    assert standard_load(text=text) == (first, False)  # the identical file again: nothing to do
    with pytest.raises(StandardFileError, match="已被申报使用"):
        standard_load(text=text.replace("含全部功能", "含全部功能，改"))
