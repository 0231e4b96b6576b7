"""Every list page costs the same number of queries with 5 rows as with 500, and pages in SQL.

One table, ``LIST_PAGES``: a URL, who opens it, and how to make its rows
(tests/list_rows.py). Each entry is rendered with 5 rows and with 500;
the two query counts must be equal (a per-row query in a view, selector,
property or template makes the second count grow), the rows must be on the
page, and — unless the entry says why the page shows every row — no single
query may return more than a page of rows: the database pages, not Python.

``test_every_list_page_is_in_the_table`` fails when a new list-like URL is
added without an entry here or a reasoned exemption, and
``test_every_workbench_is_in_the_table`` when a role gets a workbench
(apps/home/workbench.py) without an entry for the home page of that role.
"""

import inspect
import io
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from openpyxl import load_workbook

from apps.accounts.models import Party
from apps.accounts.permissions import memberships_of
from apps.home.sections.reviews import SHOWN as HOME_SHOWN
from apps.home.workbench import SECTION_BUILDERS

from . import list_rows as rows
from .list_rows import THIS_YEAR, World, marker

# The largest page any list uses (city confirmation shows 100 at a time). A query returning more
# rows than this on a page showing 500 means the rows were fetched in full and paged in Python.
PAGE_MAX = 100
FEW, MANY = 5, 500  # every list is rendered with both


@dataclass(frozen=True)
class ListPage:
    url_name: str
    user: str | None  # an attribute of the cast (or "reviewer_x", "api_client"); None is anonymous
    make: Callable[[World, int, int], list[str]]
    query: str = ""  # may name the world's objects: "county={world.regions.county_x.pk}"
    args: Callable[[World], list] | None = None
    max_rows: int | None = PAGE_MAX  # None: the page shows every row by design (``why`` says why)
    kind: str = "html"  # or "xlsx", "json"
    shows: Callable[[World, int], list[str]] | None = None  # texts proving the rows are counted, if not listed
    why: str = ""

    @property
    def id(self) -> str:
        query = f"?{self.query}" if self.query else ""
        return f"{self.url_name}{query}[{self.user or 'anonymous'}]-{self.make.__name__}"

    def url(self, world: World) -> str:
        path = reverse(self.url_name, args=self.args(world) if self.args else None)
        return f"{path}?{self.query.format(world=world)}" if self.query else path


def unit_tasks_shown(world: World, n: int) -> list[str]:
    """A representative's workbench lists the first 8 tasks naming the unit and says how many more there are."""
    more = [f"另有 {n - HOME_SHOWN} 项任务"] if n > HOME_SHOWN else []
    return [marker(i) for i in range(min(n, HOME_SHOWN))] + more


def home_total(world: World, n: int) -> list[str]:
    """A home page lists 8 rows (the makers' first rows) and links to the rest as "查看全部（共 n 条）"."""
    return [marker(i) for i in range(n)] if n <= HOME_SHOWN else [f"共 {n} 条"]


def duty_links(*labels: str) -> Callable[[World, int], list[str]]:
    """A duty administrator's workbench links to their pages and lists no rows: its links are what it shows."""
    return lambda world, n: list(labels)


LIST_PAGES = [
    # Registry: one unit list serves enterprises, parks/townships and industries; coordinators have their own.
    ListPage("registry:unit_list", "county_admin_x", rows.enterprises, query="kind=enterprise"),
    ListPage("registry:unit_list", "township_staff_x", rows.enterprises),
    ListPage("registry:unit_list", "county_admin_x", rows.enterprises, query="size=small&sort=-employees"),
    ListPage("registry:unit_list", "county_admin_x", rows.parks, query="kind=park"),
    ListPage("registry:unit_list", "city_admin", rows.industry_bodies, query="kind=industry"),
    # A city's view of the same list, sorted: the page is read on the unit table first (NarrowPaginator).
    ListPage("registry:unit_list", "city_admin", rows.enterprises, query="sort=name"),
    ListPage("registry:unit_export", "county_admin_x", rows.enterprises, query="kind=enterprise", kind="xlsx",
             max_rows=None, why="an export holds every row; it streams them with iterator()"),
    ListPage("registry:pending", "county_admin_x", rows.pending_enterprises),
    # The region-wide 守法诚信红名单 (issue 20) and its export.
    ListPage("registry:red_list", "county_admin_x", rows.red_list_entries),
    ListPage("registry:red_list", "city_admin", rows.red_list_entries,
             query=f"state=all&year={THIS_YEAR}&county={{world.regions.county_x.pk}}&q=列表行"),
    ListPage("registry:red_list_export", "city_admin", rows.red_list_entries, kind="xlsx", max_rows=None,
             why="an export holds every row; it streams them with iterator()"),
    ListPage("registry:pending", "city_admin", rows.pending_enterprises),
    # Public sign-up: townships and parks are offered one county at a time, never the whole province's.
    ListPage("registry:signup", None, rows.townships, shows=lambda w, n: ["请先选择所属县(市、区)"]),
    ListPage("registry:signup", None, rows.parks, shows=lambda w, n: ["请先选择所属县(市、区)"]),
    ListPage("registry:signup_places", None, rows.townships, query="county={world.regions.county_x.pk}",
             max_rows=None, why="a county's townships are offered whole, in one select"),
    ListPage("registry:signup_places", None, rows.parks, query="county={world.regions.county_x.pk}",
             max_rows=None, why="a county's parks are offered whole, in one select"),
    ListPage("coordinators:list", "county_admin_x", rows.coordinators),
    # Applications, county review queues with panel progress, city confirmation.
    ListPage("assessments:list", "county_admin_x", rows.draft_applications),
    ListPage("assessments:list", "city_admin", rows.draft_applications),
    ListPage("assessments:list", "county_admin_x", rows.applications_on_behalf, query="on_behalf=1"),
    ListPage("assessments:export", "township_staff_x", rows.applications_on_behalf, query="on_behalf=1",
             kind="xlsx", max_rows=None, why="an export holds every row; it streams them with iterator()"),
    ListPage("reviews:queue", "county_admin_x", rows.queued_applications),
    ListPage("reviews:queue", "reviewer_x", rows.queued_applications),
    ListPage("reviews:queue", "township_staff_x", rows.queued_applications, query="status=submitted"),
    # Each row's status at its naming level (区级退回 where the district names).
    ListPage("reviews:queue", "county_admin_x", rows.district_returned_applications),
    ListPage("assessments:list", "city_admin", rows.district_returned_applications),
    ListPage("reviews:city_list", "city_admin", rows.approved_applications),
    # Workbenches (home:home), one per role that has one. A list on a workbench shows its first 8 rows and, beyond
    # that, "查看全部（共 n 条）" (one count query): the total proves the rows are counted.
    ListPage("home:home", "county_admin_x", rows.county_inbox, shows=home_total),
    ListPage("home:home", "reviewer_x", rows.my_seats, shows=home_total),
    ListPage("home:home", "city_admin", rows.city_inbox, shows=home_total),
    ListPage("home:home", "township_staff_x", rows.township_inbox, shows=home_total),
    ListPage("home:home", "coordinator_x", rows.my_targets),
    ListPage("home:home", "department_staff", rows.consultations, shows=home_total),
    # A representative's workbench reads only their unit, however much the county holds.
    ListPage("home:home", "rep_a", rows.rep_neighbourhood, shows=lambda w, n: [w.cast.unit_a.name]),
    ListPage("home:home", "system_admin", rows.resettable_users, shows=duty_links("进入后台管理")),
    ListPage("home:home", "security_admin", rows.identities, shows=duty_links("统一身份认证账号", "登录锁定")),
    ListPage("home:home", "audit_admin", rows.audit_entries, shows=duty_links("变更记录", "登录与账号安全记录")),
    ListPage("home:index", None, rows.notices),
    # Notices, objections and naming.
    ListPage("notices:public_list", None, rows.notices),
    ListPage("notices:public_detail", None, rows.notice_entries, args=lambda w: [w.notice.pk], max_rows=None,
             why="a public notice (公示名单) is published whole, on one page that prints"),
    ListPage("notices:manage", "city_admin", rows.notices),
    ListPage("notices:manage", "city_admin", rows.confirmed_applications, max_rows=500,
             why="the confirmed applications to put on a notice are offered at most 500 at once"),
    ListPage("notices:province", "city_admin", rows.awaiting_province, max_rows=500,
             why="the confirmed applications to forward to the province are offered at most 500 at once"),
    ListPage("notices:manage_detail", "city_admin", rows.notice_entries, args=lambda w: [w.notice.pk],
             max_rows=None, why="the city handles one notice's units and objections together"),
    # The expert pool and its draw log.
    ListPage("experts:list", "county_admin_x", rows.experts),
    ListPage("experts:list", "city_admin", rows.experts, query="party=hrss"),
    ListPage("experts:export", "county_admin_x", rows.experts, kind="xlsx", max_rows=5000,
             why="an export holds the region's whole pool, at most 5,000 rows"),
    ListPage("experts:draws", "county_admin_x", rows.expert_draws),
    ListPage("experts:draws_export", "county_admin_x", rows.expert_draws, kind="xlsx", max_rows=None,
             why="an export holds every draw; it streams them with iterator(), the drawn experts read per 500"),
    ListPage("experts:draw_detail", "county_admin_x", rows.draw_candidates, args=lambda w: [w.expert_draw.pk],
             max_rows=None, why="a draw's record shows its whole candidate list: that list is what was drawn from"),
    # Department opinions before the notice.
    ListPage("opinions:list", "city_admin", rows.consultations),
    ListPage("opinions:inbox", "department_staff", rows.consultations),
    ListPage("opinions:detail", "city_admin", rows.consultation_answers, args=lambda w: [w.consultation.pk],
             max_rows=None, why="the office reads one consultation's answers and objections together"),
    ListPage("opinions:export", "city_admin", rows.consultation_answers, args=lambda w: [w.consultation.pk],
             kind="xlsx", max_rows=None, why="an export holds every answer of one consultation"),
    ListPage("recognitions:named_list", None, rows.recognitions),
    ListPage("recognitions:list", "city_admin", rows.recognitions),
    ListPage("recognitions:list", "county_admin_x", rows.recognitions),
    ListPage("recognitions:verify", None, rows.looked_up_certificate, args=lambda w: [w.extra["certificate"]]),
    # Yearly reports of named units and the report to the province.
    ListPage("named_units:report_list", "county_admin_x", rows.yearly_reports),
    ListPage("named_units:missing", "county_admin_x", rows.titles_owing_reports),
    # The city's view: the page's drafts' statuses are read for its rows only.
    ListPage("named_units:missing", "city_admin", rows.titles_owing_reports),
    ListPage("named_units:coordinator_gaps", "county_admin_x", rows.titles_lacking_coordinators),
    ListPage("named_units:mine", "rep_a", rows.own_reports),
    # Titles over time (issue 20): a unit's own titles and its 明白纸, the office's titles ending soon, 帮办代办.
    ListPage("titles:mine", "rep_a", rows.own_titles, max_rows=None,
             why="a unit's own titles (one per naming) are listed whole, each with its renewals"),
    ListPage("titles:ending", "county_admin_x", rows.titles_ending),
    ListPage("titles:ending", "city_admin", rows.titles_ending),
    ListPage("titles:ending_export", "county_admin_x", rows.titles_ending, kind="xlsx", max_rows=None,
             why="an export holds every row; it streams them with iterator()"),
    ListPage("incentives:mine", "rep_a", rows.own_grants, max_rows=None,
             why="the 明白纸 lists the unit's own grants whole, on a sheet that prints"),
    ListPage("assessments:on_behalf", "township_staff_x", rows.enterprises),
    ListPage("assessments:on_behalf", "county_admin_x", rows.enterprises, query="q=列表行"),
    ListPage("assessments:on_behalf", "county_admin_x", rows.enterprises),
    ListPage("named_units:province", "city_admin", rows.province_exports),
    ListPage("named_units:province_excel", "city_admin", rows.recognitions, query=f"year={THIS_YEAR - 1}",
             kind="xlsx", max_rows=None, why="an export holds every row; it streams them with iterator()"),
    # Risks, revocation, incentives, cultivation.
    ListPage("risks:list", "county_admin_x", rows.risk_events),
    # Events are matched on their unit's id, the jurisdiction's units read first (scope_through_unit).
    ListPage("risks:list", "township_staff_x", rows.risk_events),
    ListPage("risks:list", "city_admin", rows.risk_events),
    ListPage("risks:export", "county_admin_x", rows.risk_events, kind="xlsx", max_rows=None,
             why="an export holds every row; it streams them with iterator()"),
    ListPage("api:risk_events", "api_client", rows.pushed_risk_events, kind="json"),
    ListPage("revocations:rules", "city_admin", rows.revocation_rules),
    ListPage("revocations:cases", "city_admin", rows.revocation_cases),
    ListPage("revocations:public_notices", None, rows.revoked_titles),
    ListPage("incentives:catalogue", "county_admin_x", rows.incentive_grants,
             shows=lambda w, n: [f"<td>{n}</td></tr>"]),
    ListPage("incentives:catalogue", "city_admin", rows.incentive_grants,
             shows=lambda w, n: [f"<td>{n}</td></tr>"]),
    ListPage("incentives:measure", "county_admin_x", rows.incentive_grants, args=lambda w: [w.measure.pk],
             query=f"year={THIS_YEAR}"),
    ListPage("incentives:measure_export", "county_admin_x", rows.incentive_grants, args=lambda w: [w.measure.pk],
             query=f"year={THIS_YEAR}", kind="xlsx", max_rows=None,
             why="an export holds every row; it streams them with iterator()"),
    ListPage("cultivation:overview", "county_admin_x", rows.cultivation_targets),
    ListPage("cultivation:target", "county_admin_x", rows.guidance_visits, args=lambda w: [w.target.pk],
             max_rows=None, why="a target's guidance visits are read as one record"),
    # The offices' own work: training and outreach, the coordinators' hours, honours.
    ListPage("training:list", "county_admin_x", rows.trainings),
    ListPage("training:list", "city_admin", rows.trainings),
    ListPage("training:export", "county_admin_x", rows.trainings, kind="xlsx", max_rows=None,
             why="an export holds every row; it streams them with iterator()"),
    ListPage("training:coordinator_hours", "county_admin_x", rows.trained_coordinators),
    ListPage("training:coordinator_hours_export", "county_admin_x", rows.trained_coordinators, kind="xlsx",
             max_rows=None, why="an export holds every row; it streams them with iterator()"),
    ListPage("honours:list", "county_admin_x", rows.honours),
    ListPage("honours:list", "city_admin", rows.honours),
    ListPage("honours:export", "county_admin_x", rows.honours, kind="xlsx", max_rows=None,
             why="an export holds every row; it streams them with iterator()"),
    # Supervision of lower levels and target responsibility.
    ListPage("supervision:list", "county_admin_x", rows.supervision_visits),
    ListPage("supervision:list", "city_admin", rows.supervision_visits),
    ListPage("supervision:export", "city_admin", rows.supervision_visits, kind="xlsx", max_rows=None,
             why="an export holds every row; it streams them with iterator()"),
    ListPage("supervision:items", "county_admin_x", rows.rectification_items),
    ListPage("supervision:items", "county_admin_x", rows.rectification_items, query="state=open&mine=1"),
    ListPage("supervision:items_export", "county_admin_x", rows.rectification_items, query="state=open&mine=1",
             kind="xlsx", max_rows=None, why="an export holds every row; it streams them with iterator()"),
    ListPage("supervision:visit", "city_admin", rows.rectification_items, args=lambda w: [w.visit.pk],
             max_rows=None, why="a visit's rectification items are read as one record"),
    # Periodic checks of named units (命名单位核查).
    ListPage("title_checks:list", "county_admin_x", rows.title_checks),
    ListPage("title_checks:list", "city_admin", rows.title_checks),
    ListPage("title_checks:export", "city_admin", rows.title_checks, kind="xlsx", max_rows=None,
             why="an export holds every row; it streams them with iterator()"),
    ListPage("title_checks:round", "city_admin", rows.title_checks, args=lambda w: [w.check_round.pk]),
    ListPage("reports:targets", "city_admin", rows.target_tasks),
    ListPage("reports:targets", "county_admin_x", rows.target_tasks),
    # The 包保 chain below the county: the county sees its street's unit tasks, the street's staff their own.
    ListPage("reports:targets", "county_admin_x", rows.unit_target_tasks),
    ListPage("reports:targets", "township_staff_x", rows.unit_target_tasks),
    ListPage("home:home", "township_staff_x", rows.township_target_tasks, shows=home_total),
    ListPage("home:home", "rep_a", rows.unit_target_tasks, shows=unit_tasks_shown),
    ListPage("reports:target_export", "county_admin_x", rows.target_tasks, kind="xlsx", max_rows=None,
             why="an export holds every row; it streams them with iterator()"),
    # Reports, notifications, surveys, campaign years.
    ListPage("reports:list", "county_admin_x", rows.annual_reports),
    ListPage("reports:case_list", "county_admin_x", rows.typical_cases),
    ListPage("reports:public_cases", None, rows.published_cases),
    ListPage("notifications:list", "rep_a", rows.notifications),
    ListPage("surveys:list", "county_admin_x", rows.surveys),
    ListPage("campaigns:list", "city_admin", rows.campaign_years, max_rows=None,
             why="one row per campaign year of the city"),
    # Lists inside one object's page.
    # Only the application entries: the fixtures also write entries about other objects (the standard in force),
    # whose related objects the page describes with one query per kind when they share the first page.
    ListPage("audit:list", "city_admin", rows.audit_entries, query="kind=applications.application"),
    ListPage("audit:account_events", "city_admin", rows.account_events),
    ListPage("surveys:standards", "city_admin", rows.standards_in_force),
    ListPage("accounts:user_list", "county_admin_x", rows.resettable_users),
    ListPage("accounts:identity_list", "security_admin", rows.identities),
    ListPage("assessments:history", "county_admin_x", rows.audit_entries, args=lambda w: [w.application_a.pk]),
    ListPage("registry:unit_detail", "county_admin_x", rows.chain_members, args=lambda w: [w.chain.unit_id],
             max_rows=None, why="a chain's or group's member enterprises are what it is made of, listed whole"),
    ListPage("registry:unit_detail", "county_admin_x", rows.park_enterprises, args=lambda w: [w.park.unit_id]),
    ListPage("registry:unit_detail", "county_admin_x", rows.unit_history, args=lambda w: [w.cast.unit_a.pk]),
    ListPage("registry:unit_detail", "rep_a", rows.unit_coordinators, args=lambda w: [w.cast.unit_a.pk],
             max_rows=None, why="the few coordinators assigned to one unit"),
    ListPage("assessments:detail", "rep_a", rows.application_events, args=lambda w: [w.application_a.pk],
             max_rows=None, why="an application's history (流转记录) is read whole"),
    ListPage("reviews:detail", "county_admin_x", rows.application_events, args=lambda w: [w.application_a.pk],
             max_rows=None, why="an application's history (流转记录) is read whole"),
    ListPage("revocations:case", "city_admin", rows.case_events, args=lambda w: [w.case.pk], max_rows=None,
             why="the city decides on a case with every event that triggered it in view"),
    ListPage("risks:detail", "county_admin_x", rows.risk_attachments, args=lambda w: [w.event_a.pk],
             max_rows=None, why="one event's attachments"),
    ListPage("reports:detail", "county_admin_x", rows.report_versions, args=lambda w: [w.extra["report"]]),
    # The county workbench's this month's risk events alone (kept per region: the count at 500 is the list's).
    ListPage("home:home", "county_admin_x", rows.month_risk_events, shows=home_total),
]

# List-like URLs with no entry above, each with the reason.
EXEMPT = {
    "incentives:catalogue_export": "the locality's measures (a handful, set by its document), not rows that grow; "
                                   "tests/core/test_excel_exports.py reads it back",
    "reports:start": "POST only; a form error re-renders the first page of reports:list, which is in the table",
    "accounts:unified_pending": "one person's own waiting message, no list (its name ends in 'pending')",
}
EXEMPT_NAMESPACES = {
    "admin": "Django's admin (system administrators only) pages its change lists itself",
}

LIST_LIKE_NAME = re.compile(
    r"(list|index|queue|pending|cases|rules|notices|missing|mine|manage|catalogue|overview|province|export|excel"
    r"|events)$"
)
PAGINATING_CODE = re.compile(r"Paginator\(|paginate|\.iterator\(")


@dataclass
class Run:
    queries: list[str]
    row_counts: list[int]  # rows each row-returning statement gave, in order
    response: object


def _largest_grown(few: Run, many: Run) -> int:
    """The most rows one query returned among those that returned more with more rows in the list.

    A fixed list (the industry classification in a filter's select box) returns as many rows either way and
    is not the list being paged.
    """
    return max((m for f, m in zip(few.row_counts, many.row_counts, strict=True) if m > f), default=0)


def _render(client: Client, url: str, headers: dict) -> Run:
    """GET ``url``, recording every query and how many rows each returned."""
    counts: list[int] = []

    def count_rows(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if context["cursor"].description is not None:  # the statement returned rows
            counts.append(context["cursor"].rowcount)
        return result

    cache.clear()
    # ``.iterator()`` (select boxes read their options that way) fetches through a server-side cursor, whose
    # rows no execute wrapper sees; a client-side cursor reports them, so a list read in full shows here too.
    settings_dict = connection.settings_dict
    server_side = settings_dict.get("DISABLE_SERVER_SIDE_CURSORS", False)
    settings_dict["DISABLE_SERVER_SIDE_CURSORS"] = True
    try:
        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(count_rows):
            response = client.get(url, headers=headers)
    finally:
        settings_dict["DISABLE_SERVER_SIDE_CURSORS"] = server_side
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return Run([q["sql"] for q in captured.captured_queries], counts, response)


def _text(page: ListPage, response) -> str:
    if page.kind == "xlsx":
        book = load_workbook(io.BytesIO(response.content), read_only=True)
        return "\n".join(str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row)
    return response.content.decode()


def _repeated(small: Run, large: Run) -> str:
    """The query shapes the larger list ran more often: where the per-row queries come from."""
    shape = lambda sql: re.sub(r"\d+", "N", sql)[:300]  # noqa: E731
    grown = Counter(map(shape, large.queries)) - Counter(map(shape, small.queries))
    return "\n".join(f"{n}× {sql}" for sql, n in grown.most_common(5))


def _client_for(page: ListPage, world: World) -> tuple[Client, dict]:
    client = Client()
    if page.user == "api_client":
        return client, {"Authorization": f"Token {world.api_client.token}"}
    if page.user == "reviewer_x":
        client.force_login(world.cast.reviewers_x[Party.HRSS])
    elif page.user:
        client.force_login(getattr(world.cast, page.user))
    return client, {}


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.mark.parametrize("page", LIST_PAGES, ids=lambda page: page.id)
def test_list_page_queries_do_not_grow_with_its_rows(page: ListPage, cast, regions):
    world = World(cast, regions)
    small, large = FEW, MANY
    made = page.make(world, 0, small)
    client, headers = _client_for(page, world)
    url = page.url(world)
    client.get(url, headers=headers)  # first request fills process-wide caches (content types, standards)

    few = _render(client, url, headers)
    text = _text(page, few.response)
    expected = page.shows(world, small) if page.shows else made
    assert all(item in text for item in expected), f"{page.id}: the {small} rows are not all on the page"

    made += page.make(world, small, large - small)
    many = _render(client, url, headers)
    text = _text(page, many.response)
    if page.shows:
        assert all(item in text for item in page.shows(world, large)), f"{page.id}: the rows are not counted"
    elif page.max_rows is None:
        assert all(item in text for item in made), f"{page.id}: not every one of the {large} rows is shown"
    else:
        assert any(item in text for item in made), f"{page.id}: no row on the page"

    few_count, many_count = len(few.queries), len(many.queries)
    assert many_count == few_count, (
        f"{page.id}: {few_count} queries with {small} rows, {many_count} with {large}:\n{_repeated(few, many)}"
    )
    if page.max_rows is not None:
        largest = _largest_grown(few, many)
        assert largest <= page.max_rows, f"{page.id}: one query returned {largest} rows for one page"


def _views(resolver: URLResolver | None = None, namespace: str = "") -> Iterator[tuple[str, Callable]]:
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _views(entry, f"{namespace}{entry.namespace}:" if entry.namespace else namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry.callback


def _paginates(view: Callable) -> bool:
    target = getattr(view, "view_class", None) or inspect.unwrap(view)
    try:
        return bool(PAGINATING_CODE.search(inspect.getsource(target)))
    except (OSError, TypeError):
        return False


TABLE_NAMES = {page.url_name for page in LIST_PAGES}


def _unlisted(views: Iterator[tuple[str, Callable]], covered: set[str]) -> list[str]:
    """List-like URLs (by name, or because the view pages or streams rows) that are not in ``covered``."""
    return sorted(
        name for name, view in views
        if name.split(":")[0] not in EXEMPT_NAMESPACES and name not in covered
        and (LIST_LIKE_NAME.search(name.split(":")[-1]) or _paginates(view))
    )


def test_every_list_page_is_in_the_table():
    missing = _unlisted(_views(), TABLE_NAMES | set(EXEMPT))
    assert not missing, (
        "List pages without a query-count entry in tests/test_list_queries.py (add one to LIST_PAGES, "
        f"or to EXEMPT with the reason): {missing}"
    )


def test_every_exemption_is_still_needed():
    assert set(EXEMPT) <= set(_unlisted(_views(), TABLE_NAMES))


def test_the_guard_flags_a_new_list_page_by_its_name_or_its_code():
    from apps.notifications.views import notification_list, notification_read_all

    assert _unlisted(iter([
        ("widgets:list", notification_read_all),  # a list-like name
        ("widgets:browse", notification_list),  # a view that pages rows
        ("widgets:detail", notification_read_all),  # neither: not a list page
        ("admin:widgets_widget_changelist", notification_list),  # Django's admin is exempt
    ]), TABLE_NAMES) == ["widgets:browse", "widgets:list"]


def test_the_table_names_only_existing_urls():
    names = {name for name, _ in _views()}
    stale = sorted((TABLE_NAMES | set(EXEMPT)) - names)
    assert not stale, f"Entries for URLs that no longer exist: {stale}"


def test_every_workbench_is_in_the_table(cast, regions):
    """Each role with a workbench has its home page measured, by a user holding that role."""
    world = World(cast, regions)
    measured = {
        membership.role
        for page in LIST_PAGES if page.url_name == "home:home"
        for membership in memberships_of(world.cast.reviewers_x[Party.HRSS] if page.user == "reviewer_x"
                                         else getattr(world.cast, page.user))
    }
    assert set(SECTION_BUILDERS) - measured == set()


def test_every_unpaged_entry_says_why():
    assert [page.id for page in LIST_PAGES if page.max_rows != PAGE_MAX and not page.why] == []
