"""The report's training, honours, supervision, target-task and red-list figures (issue 20): a table per county
with its 合计, a sentence in its chapter computed from that table, PDF and Word alike, bounded queries."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.offices.honours.models import Honour
from apps.offices.honours.selectors import honour_figures
from apps.offices.training.models import Training
from apps.offices.training.selectors import training_figures
from apps.oversight.supervision.models import RectificationItem, SupervisionVisit
from apps.oversight.supervision.selectors import supervision_figures
from apps.regions.models import RegionLevel
from apps.registry.credit.models import CreditEvaluation, RedListEntry
from apps.reports import figures
from apps.reports.figures import scope_for
from apps.reports.models import ReportKind, TargetTask
from apps.reports.writing import (
    Chapter,
    honours,
    red_list,
    report_text,
    supervision,
    supervision_overdue,
    targets,
    targets_behind,
    training,
)
from tests.factories import EnterpriseFactory, RegionFactory, UnitFactory
from tests.fixtures.reports import YEAR
from tests.reports.test_writing import built, docx_flat, facts_for, pdf_flat

pytestmark = pytest.mark.django_db

AS_OF = min(timezone.localdate(), datetime.date(YEAR, 12, 31))
AS_OF_TEXT = f"{AS_OF.year}年{AS_OF.month}月{AS_OF.day}日"


def session(region, by, *, kind="topic", people=0, units=(), day=datetime.date(YEAR, 3, 1)) -> Training:
    held = Training.objects.create(held_on=day, kind=kind, region=region, organiser="三方办公室", topic="培训",
                                   hours=2, people_count=people, recorded_by=by)
    held.units.add(*units)
    return held


def visit(supervisor, region, by, *, kind="spot", items=(), day=datetime.date(YEAR, 4, 1)) -> SupervisionVisit:
    """A visit and its items, each (status, deadline)."""
    made = SupervisionVisit.objects.create(supervisor=supervisor, region=region, visited_on=day, kind=kind,
                                           participants="人社局", findings="台账不全", recorded_by=by)
    for status, deadline in items:
        extra = {"closed_on": deadline, "closed_by": by} if status == "closed" else {}
        RectificationItem.objects.create(visit=made, description="整改", responsible=region, deadline=deadline,
                                         status=status, **extra)
    return made


def row_of(facts, key, name):
    return next(row for row in facts.table(key).rows if row[0] == name)


def chapter_of(facts, sentence) -> Chapter:
    return next(chapter.key for chapter in report_text(facts) for block in chapter.blocks if sentence in block.text)


def test_training_per_county_matches_the_selector_and_the_sentence_follows(cast, regions):
    session(regions.county_x, cast.county_admin_x, people=30, units=[cast.unit_a])
    session(regions.township_x, cast.township_staff_x, kind="lecture_hall", people=20, units=[cast.unit_a])
    session(regions.county_y, cast.county_admin_y, people=15, units=[cast.unit_b])
    session(regions.county_y, cast.county_admin_y, people=99, day=datetime.date(YEAR - 1, 5, 1))  # last year
    facts = facts_for(regions.city)
    selected = training_figures(regions.county_x, YEAR)
    assert row_of(facts, "training", "尧都区")[1:5] == [selected.sessions, selected.people, selected.units,
                                                        selected.coordinators] == [2, 50, 1, 0]
    assert facts.table("training").total[:4] == ["合计", 3, 65, 2]
    sentence = ("培训宣传方面，全市共举办培训宣传活动3场（其中专题培训2场、和谐劳动关系大讲堂1场），参加65人次，"
                "覆盖创建单位2家。")
    assert training(facts) == sentence
    assert chapter_of(facts, sentence) == Chapter.PRACTICE

    session(regions.county_y, cast.county_admin_y, kind="policy_briefing", people=5)
    assert training(facts_for(regions.city)) == (
        "培训宣传方面，全市共举办培训宣传活动4场（其中专题培训2场、和谐劳动关系大讲堂1场、政策宣讲1场），"
        "参加70人次，覆盖创建单位2家。")


def test_no_training_or_supervision_is_said_plainly_and_no_honours_or_red_list_is_left_out(regions):
    facts = facts_for(regions.city)
    assert training(facts) == "培训宣传方面，本期未登记培训宣传活动。"
    assert supervision(facts) == "检查督导方面，本期未登记检查督导。"
    assert honours(facts) is None and red_list(facts) is None and supervision_overdue(facts) is None
    assert targets(facts) is None and targets_behind(facts) is None
    assert "0场" not in training(facts) and "0次" not in supervision(facts)


def test_supervision_items_closed_and_overdue_follow_the_figures(cast, regions):
    late = AS_OF - datetime.timedelta(days=10)
    visit(regions.city, regions.county_x, cast.city_admin,
          items=[("closed", late), ("open", late), ("open", late), ("reported", late)])
    visit(regions.county_x, regions.township_x, cast.county_admin_x, kind="system", items=[("closed", late)])
    visit(regions.city, regions.county_y, cast.city_admin, items=[("open", AS_OF + datetime.timedelta(days=400))])
    facts = facts_for(regions.city)
    selected = supervision_figures(regions.county_x, YEAR)
    assert row_of(facts, "supervision", "尧都区")[1:6] == [selected.visits, selected.items, selected.closed,
                                                           selected.reported, selected.overdue] == [2, 5, 2, 1, 2]
    assert facts.table("supervision").total == ["合计", 3, 6, 2, 1, 2, Decimal("33.3")]
    done = ("检查督导方面，本期共开展检查督导3次（其中系统检查1次、上级抽查2次），发现问题6项，已整改销号2项，"
            "销号率33.3%；1项已报告整改、待验收。")
    overdue = f"检查督导发现的问题中，截至{AS_OF_TEXT}仍有2项逾期未整改，主要在尧都区（2项）。"
    assert supervision(facts) == done and supervision_overdue(facts) == overdue
    assert chapter_of(facts, done) == Chapter.PRACTICE and chapter_of(facts, overdue) == Chapter.PROBLEMS

    RectificationItem.objects.filter(status="open", deadline=late).update(status="reported")
    assert supervision_overdue(facts_for(regions.city)) is None


def test_honours_by_category_and_result(cast, regions):
    for category, status, region in (("collective", "awarded", regions.county_x),
                                     ("individual", "recommended", regions.county_x),
                                     ("individual", "not_awarded", regions.county_y)):
        decided = {"document_number": "临劳发〔2026〕1号", "decided_on": datetime.date(YEAR, 6, 1)} \
            if status != "recommended" else {}
        Honour.objects.create(year=YEAR, category=category, title="先进", level="county", region=region,
                              recipient="某", status=status, recorded_by=cast.county_admin_x, **decided)
    facts = facts_for(regions.city)
    selected = honour_figures(regions.county_x, YEAR)
    assert row_of(facts, "honours", "尧都区")[1:] == [selected.recommended, selected.awarded, selected.not_awarded,
                                                      selected.pending] == [2, 1, 0, 1]
    sentence = "评选表彰方面，共推荐先进集体1个、先进个人2个，已授予1个，未授予1个，1个尚待公布结果。"
    assert honours(facts) == sentence and chapter_of(facts, sentence) == Chapter.PRACTICE


def test_red_list_listed_removed_and_on_the_list_at_the_years_end(cast, regions):
    first, second, third = (EnterpriseFactory(unit__region=region) for region in
                            (regions.county_x, regions.county_x, regions.county_y))
    add = {"listed_by": "人社局", "reason": "守法诚信", "entered_by": cast.city_admin}
    RedListEntry.objects.create(enterprise=first, listed_on=datetime.date(YEAR, 2, 1), **add)
    RedListEntry.objects.create(enterprise=second, listed_on=datetime.date(YEAR - 2, 2, 1),
                                ended_on=datetime.date(YEAR, 3, 1), end_reason="发生欠薪", **add)
    RedListEntry.objects.create(enterprise=third, listed_on=datetime.date(YEAR - 1, 2, 1), **add)
    for enterprise, grade in ((first, "A"), (second, "C"), (third, "A")):
        CreditEvaluation.objects.create(enterprise=enterprise, grade=grade, evaluated_on=datetime.date(YEAR, 1, 5),
                                        evaluated_by="人社局", entered_by=cast.city_admin)
    CreditEvaluation.objects.create(enterprise=second, grade="A", evaluated_on=datetime.date(YEAR - 1, 1, 5),
                                    evaluated_by="人社局", entered_by=cast.city_admin)  # replaced by the later C
    facts = facts_for(regions.city)
    assert row_of(facts, "red_list", "尧都区")[1:] == [1, 1, 1]
    assert facts.table("red_list").total == ["合计", 1, 1, 2]
    assert facts.table("credit_grades").total == ["合计", 2, 0, 1]
    assert red_list(facts) == (f"守法诚信方面，本期新列入守法诚信红名单企业1家，移出1家，截至{AS_OF_TEXT}在列2家；"
                               "劳动保障诚信等级评价中A级2家、C级1家。")


def test_target_tasks_done_and_overdue(cast, regions):
    late = AS_OF - datetime.timedelta(days=3)
    for region, status in ((regions.county_x, "done"), (regions.county_x, "planned"), (regions.county_y, "planned"),
                           (regions.city, "ongoing")):
        TargetTask.objects.create(region=region, year=YEAR, title="目标任务", department="人社局", deadline=late,
                                  status=status, progress=100 if status == "done" else 50,
                                  assigned_by=cast.city_admin)
    facts = facts_for(regions.city)
    assert row_of(facts, "target_tasks", "尧都区")[1:] == [2, 1, 1, 1]
    assert facts.table("target_tasks").total == ["合计", 4, 1, 3, 3]
    assert targets(facts) == "目标责任方面，分解目标任务4项，已完成1项。"
    behind = "目标责任方面，3项目标任务逾期未完成（尧都区1项、曲沃县1项、市本级1项）。"
    assert targets_behind(facts) == behind and chapter_of(facts, behind) == Chapter.PROBLEMS


def test_the_pdf_and_word_carry_the_new_sentences_and_tables(city_data, cast, regions):
    late = AS_OF - datetime.timedelta(days=10)
    session(regions.county_x, cast.county_admin_x, people=40, units=[cast.unit_a])
    visit(regions.city, regions.county_x, cast.city_admin, items=[("open", late)])
    report = built(ReportKind.CITY, regions.city, cast.city_admin)
    facts = facts_for(regions.city)
    sentences = [training(facts), supervision(facts), supervision_overdue(facts)]
    assert "参加40人次" in sentences[0] and "1项逾期未整改" in sentences[2]
    for text in (pdf_flat(report), docx_flat(report)):
        for sentence in sentences:
            assert sentence in text
        assert "培训宣传活动（按县(市、区)）" in text and "检查督导和问题整改（按县(市、区)）" in text


WORK_SECTIONS = (figures.training, figures.honours, figures.supervision, figures.red_list, figures.indicators)


def _work_data(cast, county, *, by):
    unit = UnitFactory(region=county)
    session(county, by, people=10, units=[unit])
    visit(regions_city(county), county, cast.city_admin, items=[("open", AS_OF - datetime.timedelta(days=1))])
    Honour.objects.create(year=YEAR, category="collective", title="先进", level="county", region=county,
                          recipient="某", recorded_by=by)
    RedListEntry.objects.create(enterprise=EnterpriseFactory(unit__region=county), listed_on=datetime.date(YEAR, 1, 2),
                                listed_by="人社局", reason="守法诚信", entered_by=by)
    TargetTask.objects.create(region=county, year=YEAR, title="目标任务", department="人社局",
                              deadline=datetime.date(YEAR, 12, 31), assigned_by=cast.city_admin)


def regions_city(county):
    return county.parent


def test_the_new_sections_cost_the_same_queries_whatever_the_number_of_counties(cast, regions,
                                                                                django_assert_max_num_queries):
    _work_data(cast, regions.county_x, by=cast.county_admin_x)

    def build():
        scope = scope_for(region=regions.city, year=YEAR)
        return [builder(scope) for builder in WORK_SECTIONS]

    with django_assert_max_num_queries(40) as few:
        build()
    for n in range(4):
        county = RegionFactory(name=f"新县{n}", code=f"14103{n}", level=RegionLevel.COUNTY, parent=regions.city)
        _work_data(cast, county, by=cast.county_admin_x)
    with django_assert_max_num_queries(len(few.captured_queries)):
        sections = build()
    assert len(sections[0].tables[0].rows) == 6 and sections[0].tables[0].total[1] == 5


def test_a_midterm_report_sums_every_campaign_year(cast, regions):
    from tests.factories import CampaignYearFactory

    for year in (YEAR - 1, YEAR):
        CampaignYearFactory(city=regions.city, year=year)
    session(regions.county_x, cast.county_admin_x, people=30, day=datetime.date(YEAR - 1, 6, 1))
    session(regions.county_x, cast.county_admin_x, people=20)
    session(regions.county_x, cast.county_admin_x, people=99, day=datetime.date(YEAR - 2, 6, 1))  # before the campaign
    scope = scope_for(region=regions.city, year=YEAR, cumulative=True)
    assert scope.years == (YEAR - 1, YEAR)
    assert figures.training(scope).tables[0].total[:3] == ["合计", 2, 50]
    assert figures.training(scope_for(region=regions.city, year=YEAR)).tables[0].total[:3] == ["合计", 1, 20]
