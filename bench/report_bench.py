"""Report benchmark: a city of 10,000 units, its figures gathered, its PDF rendered.

Budgets (issue 7): figures in under 2 s; the PDF built within 1.2× the time
WeasyPrint alone needs for the same HTML. Issue 19: the PDF and the Word file
together (figures, text, both files) within 1.5× of figures and PDF alone. Run with the same env vars as
the tests, against a scratch database (it migrates, writes the city inside
one transaction and rolls it back at the end):

    DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/report_bench.py

BENCH_UNITS (default 10000) and BENCH_SURVEYS (default 1000 units with 20
answer sheets each) change the size.
"""

import os
import random
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlr_portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from apps.accounts.models import User  # noqa: E402
from apps.applications.assessments.models import Answer, Application  # noqa: E402
from apps.applications.recognitions.models import Recognition  # noqa: E402
from apps.campaigns.models import CampaignYear  # noqa: E402
from apps.core.docx import render_docx  # noqa: E402
from apps.regions.models import RegionLevel  # noqa: E402
from apps.regions.services import region_get_or_create  # noqa: E402
from apps.registry.enterprises.models import Enterprise, IndustryClass  # noqa: E402
from apps.registry.units.models import Unit  # noqa: E402
from apps.reports.figures import SECTION_BUILDERS, figures_for, scope_for  # noqa: E402
from apps.reports.models import ReportKind  # noqa: E402
from apps.reports.render import (  # noqa: E402
    DOCX_TEMPLATE,  # noqa: E402
    docx_context,
    report_html,
)
from apps.reports.services import report_document  # noqa: E402
from apps.standards.services import standard_load  # noqa: E402
from apps.surveys.loading import survey_template_load  # noqa: E402
from apps.surveys.models import Survey, SurveyAnswer, SurveyResponse  # noqa: E402

UNITS = int(os.environ.get("BENCH_UNITS", "10000"))
SURVEYS = int(os.environ.get("BENCH_SURVEYS", "1000"))
SHEETS = 20
YEAR = 2026
BASE = Path(__file__).resolve().parent.parent / "fixtures"
STATUSES = ["draft", "submitted", "county_review", "returned", "not_passed", "county_approved", "city_confirmed",
            "in_notice", "named", "revoked"]


class Rollback(Exception):
    pass


def build_city(rng: random.Random):
    province = region_get_or_create(name="基准省", level=RegionLevel.PROVINCE, code="")
    # The shipped standard is Linfen's and names its city code; a scratch database may not have it yet.
    from apps.regions.models import Region

    code = "" if Region.objects.filter(code="141000").exists() else "141000"
    city = region_get_or_create(name="基准市", level=RegionLevel.CITY, parent=province, code=code)
    counties = [region_get_or_create(name=f"基准{n}县", level=RegionLevel.COUNTY, parent=city) for n in range(10)]
    owner, _ = User.objects.get_or_create(username="bench_report_owner")
    standard, _ = standard_load(text=(BASE / "standards" / "linfen_enterprise_2023.yaml").read_text(),
                                source="bench")
    leaves = [c for c in standard.criteria.all() if c.kind in ("number", "choice")]
    campaigns = {year: CampaignYear.objects.create(
        city=city, year=year, self_evaluation_opens=date(year, 1, 1), self_evaluation_closes=date(year, 12, 31),
        county_review_deadline=date(year, 12, 31), city_confirmation_deadline=date(year, 12, 31),
    ) for year in (YEAR - 1, YEAR)}
    industries = list(IndustryClass.objects.filter(section__isnull=False)[:30])
    units = Unit.objects.bulk_create(
        Unit(name=f"基准企业{n:05d}", kind="enterprise", region=counties[n % 10]) for n in range(UNITS))
    Enterprise.objects.bulk_create(
        Enterprise(unit=u, uscc=f"BENCH{n:013d}", industry=rng.choice(industries),
                   size=rng.choice(["large", "medium", "small", "micro"])) for n, u in enumerate(units))
    applications = Application.objects.bulk_create(
        Application(unit=u, campaign_year=campaigns[year], standard=standard, status=rng.choice(STATUSES))
        for year in (YEAR - 1, YEAR) for u in units)
    Answer.objects.bulk_create(
        (Answer(application=a, criterion=c, value=str(rng.randint(0, int(c.max_score or 5))))
         for a in applications if a.status != "draft" for c in leaves), batch_size=20000)
    Recognition.objects.bulk_create(
        Recognition(unit=a.unit, city=city, year=a.campaign_year.year, sequence=n, number=f"BENCH-{n}",
                    title="劳动关系和谐企业", issued_on=date(a.campaign_year.year, 12, 1),
                    valid_until=date(a.campaign_year.year + 3, 11, 30), issued_by=owner,
                    status="revoked" if a.status == "revoked" else "valid",
                    revoked_on=date(YEAR, 6, 1) if a.status == "revoked" else None)
        for n, a in enumerate(a for a in applications if a.status in ("named", "revoked")))
    template = survey_template_load(path=BASE / "surveys" / "linfen_enterprise_satisfaction.yaml").template
    questions, options = list(template.questions.all()), list(template.options.all())
    surveys = Survey.objects.bulk_create(
        Survey(unit=u, year=YEAR, template=template, token=f"bench{n}", max_responses=SHEETS,
               response_count=SHEETS) for n, u in enumerate(units[:SURVEYS]))
    responses = SurveyResponse.objects.bulk_create(SurveyResponse(survey=s) for s in surveys for _ in range(SHEETS))
    SurveyAnswer.objects.bulk_create(
        (SurveyAnswer(survey_id=r.survey_id, response=r, question=q, option=rng.choice(options))
         for r in responses for q in questions), batch_size=20000)
    # Planner statistics for the tables just filled (only these: a database-wide ANALYZE also takes
    # shared catalogues and can wait on other databases' sessions).
    with connection.cursor() as cursor:
        for model in (Unit, Enterprise, Application, Answer, Recognition, Survey, SurveyResponse, SurveyAnswer):
            cursor.execute(f'ANALYZE "{model._meta.db_table}"')
    return city


def main() -> None:
    call_command("migrate", verbosity=0)
    rng = random.Random(7)
    try:
        with transaction.atomic():
            started = time.perf_counter()
            city = build_city(rng)
            print(f"data: {UNITS} units, {2 * UNITS} applications, {SURVEYS * SHEETS} answer sheets "
                  f"({time.perf_counter() - started:.0f} s to write)")

            scope = scope_for(region=city, year=YEAR)
            figures_for(scope)  # warm caches and the connection, as a worker would be
            runs = []
            for _ in range(3):
                started = time.perf_counter()
                figures_for(scope_for(region=city, year=YEAR))
                runs.append(time.perf_counter() - started)
            print(f"figures (city yearly summary): best {min(runs):.2f} s, worst {max(runs):.2f} s (budget 2 s)")
            for builder in SECTION_BUILDERS:
                started = time.perf_counter()
                builder(scope)
                print(f"  {builder.__name__}: {time.perf_counter() - started:.2f} s")

            if os.environ.get("BENCH_SKIP_PDF"):
                raise Rollback
            from weasyprint import HTML

            document = report_document(kind=ReportKind.CITY, region=city, year=YEAR)
            html = report_html(document)
            HTML(string=html).write_pdf()  # warm fontconfig and WeasyPrint's caches
            # Each round measures every variant once, one after the other, so that a busy moment of a shared
            # machine weighs on all of them alike; the best of the rounds is reported.
            alone, ours, whole, word, both = [], [], [], [], []
            for _ in range(3):
                started = time.perf_counter()
                HTML(string=html).write_pdf()
                alone.append(time.perf_counter() - started)
                started = time.perf_counter()
                HTML(string=report_html(document)).write_pdf()  # charts, tables, template, PDF
                ours.append(time.perf_counter() - started)
                started = time.perf_counter()
                HTML(string=report_html(report_document(kind=ReportKind.CITY, region=city, year=YEAR))).write_pdf()
                whole.append(time.perf_counter() - started)
                started = time.perf_counter()
                render_docx(DOCX_TEMPLATE, docx_context(document))
                word.append(time.perf_counter() - started)
                started = time.perf_counter()
                both_document = report_document(kind=ReportKind.CITY, region=city, year=YEAR)
                HTML(string=report_html(both_document)).write_pdf()
                render_docx(DOCX_TEMPLATE, docx_context(both_document))
                both.append(time.perf_counter() - started)
            print(f"PDF: WeasyPrint alone {min(alone):.2f} s; from gathered figures {min(ours):.2f} s "
                  f"= {min(ours) / min(alone):.2f}× (budget 1.2×); figures + PDF {min(whole):.2f} s")
            print(f"Word: from gathered figures {min(word):.2f} s; figures + PDF + Word {min(both):.2f} s "
                  f"= {min(both) / min(whole):.2f}× figures + PDF (budget 1.5×)")
            raise Rollback
    except Rollback:
        print("rolled back: the database is as it was")


if __name__ == "__main__":
    main()
