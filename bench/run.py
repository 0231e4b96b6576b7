"""Every benchmark in one command; writes its figures into docs/benchmarks.md.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hlr_bench REDIS_URL=redis://127.0.0.1:6379/2 \\
        .venv/bin/python bench/run.py                      # the issue's full size (make bench)
    ... bench/run.py --enterprises 5000 --seconds 5        # a quick try
    ... bench/run.py --skip-seed --only http,rush          # again, on the data already seeded
    ... bench/run.py --skip-seed --only crawl --seconds 2 --warmup 0.5   # every page, quickly

Parts: seed (manage.py seed_scale into an empty, migrated database), http
(the heaviest pages under 32 connections against gunicorn with production
settings, each as a ratio to a trivial view), crawl (every page each role reaches
from its navigation, bench/crawl_bench.py), rush (the deadline rush), pdf
(bench/report_bench.py), revocation (bench/revocation_bench.py), import
(bench/import_bench.py), autosave (the self-evaluation item save at 8 and 32
connections, and its queries: bench/autosave.py). Each part rewrites only its own block of the
document, between marker comments, so the hand-written notes around them stay.
"""

import argparse
import asyncio
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlr_portal.settings.dev")

import django  # noqa: E402

django.setup()

from autosave import autosave_run, queries_per_save  # noqa: E402
from crawl_bench import CrawlRun, Measured, crawl_roles, crawl_run  # noqa: E402
from django.db import connection  # noqa: E402
from loadgen import LoadResult, Session, load  # noqa: E402
from rush import RushResult, rush_run  # noqa: E402

from apps.applications.assessments.models import Application  # noqa: E402
from apps.devtools.scale.people import (  # noqa: E402
    BENCH_PASSWORD,
    BENCH_TOTP_KEY,
    PAGE_REP,
    city_admin_name,
    county_admin_name,
)
from apps.regions.models import Region, RegionLevel  # noqa: E402

PARTS = ("seed", "http", "crawl", "rush", "pdf", "revocation", "import", "autosave")
DOC = ROOT / "docs" / "benchmarks.md"
PYTHON = sys.executable
HOST = "127.0.0.1"
RATIO_TARGET, P95_TARGET_MS = 0.10, 50.0
SCRIPT_TIMEOUT = 600  # seconds: no part may hold a shared machine longer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--enterprises", type=int, default=200_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--skip-seed", action="store_true", help="use the data already in the database")
    parser.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts of {', '.join(PARTS)}")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20, help="measured time per page")
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn workers")
    parser.add_argument("--crawl-cap", type=int, default=None,
                        help="crawl: at most this many pages per role (a quick try; default: every page)")
    parser.add_argument("--roles", default="", help="crawl: only these comma-separated roles (e.g. "
                        "'county admin,anonymous'); the table then holds only their rows")
    parser.add_argument("--reference-every", type=int, default=10, metavar="N",
                        help="crawl: measure the trivial view again after every N pages, the machine's speed "
                        "moves within a run (default 10; 0: only before the first page and after the last)")
    parser.add_argument("--adjacent-reference", action="store_const", const=1, dest="reference_every",
                        help="crawl: the same as --reference-every 1")
    parser.add_argument("--pages", default="", help="crawl: load only pages of these comma-separated URL names "
                        "(e.g. accounts:profile,reviews:detail); every role still crawls to find them")
    parser.add_argument("--reps", type=int, default=200, help="representatives in the deadline rush")
    parser.add_argument("--output", type=Path, default=DOC)
    args = parser.parse_args()
    parts = [part for part in args.only.split(",") if part]
    if (args.roles or args.pages) and parts != ["crawl"]:
        parser.error("--roles and --pages go with --only crawl")
    if (args.roles or args.pages) and args.output == DOC:
        parser.error("a partial crawl would replace the whole table in docs/benchmarks.md: give --output FILE")
    unknown = set(parts) - set(PARTS)
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    if connection.vendor != "postgresql" or not os.environ.get("REDIS_URL"):
        parser.error("set DATABASE_URL (PostgreSQL, a scratch database) and REDIS_URL")
    if args.skip_seed and "seed" in parts:
        parts.remove("seed")
    blocks: dict[str, str] = {}
    if "seed" in parts:
        blocks["seed"] = seed_part(args)
    served = {"http", "crawl", "rush", "autosave"} & set(parts)
    if not Region.objects.filter(code="990000").exists() and served:
        parser.error("no seeded province in this database: run without --skip-seed first")
    if served:
        with Gunicorn(workers=args.workers) as server:
            if "http" in parts:
                blocks["http"] = http_part(args, server.port)
            if "crawl" in parts:
                blocks["crawl"] = crawl_part(args, server.port)
            if "rush" in parts:
                blocks["rush"] = rush_part(args, server.port)
            if "autosave" in parts:
                blocks["autosave"] = autosave_part(args, server.port)
    if "pdf" in parts:
        blocks["pdf"] = script_part("PDF and Word: city yearly report", ["bench/report_bench.py"],
                                    {"BENCH_UNITS": "10000"},
                                    r"= ([\d.]+)× \(budget 1.2×\)[\s\S]*= ([\d.]+)× figures \+ PDF \(budget 1.5×\)",
                                    "PDF from the gathered figures / WeasyPrint alone on the same HTML: **{}×** "
                                    "(target ≤ 1.2×); figures + PDF + Word / figures + PDF: **{}×** (target ≤ 1.5×)")
    if "revocation" in parts:
        units, events = province_size(args)
        blocks["revocation"] = script_part(
            "Revocation check (run by bench/run.py)", ["bench/revocation_bench.py", "--units", str(units),
                                                       "--events", str(events)], {},
            r"(ratio first run / hand-written: [\d.]+; second run: [\d.]+; nightly: [\d.]+)\n"
            r"ratio first run / hand-written insert: ([\d.]+)",
            "check / hand-written query, {} (target ≤ 2× and < 10 s; realistic event spread, see the hand-written "
            "section below for the stress spread); first run / hand-written insert of the same cases: {}")
    if "import" in parts:
        blocks["import"] = script_part("Excel import", ["bench/import_bench.py"], {},
                                       r"= (\d+) rows/s \(wall clock\)", "**{} rows/s** (target ≥ 1,000)")
    write_doc(args.output, blocks)
    print(f"wrote {args.output}: {', '.join(blocks)}")


def province_size(args) -> tuple[int, int]:
    """The seeded province's enterprise and risk-event counts, so the revocation bench matches them."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM registry_enterprise")
        units = cursor.fetchone()[0] or args.enterprises
        cursor.execute("SELECT count(*) FROM oversight_riskevent")
        events = cursor.fetchone()[0] or 5 * args.enterprises
    return units, events


# ---- machine and document ---------------------------------------------------------------------------------------

def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    found = re.search(r"model name\s*:\s*(.+)", cpuinfo)
    if found:
        cpu = found.group(1).strip()
    memory = re.search(r"MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text()) if Path(
        "/proc/meminfo").exists() else None
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    load1, load5, _ = os.getloadavg()
    gib = f"{int(memory.group(1)) / 1024 / 1024:.1f} GiB RAM" if memory else "unknown RAM"
    return (f"{os.cpu_count()} × {cpu}, {gib}; PostgreSQL {postgres}; Python {platform.python_version()}; "
            f"load average {load1:.1f} / {load5:.1f} (1 / 5 min) when the part started")


def stamp(command: str) -> str:
    now = datetime.now(ZoneInfo("Asia/Shanghai")).strftime("%Y-%m-%d %H:%M %Z")
    return f"*{now} · {machine()}*\n\nReproduce: `{command}`\n"


def command_line(args, part: str) -> str:
    extra = f" --enterprises {args.enterprises}" if args.enterprises != 200_000 else ""
    return f"DATABASE_URL=… REDIS_URL=… .venv/bin/python bench/run.py --skip-seed --only {part}{extra}" \
        if part != "seed" else f"DATABASE_URL=… .venv/bin/python manage.py seed_scale --enterprises " \
                               f"{args.enterprises} --seed {args.seed}"


def write_doc(path: Path, blocks: dict[str, str]) -> None:
    text = path.read_text() if path.exists() else DOC_HEAD
    for part in PARTS:
        if part not in blocks:
            continue
        start, end = f"<!-- bench/run.py:{part} start -->", f"<!-- bench/run.py:{part} end -->"
        block = f"{start}\n{blocks[part].strip()}\n{end}"
        if start in text and end in text:
            text = text[:text.index(start)] + block + text[text.index(end) + len(end):]
        else:
            text = text.rstrip("\n") + "\n\n" + block + "\n"
    path.write_text(text)


DOC_HEAD = """# Benchmarks

Every figure below comes from one command, `make bench` (= `bench/run.py`), run
against a scratch PostgreSQL database on the machine named in each section.
Each section between `<!-- bench/run.py:… -->` markers is rewritten by the
part of `bench/run.py` that measured it; everything outside the markers is
hand-written and survives a new run.

Set-up for a new reader:

```sh
createdb -U postgres -h 127.0.0.1 hlr_bench
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/hlr_bench REDIS_URL=redis://127.0.0.1:6379/2
.venv/bin/python manage.py migrate
make bench                                   # seeds 200,000 enterprises, then runs every part
.venv/bin/python bench/run.py --enterprises 5000 --seconds 5   # a quick try on a small province
.venv/bin/python bench/run.py --skip-seed --only crawl --seconds 2 --warmup 0.5   # every page of every role
```
"""


# ---- seed -----------------------------------------------------------------------------------------------------

def seed_part(args) -> str:
    command = [PYTHON, "manage.py", "seed_scale", "--enterprises", str(args.enterprises), "--seed", str(args.seed)]
    header = stamp(command_line(args, "seed"))
    subprocess.run([PYTHON, "manage.py", "migrate", "--verbosity", "0"], cwd=ROOT, check=True)
    started = time.perf_counter()
    output = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    seconds = time.perf_counter() - started
    print(output)
    counts = []
    with connection.cursor() as cursor:
        for label, table in (("units", "registry_unit"), ("enterprises", "registry_enterprise"),
                             ("applications", "applications_application"), ("answers", "applications_answer"),
                             ("review panels", "applications_reviewpanel"),
                             ("panel score rows", "applications_memberscore"),
                             ("titles", "applications_recognition"), ("incentive grants", "oversight_incentivegrant"),
                             ("risk events", "oversight_riskevent")):
            cursor.execute(f"SELECT count(*) FROM {table}")
            counts.append(f"| {label} | {cursor.fetchone()[0]:,} |")
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        size = cursor.fetchone()[0]
    target = "met" if seconds < 600 else "**missed**"
    return (f"## Province-scale data (seed_scale)\n\n{header}\n"
            f"`seed_scale --enterprises {args.enterprises:,} --seed {args.seed}`: **{seconds:.0f} s** wall clock "
            f"(target < 10 min: {target}); database {size}.\n\n| rows | count |\n|---|---:|\n" + "\n".join(counts)
            + "\n\nSteps as the command printed them:\n\n```\n" + output.strip("\n") + "\n```\n")


# ---- gunicorn -------------------------------------------------------------------------------------------------

class Gunicorn:
    """gunicorn with production settings on a free local port; stopped (by its own pid) on exit."""

    def __init__(self, workers: int):
        self.workers = workers
        with socket.socket() as probe:
            probe.bind((HOST, 0))
            self.port = probe.getsockname()[1]
        self.env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hlr_portal.settings.production",
                    "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY", "bench-only-" + "x" * 40),
                    "ALLOWED_HOSTS": HOST, "LOG_LEVEL": "WARNING", "DEBUG": "false",
                    # As deployed behind nginx: the proxy's X-Forwarded-For is believed (the crawl loads the
                    # per-address rate-limited pages as many visitors, bench/crawl_bench.py PER_CLIENT_LIMITED).
                    "TRUSTED_PROXIES": HOST,
                    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"}
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> "Gunicorn":
        subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], cwd=ROOT,
                       env=self.env, check=True)
        gunicorn = shutil.which("gunicorn", path=str(Path(PYTHON).parent)) or "gunicorn"
        self.process = subprocess.Popen(
            [gunicorn, "hlr_portal.wsgi", "--workers", str(self.workers), "--bind", f"{HOST}:{self.port}",
             "--log-level", "warning", "--timeout", "120",
             # gunicorn.conf.py (read from the working directory) logs every request to stdout, which would
             # bury the bench's own output; the bench alone turns the access log off.
             "--access-logfile", os.devnull], cwd=ROOT, env=self.env)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if asyncio.run(Session(HOST, self.port).get("/healthz")).status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.5)
        raise RuntimeError("gunicorn did not answer /healthz within 60 s")

    def __exit__(self, *exc) -> None:
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=60)


# ---- HTTP pages -----------------------------------------------------------------------------------------------

def bench_targets() -> dict[str, object]:
    """Who logs in and which objects the pages show: the busiest county of the seeded province."""
    county = Region.objects.filter(level=RegionLevel.COUNTY, code__startswith="99").order_by("code").first()
    city = county.parent
    in_review = (Application.objects.filter(unit__region=county, status="county_review", review_panel__isnull=False)
                 .order_by("-campaign_year__year", "pk").select_related("unit").first())
    own = Application.objects.filter(unit__memberships__user__username=PAGE_REP).select_related("unit").get()
    return {"county": county, "city": city, "in_review": in_review, "own": own}


def http_part(args, port: int) -> str:
    header = stamp(command_line(args, "http"))
    targets = bench_targets()
    county, city = targets["county"], targets["city"]
    pages = [
        ("trivial view: /healthz (database + Redis ping)", None, "/healthz", None),
        ("county review queue", county_admin_name(county.code), "/reviews/", None),
        ("city confirmation list", city_admin_name(city.code), "/reviews/city/", None),
        ("a unit's application (county review page)", county_admin_name(county.code),
         f"/reviews/{targets['in_review'].pk}/", targets["in_review"].unit.name),
        ("self-evaluation page (representative)", PAGE_REP, f"/applications/{targets['own'].pk}/",
         targets["own"].unit.name),
        ("dashboard (city)", city_admin_name(city.code), "/reports/dashboard/", None),
    ]
    results = asyncio.run(_measure(pages, args, port))
    trivial = results[0][0]
    rows = []
    for result, alone in results:
        ratio = result.throughput / trivial.throughput if trivial.throughput else float("nan")
        heavy = result is not trivial
        verdict = ""
        if heavy:
            verdict = "yes" if ratio >= RATIO_TARGET and result.percentile(0.95) <= P95_TARGET_MS else "**no**"
        rows.append(f"| {result.name} | `{result.path}` | {result.requests:,} | {result.errors} | "
                    f"{result.throughput:.1f} | {ratio:.2f} | {result.percentile(0.5):.0f} | "
                    f"{result.percentile(0.95):.0f} | {result.percentile(0.99):.0f} | {alone.percentile(0.5):.0f} | "
                    f"{alone.percentile(0.95):.0f} | {verdict} |")
    return (f"## HTTP: the heaviest pages against a trivial view\n\n{header}\n"
            f"gunicorn, `hlr_portal.settings.production` (DEBUG off), {args.workers} sync workers, the same server "
            f"for every row; {args.connections} concurrent connections per page for {args.seconds:g} s after "
            f"{args.warmup:g} s of warm-up; the load generator (bench/loadgen.py) runs on the same machine. "
            f"County: {county.name} ({county.code}), city: {city.name}. Targets: throughput ≥ "
            f"{RATIO_TARGET:.0%} of the trivial view's and p95 ≤ {P95_TARGET_MS:g} ms.\n\n"
            f"The last two columns are one connection alone for {min(args.seconds, 5):g} s: the time one request "
            f"takes when it does not queue behind others.\n\n"
            "| page | path | requests | errors | req/s | ratio to trivial | p50 ms | p95 ms | p99 ms | alone p50 ms "
            "| alone p95 ms | targets met |\n"
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n" + "\n".join(rows) + "\n")


async def _measure(pages, args, port: int) -> list[tuple[LoadResult, LoadResult]]:
    sessions: dict[str | None, Session] = {}
    results = []
    for name, username, path, marker in pages:
        if username not in sessions:
            sessions[username] = Session(HOST, port)
            if username:
                await sessions[username].login(username, BENCH_PASSWORD, totp_key=BENCH_TOTP_KEY)
        session = sessions[username]
        first = await session.get(path)
        if first.status != 200 or (marker and marker not in first.text):
            raise RuntimeError(f"{path} as {username}: HTTP {first.status}, expected text missing: {marker}")
        result = await load(name, session, path, connections=args.connections, seconds=args.seconds,
                            warmup=args.warmup)
        alone = await load(name, session, path, connections=1, seconds=min(args.seconds, 5), warmup=0.5)
        print(f"{name}: {result.throughput:.1f} req/s, p95 {result.percentile(0.95):.0f} ms, "
              f"{result.errors} errors; alone p50 {alone.percentile(0.5):.0f} ms")
        results.append((result, alone))
    return results


# ---- every crawled page ----------------------------------------------------------------------------------------

def crawl_part(args, port: int) -> str:
    chosen = "".join(f" --{flag} '{value}'" for flag, value in (("roles", args.roles), ("pages", args.pages))
                     if value)
    header = stamp(command_line(args, "crawl") + f" --seconds {args.seconds:g} --warmup {args.warmup:g}"
                   f" --reference-every {args.reference_every}{chosen}")
    county = bench_targets()["county"]
    roles = crawl_roles(county, county.parent)
    if args.roles:
        wanted = {role.strip() for role in args.roles.split(",")}
        unknown = wanted - {role for role, _ in roles}
        if unknown:
            raise SystemExit(f"--roles: unknown {sorted(unknown)}; known: {[role for role, _ in roles]}")
        roles = [(role, username) for role, username in roles if role in wanted]
    url_names = {name.strip() for name in args.pages.split(",") if name.strip()} or None
    run: CrawlRun = crawl_run(HOST, port, roles=roles, cap=args.crawl_cap, seconds=args.seconds,
                              warmup=args.warmup, url_names=url_names,
                              reference_every=args.reference_every)
    trivial = run.reference
    rows = [_crawl_row(run.trivial, trivial, ""), _crawl_row(run.trivial_again, trivial, "")] + [
        _crawl_row(page, trivial, "met" if page.meets_budget(trivial) else "**not met**") for page in run.pages]
    missed = sum(not page.meets_budget(trivial) for page in run.pages)
    found = []
    for role, crawled in run.crawls.items():
        capped = f" (stopped at the cap of {args.crawl_cap})" if crawled.capped else ""
        files = ", ".join(f"`{file.url_name}`" for file in crawled.files) or "none"
        found.append(f"- {role}: {len(crawled.pages)} pages{capped} from {len(crawled.links):,} distinct links; "
                     f"files not loaded: {files}")
        found += [f"  - **error** {problem}" for problem in crawled.problems]
    return (f"## Every page each role reaches, against a trivial view\n\n{header}\n"
            f"County: {county.name} ({county.code}), city: {county.parent.name}; database seeded with "
            f"`seed_scale --enterprises {_enterprise_count():,}`. Each role logs in with its bench login and "
            f"bench/crawl.py follows, breadth-first from its home page, every same-site link the portal renders "
            f"for it (logout, language and the admin site skipped); one page per URL name and set of query keys "
            f"(ids and filter values do not make new pages), "
            + (f"at most {args.crawl_cap} per role. " if args.crawl_cap else "every one of them. ")
            + f"Each page is "
            f"loaded under 32 and under 8 connections for {args.seconds:g} s after {args.warmup:g} s of "
            f"warm-up, then by one connection alone for {min(args.seconds, 5):g} s; gunicorn and settings as in "
            f"the HTTP part. The reference is `{trivial.path}`, which touches no database, Redis or session, "
            f"measured before the first page and after the last (the first two rows)"
            + (f" and again at 32 connections after every {args.reference_every} pages "
               f"(`--reference-every`: the machine is shared, its speed moves from minute to minute); each "
               f"page's ratio is to the faster of the two measurements around it (column 'reference').\n\n"
               if args.reference_every else "; ratios are to the faster of the two.\n\n")
            + "Budgets (issue 17): every page ≥ 5 % of the trivial view at 32 connections and alone p95 ≤ 150 ms; "
            "the workbench (`home:home`), the review queue and review page, the representative's "
            "self-evaluation ≥ 10 % and ≤ 80 ms; anonymous pages ≥ 25 %; no errors (other than HTTP 200, or "
            + f"longer than 30 s). **{missed} of {len(run.pages)} pages do not meet their budget.**"
            + (f" Only part of the crawl was loaded ({chosen.strip()})." if chosen else "") + "\n\n"
            "| role | URL name | path | requests at 32 | errors | req/s at 32 | reference req/s | ratio to trivial "
            "| p50 ms | p95 ms | p99 ms | req/s at 8 | alone p95 ms | budget | met |\n"
            "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n" + "\n".join(rows)
            + "\n\nWhat each role's crawl found:\n\n" + "\n".join(found) + "\n")


def _crawl_row(page: Measured, trivial: Measured, verdict: str) -> str:
    share, p95 = page.budget
    budget = f"≥ {share:.0%}, ≤ {p95:g} ms" if verdict else ""
    load_32 = page.at_32
    return (f"| {page.role} | `{page.url_name}` | `{page.path}` | {load_32.requests:,} | {page.errors} | "
            f"{load_32.throughput:.1f} | {page.reference_or(trivial).throughput:.1f} | "
            f"{page.ratio(trivial):.3f} | {load_32.percentile(0.5):.0f} | "
            f"{load_32.percentile(0.95):.0f} | {load_32.percentile(0.99):.0f} | {page.at_8.throughput:.1f} | "
            f"{page.alone.percentile(0.95):.0f} | {budget} | {verdict} |")


def _enterprise_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM registry_enterprise")
        return cursor.fetchone()[0]


# ---- deadline rush --------------------------------------------------------------------------------------------

def rush_part(args, port: int) -> str:
    header = stamp(command_line(args, "rush"))
    result: RushResult = rush_run(HOST, port, args.reps)
    saves, submits = LoadResult("saves", "", 0, result.save_latencies), LoadResult("submits", "", 0,
                                                                                  result.submit_latencies)
    verdict = "met" if not result.errors and not result.answers_lost and not result.submissions_lost else "**missed**"
    errors = "\n".join(f"- {line}" for line in result.errors[:20])
    print(f"rush: {result.submitted_ok}/{result.reps} submitted, {len(result.errors)} errors, "
          f"{result.answers_lost} answers lost")
    return (f"## Deadline rush\n\n{header}\n"
            f"{result.reps} representatives, each logged in with the two required files uploaded beforehand, start "
            f"at the same moment: every item saved by its own POST (as the page's htmx does), then submit, then the "
            f"page the browser is sent to. Afterwards the database is read back.\n\n"
            f"| figure | value |\n|---|---:|\n"
            f"| wall clock, first request to last response | {result.seconds:.1f} s |\n"
            f"| item saves acknowledged (HTTP 200) | {result.answers_acknowledged:,} |\n"
            f"| item save latency p50 / p95 / p99 | {saves.percentile(0.5):.0f} / {saves.percentile(0.95):.0f} / "
            f"{saves.percentile(0.99):.0f} ms |\n"
            f"| submit latency p50 / p95 / p99 | {submits.percentile(0.5):.0f} / {submits.percentile(0.95):.0f} / "
            f"{submits.percentile(0.99):.0f} ms |\n"
            f"| submissions confirmed on the page | {result.submitted_ok} of {result.reps} |\n"
            f"| errors (HTTP other than expected, connection failures) | {len(result.errors)} |\n"
            f"| acknowledged answers missing or different in the database | {result.answers_lost} |\n"
            f"| confirmed submissions not `submitted` in the database | {result.submissions_lost} |\n\n"
            f"Target (zero errors, zero lost answers): {verdict}.\n"
            + (f"\nFirst errors:\n\n{errors}\n" if errors else ""))


# ---- autosave -------------------------------------------------------------------------------------------------

AUTOSAVE_CONNECTIONS = (8, 32)
AUTOSAVE_RATIO_TARGET, AUTOSAVE_QUERY_BUDGET = 0.15, 6
REFERENCE_PATH = "/healthz"


def autosave_part(args, port: int) -> str:
    header = stamp(command_line(args, "autosave"))
    results = autosave_run(HOST, port, connections=list(AUTOSAVE_CONNECTIONS), seconds=args.seconds,
                           warmup=args.warmup, reference_path=REFERENCE_PATH)
    count, statements = queries_per_save()
    rows = []
    for result in results:
        saves = result.saves
        verdict = "yes" if result.ratio >= AUTOSAVE_RATIO_TARGET and not saves.errors else "**no**"
        rows.append(f"| {result.connections} | {saves.requests:,} | {saves.errors} | {saves.throughput:.1f} | "
                    f"{result.reference.throughput:.1f} | {result.ratio:.2f} | {saves.percentile(0.5):.0f} | "
                    f"{saves.percentile(0.95):.0f} | {saves.percentile(0.99):.0f} | {verdict} |")
    listing = "\n".join(f"{n}. {sql}" for n, sql in enumerate(statements, start=1))
    return (f"## Autosave: the self-evaluation item save\n\n{header}\n"
            f"gunicorn as in the HTTP part, {args.workers} sync workers. Each connection is one representative "
            f"saving the items of their own draft in turn (a POST with the CSRF token and `HX-Request`, every save "
            f"changing the answer), for {args.seconds:g} s after {args.warmup:g} s of warm-up; the reference "
            f"(`{REFERENCE_PATH}`) is measured just before, with as many connections. Target: ≥ "
            f"{AUTOSAVE_RATIO_TARGET:.0%} of the reference's throughput, no errors.\n\n"
            "| connections | saves | errors | saves/s | reference req/s | ratio | p50 ms | p95 ms | p99 ms "
            "| target met |\n|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n" + "\n".join(rows)
            + f"\n\nQueries per save (one save of a changed answer, the session and the user's roles included): "
              f"**{count}** (budget for the save itself: {AUTOSAVE_QUERY_BUDGET}).\n\n```\n{listing}\n```\n")


# ---- the other bench scripts ----------------------------------------------------------------------------------

def script_part(title: str, command: list[str], env: dict[str, str], pattern: str, summary: str) -> str:
    shown = " ".join(f"{k}={v}" for k, v in env.items())
    header = stamp(f"DATABASE_URL=… REDIS_URL=… {shown + ' ' if shown else ''}.venv/bin/python {' '.join(command)}")
    try:
        completed = subprocess.run([PYTHON, *command], cwd=ROOT, env={**os.environ, **env}, capture_output=True,
                                   text=True, timeout=SCRIPT_TIMEOUT)
        output, code = (completed.stdout + completed.stderr).strip(), completed.returncode
        output = "\n".join(line for line in output.splitlines() if not line.startswith("AXES: "))
    except subprocess.TimeoutExpired as exc:
        output = f"{exc.stdout or ''}{exc.stderr or ''}".strip() + f"\n(stopped after {SCRIPT_TIMEOUT} s)"
        code = "a timeout"
    print(output)
    found = re.search(pattern, output)
    figure = summary.format(*found.groups()) if found else f"**no figure: the script ended with {code}**"
    return f"## {title}\n\n{header}\n{figure}\n\n```\n{output[-4000:]}\n```\n"


if __name__ == "__main__":
    main()
