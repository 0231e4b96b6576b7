"""A standard without a pass line (DB37/T-like: completeness, vetoes and grades decide) runs from self-evaluation
through submission to the county's approval; the same scores under a pass line are refused."""

import pytest
from django.utils import timezone

from apps.applications.assessments.services import application_open
from apps.applications.workflow.guards import approval_problems, submission_problems
from apps.applications.workflow.service import application_transition
from apps.applications.workflow.states import Status
from apps.standards.services import standard_load
from tests.fixtures.assessments import attach_required, fill
from tests.fixtures.reviews import form_panel, score_all
from tests.fixtures.standards import put_in_force

pytestmark = pytest.mark.django_db

STANDARD = """\
code: NO-LINE
version: "1"
title: 不设达标线的标准（示例）
issuing_body: 测试
unit_kind: enterprise
effective_from: 2020-01-01
total_score: 10
example: true
{pass_line}criteria:
  - {{code: "1", kind: number, max: 10, title: 第一项}}
  - {{code: V1, kind: veto, title: 否决}}
"""
LOW = {"1": "1", "V1": "no"}


def _run(cast, regions, pass_line: str):
    standard, _ = standard_load(text=STANDARD.format(pass_line=pass_line))
    put_in_force(standard, regions.city)
    application = application_open(unit=cast.unit_a, by=cast.rep_a, today=timezone.localdate())
    fill(application, cast.rep_a, LOW)
    attach_required(application, cast.rep_a)
    return standard, application


def test_without_a_pass_line_a_low_but_complete_application_goes_through_approval(cast, regions, campaign,
                                                                                   private_media):
    standard, application = _run(cast, regions, "")
    assert submission_problems(application) == []
    application_transition(application=application, to=Status.SUBMITTED, by=cast.rep_a)
    form_panel(application, cast)
    application.refresh_from_db()
    score_all(application, cast, standard, values=LOW)
    assert approval_problems(application) == []
    application_transition(application=application, to=Status.COUNTY_APPROVED, by=cast.county_admin_x)
    application.refresh_from_db()
    assert application.status == Status.COUNTY_APPROVED


def test_the_same_scores_under_a_pass_line_are_refused(cast, regions, campaign, private_media):
    _standard, application = _run(cast, regions, "pass_line: 6\n")
    assert any("未达到达标线 6 分" in problem for problem in submission_problems(application))
