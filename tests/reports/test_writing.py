"""The report's text: each sentence is computed from the same figures as its tables, and says plainly when a
comparison cannot be made; the county's words sit in their chapters; PDF and Word carry the same text."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse
from pypdf import PdfReader

from apps.applications.assessments.models import Application
from apps.campaigns.models import CampaignYear
from apps.core.docx import DOCX_CONTENT_TYPE, docx_text
from apps.reports.charts import chart_svg, wrap
from apps.reports.figures import Chart, Scope, Section, Table, figures_for, scope_for
from apps.reports.models import AnnualReport, CountyNarrative, Indicator, IndicatorValue, ReportKind, TypicalCase
from apps.reports.services import report_build, report_request
from apps.reports.writing import Chapter, Facts, participation, report_text, results, weak_items
from apps.surveys.selectors import rate_percent
from tests.factories import CampaignPolicyFactory, CampaignYearFactory, EnterpriseFactory
from tests.fixtures.reports import YEAR, count
from tests.reports.test_build import line_numbers, pdf_text

pytestmark = pytest.mark.django_db


def facts_for(region, kind=ReportKind.CITY) -> Facts:
    scope = scope_for(region=region, year=YEAR)
    return Facts(kind=kind, scope=scope, sections=figures_for(scope))


def flat(text: str) -> str:
    """Text without line breaks and spaces: a sentence wrapped over lines in the PDF reads as one."""
    return re.sub(r"\s+", "", text)


def pdf_flat(report: AnnualReport) -> str:
    return flat("".join(page.extract_text() for page in PdfReader(report.pdf.path).pages))


def docx_bytes(report: AnnualReport) -> bytes:
    with report.docx.open("rb") as file:
        return file.read()


def docx_flat(report: AnnualReport) -> str:
    return flat(docx_text(docx_bytes(report)))


def built(kind, region, by, **kwargs) -> AnnualReport:
    report = report_request(kind=kind, region=region, year=YEAR, by=by, **kwargs)
    report_build(report_id=report.pk)
    report.refresh_from_db()
    return report


def test_the_participation_sentence_follows_the_figures(city_data, regions):
    submitted, before = count(city_data, submitted=True), count(city_data, year=YEAR - 1, submitted=True)
    change = submitted - before
    rate = (Decimal(change) * 100 / before).quantize(Decimal("0.1"))
    sentence = participation(facts_for(regions.city))
    assert f"共有{submitted}家单位提交创建申报，较上年增加{change}家，增长{rate}%" in sentence

    # One more application submitted in the city: the sentence says so.
    campaign = CampaignYear.objects.get(city=regions.city, year=YEAR)
    unit = EnterpriseFactory(unit__region=regions.county_y).unit
    Application.objects.create(unit=unit, campaign_year=campaign, standard=Application.objects.first().standard,
                               status="submitted")
    rate = (Decimal(change + 1) * 100 / before).quantize(Decimal("0.1"))
    assert f"共有{submitted + 1}家单位提交创建申报，较上年增加{change + 1}家，增长{rate}%" in participation(
        facts_for(regions.city))


def test_a_missing_previous_year_is_said_plainly_not_as_zero(regions):
    CampaignYearFactory(city=regions.city, year=YEAR)  # the campaign's first year: nothing before it
    facts = facts_for(regions.city)
    text = participation(facts) + results(facts)
    assert "上年未开展创建活动，无可比数据" in text
    assert "0%" not in text and "增长" not in text and "下降" not in text
    assert facts.table("overview").keyed("submitted")[2] is None  # the table shows — too


def _overview(now: int, before: int | None) -> Table:
    keys = ["units", "submitted", "passed", "not_passed", "pass_rate", "named", "revoked", "satisfaction"]
    rows = [[key, 0, None, None] for key in keys]
    rows[1] = ["submitted", now, before, None]
    return Table(key="overview", title="", columns=[], rows=rows, row_keys=keys)


@pytest.mark.parametrize(("now", "before", "says"), [
    (12, 10, "较上年增加2家，增长20.0%"),
    (8, 10, "较上年减少2家，下降20.0%"),
    (10, 10, "与上年持平"),
    (3, 0, "较上年增加3家（上年为0，无法计算增幅）"),
    (3, None, "上年未开展创建活动，无可比数据"),
])
def test_the_year_on_year_clause_for_each_case(regions, now, before, says):
    facts = Facts(kind=ReportKind.CITY, scope=Scope(region=regions.city, years=(YEAR,), previous_years=(YEAR - 1,),
                                                     trend_years=(YEAR,)),
                  sections=[Section(key="overview", title="", tables=[
                      _overview(now, before), Table(key="by_kind", title="", columns=[], rows=[])])])
    assert says in participation(facts)


def test_weak_items_name_the_lowest_below_full_marks_and_say_when_there_are_none(regions):
    def facts(rows):
        return Facts(kind=ReportKind.CITY, scope=Scope(region=regions.city, years=(YEAR,),
                                                       previous_years=(YEAR - 1,), trend_years=(YEAR,)),
                     sections=[Section(key="scores", title="", tables=[
                         Table(key="weakest", title="", columns=[], rows=rows)])])

    text = weak_items(facts([["3", "职工培训制度健全，制定培训计划", Decimal("61.5")],
                             ["1", "企业党组织健全", Decimal("100.0")]]))
    assert "第3项“职工培训制度健全……”（得分率61.5%）" in text and "党组织" not in text
    assert "均为100%，暂未发现薄弱条目" in weak_items(facts([["1", "企业党组织健全", Decimal("100.0")]]))


def test_city_report_pdf_and_word_carry_the_same_sentences_and_totals(city_data, cast, regions):
    report = built(ReportKind.CITY, regions.city, cast.city_admin)
    submitted, passed = count(city_data, submitted=True), count(city_data, passed=True)
    before = count(city_data, year=YEAR - 1, submitted=True)
    rate = rate_percent(passed, submitted)
    pdf, word = pdf_flat(report), docx_flat(report)
    for phrase in (
        f"共有{submitted}家单位提交创建申报，较上年增加{submitted - before}家",
        f"通过{passed}家",
        f"通过率{rate}%",
        f"提交申报较多的是{regions.county_x.name}（{count(city_data, county='x', submitted=True)}家）",
        "一、基本情况", "二、主要做法和成效", "三、存在的问题", "四、下一步工作打算", "附件1",
    ):
        assert phrase in pdf, phrase
        assert phrase in word, phrase
    # The 合计 row of the counties' table: the hand counts, then the rate of the sums.
    assert line_numbers(pdf_text(report.pdf.path), "合计", at_least=7)[1:4] == [str(submitted), str(passed),
                                                                               str(rate)]
    word_lines = docx_text(docx_bytes(report)).splitlines()
    county_total = next(line for line in word_lines if line.startswith("合计\t") and line.count("\t") == 7)
    assert county_total.split("\t")[2:5] == [str(submitted), str(passed), str(rate)]


def test_the_countys_words_and_cases_sit_in_their_chapters(city_data, cast, regions):
    CountyNarrative.objects.create(region=regions.county_x, year=YEAR, practices="建立协调员包联制度",
                                   achievements="欠薪投诉下降三成", shortcomings="小微企业参与不足",
                                   next_steps="明年覆盖全部规上企业")
    TypicalCase.objects.create(region=regions.county_x, year=YEAR, title="集体协商促增收", unit_name="某公司",
                               body="某企业开展工资集体协商。")
    report = built(ReportKind.COUNTY, regions.county_x, cast.county_admin_x)
    for text in (pdf_flat(report), docx_flat(report)):
        order = ["一、基本情况", "二、主要做法和成效", "建立协调员包联制度", "欠薪投诉下降三成",
                 "集体协商促增收（某公司）", "某企业开展工资集体协商。", "三、存在的问题", "小微企业参与不足",
                 "四、下一步工作打算", "明年覆盖全部规上企业", "附件：1.总体情况", "附件1"]
        at = text.rindex(order[0])  # the body's, after the table of contents
        for phrase in order[1:]:
            assert phrase in text[at:], phrase
            at = text.index(phrase, at)


def test_the_chapters_list_new_paragraphs_in_order(city_data, regions):
    chapters = report_text(facts_for(regions.city))
    assert [chapter.key for chapter in chapters] == [Chapter.BASIC, Chapter.PRACTICE, Chapter.PROBLEMS, Chapter.NEXT]
    assert all(chapter.blocks for chapter in chapters)


def test_the_cover_names_the_issuing_office_the_date_and_the_document_number(city_data, cast, regions):
    CampaignPolicyFactory(region=regions.city, year=YEAR - 1, issuing_office="临汾市协调劳动关系三方委员会办公室")
    city = built(ReportKind.CITY, regions.city, cast.city_admin, document_number="临协调办〔2026〕5号")
    county = built(ReportKind.COUNTY, regions.county_x, cast.county_admin_x)
    issued = city.finished_at.astimezone().date()
    date_text = f"{issued.year}年{issued.month}月{issued.day}日"
    for text in (pdf_flat(city), docx_flat(city)):
        assert "临汾市协调劳动关系三方委员会办公室" in text and "临协调办〔2026〕5号" in text and date_text in text
        assert "（盖章）" in text
    # A county under its city's policy issues its report as its own office, with a blank for the number.
    for text in (pdf_flat(county), docx_flat(county)):
        assert f"临汾市{regions.county_x.name}协调劳动关系三方委员会办公室" in text
        assert "临汾市协调劳动关系三方委员会办公室" not in text and "〔" in text
    # A district that runs its own campaign issues its report as its own policy names its office.
    CampaignPolicyFactory(region=regions.county_y, year=YEAR - 1, issuing_office="曲沃县协调劳动关系三方委员会")
    district = built(ReportKind.COUNTY, regions.county_y, cast.county_admin_y)
    for text in (pdf_flat(district), docx_flat(district)):
        assert "曲沃县协调劳动关系三方委员会" in text


def test_the_word_file_is_offered_beside_the_pdf(client, city_data, cast, regions):
    report = built(ReportKind.CITY, regions.city, cast.city_admin)
    client.force_login(cast.city_admin)
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "下载 PDF" in page and "下载 Word" in page
    response = client.get(reverse("reports:download", args=[report.pk, "docx"]))
    assert response.status_code == 200 and response["Content-Type"] == DOCX_CONTENT_TYPE
    assert "一、基本情况" in docx_text(b"".join(response.streaming_content))
    client.force_login(cast.county_admin_y)
    assert client.get(reverse("reports:download", args=[report.pk, "docx"])).status_code == 404


def test_chart_labels_wrap_and_are_never_cut():
    label = "企业劳动争议调解委员会机构健全、制度完善，建立劳动争议预防预警机制，及时调处劳动争议"
    table = Table(key="weakest", title="薄弱条目", columns=["条目", "条目内容", "得分率（%）"],
                  rows=[["4", label, Decimal("62.5")]], chart=Chart(kind="bar", value_columns=(2,), label_column=1,
                                                                   percent=True))
    svg = str(chart_svg(table))
    drawn = "".join(re.findall(r">([^<>]+)</text>", svg))
    assert label in drawn and "…" not in drawn and len(wrap(label, 198)) > 1


def test_a_trend_is_a_line_and_an_all_zero_chart_is_left_out():
    trend = Table(key="trend", title="历年变化", columns=["年度", "提交申报（家）", "通过（家）"],
                  rows=[["2025", 3, 1], ["2026", 9, 5]], chart=Chart(kind="line", value_columns=(1, 2)))
    assert "<polyline" in chart_svg(trend)
    zeros = Table(key="c", title="培育", columns=["县", "完成率（%）"], rows=[["尧都区", Decimal("0.0")]],
                  chart=Chart(kind="bar", value_columns=(1,), percent=True))
    assert str(chart_svg(zeros)) == ""


def test_the_target_indicators_are_reported_against_their_targets(city_data, cast, regions):
    contracts = Indicator.objects.create(region=regions.city, name="劳动合同签订率", position=1)
    arrears = Indicator.objects.create(region=regions.city, name="欠薪案件结案率", position=2)
    Indicator.objects.create(region=regions.city, name="经费到位率", position=3)
    IndicatorValue.objects.create(indicator=contracts, region=regions.county_x, year=YEAR, target=Decimal("95"),
                                  actual=Decimal("90"))
    IndicatorValue.objects.create(indicator=arrears, region=regions.county_x, year=YEAR, target=Decimal("90"),
                                  actual=Decimal("96.5"))
    report = built(ReportKind.COUNTY, regions.county_x, cast.county_admin_x)
    # How many are met under 一; what falls short under 三 (the 通报's shortfalls).
    met = "目标责任方面，3项指标中1项达到目标值。"
    behind = "目标责任方面，未达到目标值的指标有劳动合同签订率（目标95.00%，完成90.00%）；经费到位率尚未填报。"
    for sentence in (met, behind):
        assert sentence in pdf_flat(report) and sentence in docx_flat(report)
    text = pdf_flat(report)
    assert text.rindex("一、基本情况") < text.index(met) < text.rindex("三、存在的问题") < text.index(behind)
    assert "目标责任指标完成情况" in docx_flat(report)
    # Where no document lists indicators there is no such 附件 and no such sentence.
    other = built(ReportKind.COUNTY, regions.other_county, cast.county_admin_x)
    assert "目标责任指标" not in pdf_flat(other)
