"""Every page each role reaches from its navigation, loaded against a trivial view of the same gunicorn.

Called by bench/run.py (part ``crawl``) with Django set up and gunicorn
running. Each role logs in, bench/crawl.py finds its pages, and each page is
loaded under 32 and under 8 connections and alone (one connection: the
latency of one request that does not queue). The reference is
``/healthz/live``: a fixed answer that touches neither the database, Redis
nor a session, measured the same way in the same run.
"""

import asyncio
import itertools
from dataclasses import dataclass, field

from crawl import Crawl, Fetched, crawl
from loadgen import LoadResult, Session, load, load_calls
from reference import ReferenceSchedule

from apps.accounts.models import Party
from apps.devtools.scale.people import (
    BENCH_PASSWORD,
    BENCH_TOTP_KEY,
    PAGE_REP,
    city_admin_name,
    coordinator_name,
    county_admin_name,
    reviewer_name,
    township_staff_name,
)
from apps.regions.models import Region

TRIVIAL = "/healthz/live"
ANONYMOUS, REP = "anonymous", "unit representative"
# The budgets: (share of the trivial view's throughput at 32 connections, single-request p95 in ms).
EVERY_PAGE, KEY_PAGE, PUBLIC_PAGE = (0.05, 150.0), (0.10, 80.0), (0.25, 150.0)
KEY_PAGE_NAMES = {"home:home", "reviews:queue", "reviews:detail"}  # and the representative's self-evaluation
# Public pages limited per client address (django-ratelimit, 60 a minute): a security control that stays.
# Loaded by one address they would measure the limit's refusal; the people who check a certificate are many,
# each well under the limit. So these are loaded as from distinct clients behind the trusted proxy
# (TRUSTED_PROXIES, as the deployment trusts nginx's X-Forwarded-For): one new address per request.
PER_CLIENT_LIMITED = {"recognitions:verify", "recognitions:verify_lookup"}


@dataclass
class Measured:
    role: str
    url_name: str
    path: str
    at_32: LoadResult
    at_8: LoadResult
    alone: LoadResult
    # The trivial view at 32 connections this page's ratio is taken to (bench/reference.py chooses it).
    reference: LoadResult | None = None

    @property
    def errors(self) -> int:
        return self.at_32.errors + self.at_8.errors + self.alone.errors

    @property
    def budget(self) -> tuple[float, float]:
        if self.role == ANONYMOUS:
            return PUBLIC_PAGE
        if self.url_name in KEY_PAGE_NAMES or (self.role == REP and self.url_name == "assessments:detail"):
            return KEY_PAGE
        return EVERY_PAGE

    def reference_or(self, trivial: "Measured") -> LoadResult:
        return self.reference or trivial.at_32

    def ratio(self, trivial: "Measured") -> float:
        reference = self.reference_or(trivial)
        return self.at_32.throughput / reference.throughput if reference.throughput else float("nan")

    def meets_budget(self, trivial: "Measured") -> bool:
        share, p95 = self.budget
        return self.ratio(trivial) >= share and self.alone.percentile(0.95) <= p95 and not self.errors


@dataclass
class CrawlRun:
    trivial: Measured
    trivial_again: Measured  # once more after the last page: how much the machine drifted
    pages: list[Measured] = field(default_factory=list)
    crawls: dict[str, Crawl] = field(default_factory=dict)

    @property
    def reference(self) -> Measured:
        """The faster of the two ends: the trivial view's own rows are compared with it."""
        return max(self.trivial, self.trivial_again, key=lambda measured: measured.at_32.throughput)


def crawl_roles(county: Region, city: Region) -> list[tuple[str, str | None]]:
    """(role, bench login) on the seeded province: the bench county's staff, its city's admin."""
    return [("county admin", county_admin_name(county.code)), ("city admin", city_admin_name(city.code)),
            ("county reviewer", reviewer_name(Party.HRSS, county.code)),
            ("township staff", township_staff_name(county.code)), ("coordinator", coordinator_name(county.code)),
            (REP, PAGE_REP), (ANONYMOUS, None)]


def crawl_run(host: str, port: int, *, roles: list[tuple[str, str | None]], cap: int | None, seconds: float,
              warmup: float, url_names: set[str] | None = None, reference_every: int = 0) -> CrawlRun:
    """Crawl each role's pages and load them; with ``url_names``, load only the pages of those URL names.

    The trivial view is measured before the first page, after the last, and with ``reference_every`` after
    every that many pages; each page's ratio is to the faster of the two measurements around it
    (bench/reference.py).
    """
    timing = {"seconds": seconds, "warmup": warmup}
    trivial = asyncio.run(_measure("trivial view", "core:healthz_live", Session(host, port), TRIVIAL, **timing))
    run = CrawlRun(trivial=trivial, trivial_again=trivial)
    schedule = ReferenceSchedule(reference_every, trivial.at_32)
    for role, username in roles:
        session = Session(host, port)
        if username:
            asyncio.run(session.login(username, BENCH_PASSWORD, totp_key=BENCH_TOTP_KEY))
        found = crawl(lambda path, session=session: _fetch(session, path), ["/home/" if username else "/"], cap=cap)
        run.crawls[role] = found
        print(f"{role}: {len(found.pages)} pages, {len(found.files)} files, {len(found.problems)} problems")
        for page in found.pages:
            if url_names is not None and page.url_name not in url_names:
                continue
            measured = asyncio.run(_measure(role, page.url_name, session, page.path, **timing))
            print(f"  {page.path}: {measured.at_32.throughput:.1f} req/s at 32, "
                  f"alone p95 {measured.alone.percentile(0.95):.0f} ms, {measured.errors} errors")
            run.pages.append(measured)
            if schedule.add(measured):
                reference = asyncio.run(load("trivial view", Session(host, port), TRIVIAL, connections=32,
                                             **timing))
                print(f"  (trivial view: {reference.throughput:.1f} req/s at 32)")
                schedule.measured(reference)
    run.trivial_again = asyncio.run(_measure("trivial view", "core:healthz_live", Session(host, port), TRIVIAL,
                                             **timing))
    schedule.measured(run.trivial_again.at_32)
    return run


def _fetch(session: Session, path: str) -> Fetched:
    response = asyncio.run(session.get(path))
    return Fetched(response.status, response.header("content-type"), response.text, response.header("location"))


_CLIENTS = itertools.count(1)


def client_address() -> str:
    """A new address in 10.0.0.0/8 on every call: one visitor each."""
    number = next(_CLIENTS) % (1 << 24)
    return f"10.{number >> 16}.{(number >> 8) & 255}.{number & 255}"


async def _load(url_name: str, session: Session, path: str, **kwargs) -> LoadResult:
    if url_name not in PER_CLIENT_LIMITED:
        return await load(url_name, session, path, **kwargs)
    return await load_calls(url_name, path, lambda worker: session.get(
        path, headers={"X-Forwarded-For": client_address()}), **kwargs)


async def _measure(role: str, url_name: str, session: Session, path: str, *, seconds: float,
                   warmup: float) -> Measured:
    at_32 = await _load(url_name, session, path, connections=32, seconds=seconds, warmup=warmup)
    at_8 = await _load(url_name, session, path, connections=8, seconds=seconds, warmup=warmup)
    alone = await _load(url_name, session, path, connections=1, seconds=min(seconds, 5), warmup=min(warmup, 0.5))
    return Measured(role, url_name, path, at_32, at_8, alone)
