"""Tables read a row at a time (the 明白纸, the honours figures, the department-opinion grid) stack on a phone, each
value led by its column's name, and stay tables at 1366 px and at 1366 px zoomed to 200 % (683 CSS px); none of
the three pages scrolls sideways at any of these widths. The red list's eight columns stack on a phone too."""

from datetime import date

import pytest
from django.utils import timezone

from apps.applications.opinions.models import Consultation, ConsultationEntry, ConsultationRequest, Department
from apps.applications.workflow.states import Status
from apps.offices.honours.models import Honour, HonourCategory, HonourStatus, RecommendingLevel
from apps.oversight.incentives.models import IncentiveMeasure
from apps.oversight.incentives.services import incentive_grant_create
from apps.registry.coordinators.models import Coordinator
from apps.registry.credit.models import RedListEntry
from tests.factories import EnterpriseFactory, named
from tests.fixtures.reviews import make_application

from .browser import login

pytestmark = pytest.mark.django_db(transaction=True)

PHONE, ZOOMED, DESKTOP = (390, 1), (683, 2), (1366, 1)  # CSS px wide, device pixels per CSS px

# Every stacked table: it fits the viewport, its wrapper does not scroll, and how its rows are laid out.
LAYOUT = """() => [...document.querySelectorAll("table.table-stack")].map(table => {
  const wrapper = table.closest(".table-responsive") || table.parentElement;
  return {width: table.getBoundingClientRect().width, scrolls: wrapper.scrollWidth > wrapper.clientWidth,
          row: getComputedStyle(table.querySelector("tbody tr")).display};
})"""


@pytest.fixture
def pages(cast, regions, campaign, standard, linfen_catalogue):
    """Unit A's 明白纸 with a grant; 临汾市's honours; a consultation of two departments on two units."""
    EnterpriseFactory(unit=cast.unit_a, credit_grade="B")
    title = named(cast.unit_a, city=regions.city, by=cast.city_admin, issued_on=timezone.localdate())
    incentive_grant_create(measure=IncentiveMeasure.objects.get(code="subsidy-fast-track"), recognition=title,
                           granted_on=timezone.localdate(), note="按季度拨付", by=cast.city_admin)
    coordinator = Coordinator.objects.create(full_name="张三", region=regions.county_x)
    for category in HonourCategory.values:
        Honour.objects.create(year=timezone.localdate().year, category=category, title="劳动关系和谐先进",
                              level=RecommendingLevel.values[0], region=regions.county_x, recipient="张三",
                              coordinator=coordinator if category == HonourCategory.COORDINATOR else None,
                              status=HonourStatus.AWARDED, document_number="临人社发〔2026〕9号",
                              recorded_by=cast.county_admin_x)
    consultation = Consultation.objects.create(region=regions.city, year=campaign.year, deadline=date.today(),
                                               title="拟公示名单征求部门意见", sent_by=cast.city_admin)
    for name in ("临汾市市场监督管理局", "国家税务总局临汾市税务局"):
        ConsultationRequest.objects.create(consultation=consultation,
                                           department=Department.objects.create(region=regions.city, name=name))
    for unit in (cast.unit_a, cast.unit_b):
        ConsultationEntry.objects.create(consultation=consultation, application=make_application(
            unit, campaign, standard, status=Status.CITY_CONFIRMED))
    return {"rep_a": "/incentives/mine/", "city_admin": [f"/honours/?year={timezone.localdate().year}",
                                                         f"/opinions/{consultation.pk}/"]}


def _layouts(browser, live_server, username: str, paths: list[str], size: tuple[int, int]) -> dict[str, list]:
    width, scale = size
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900},
                                  device_scale_factor=scale)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    login(page, username)
    found = {}
    for path in paths:
        page.goto(f"{live_server.url}{path}")
        found[path] = {"page_width": page.evaluate("document.documentElement.scrollWidth"),
                       "tables": page.evaluate(LAYOUT)}
    context.close()
    return found


@pytest.mark.parametrize(("size", "rows"), [(PHONE, "block"), (ZOOMED, "table-row"), (DESKTOP, "table-row")])
def test_the_tables_stack_on_a_phone_and_never_scroll_sideways(browser, live_server, pages, size, rows):
    width = size[0]
    for username, paths in (("rep_a", [pages["rep_a"]]), ("city_admin", pages["city_admin"])):
        for path, found in _layouts(browser, live_server, username, paths, size).items():
            assert found["page_width"] <= width, f"{path} scrolls sideways at {width} px"
            assert found["tables"], path
            for table in found["tables"]:
                assert table["row"] == rows and not table["scrolls"] and table["width"] <= width, (path, table)


@pytest.mark.parametrize(("size", "rows"), [(PHONE, "block"), (DESKTOP, "table-row")])
def test_the_red_list_stacks_on_a_phone_and_shows_every_column_at_1366(browser, live_server, cast, regions,
                                                                        size, rows):
    """Eight columns: a row per block on a phone; at 1366 px the whole table, with nothing cut off at its right."""
    enterprise = EnterpriseFactory(unit=cast.unit_a)
    RedListEntry.objects.create(enterprise=enterprise, listed_on=date(2025, 6, 30),
                                listed_by="尧都区人力资源和社会保障局", reason="连续三年无劳动保障违法行为",
                                entered_by=cast.county_admin_x)
    width = size[0]
    found = _layouts(browser, live_server, "county_admin_x", ["/registry/red-list/"], size)["/registry/red-list/"]
    assert found["page_width"] <= width
    [table] = found["tables"]
    assert table["row"] == rows and not table["scrolls"] and table["width"] <= width, table
