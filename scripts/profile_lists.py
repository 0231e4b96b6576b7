"""Per-request cost of the list pages at province scale, in-process: median wall time, queries, SQL time.

The same users and pages as the crawl benchmark's list pages (bench/crawl_bench.py): the bench county's
admin, reviewer, township staff and coordinator, its city's admin, and anonymous visitors. Runs the
production settings against an existing (seeded) database, without a server or load, so the figures move
far less with the machine's load than the crawl's throughput:

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hlr_scale REDIS_URL=redis://127.0.0.1:6379/2 \\
        .venv/bin/python scripts/profile_lists.py [--repeat 10] [--only county:/risks/,city] [--sql]

``--only`` takes role names (county, city, reviewer, township, coordinator, representative, anonymous) or
role:path pairs; a path not in the role's list is loaded as given, with ``{unit}`` (the representative's
unit), ``{application}`` (its newest application), ``{certificate}`` (a valid title's number), ``{county}``
and ``{year}`` filled in (e.g. ``representative:/registry/units/{unit}/``, ``anonymous:/verify/{certificate}/``).
``--crawl`` profiles, instead of the fixed list, every page each role reaches from its navigation, found by
the benchmark's own crawl (bench/crawl.py, no cap), and ends with a table of them: the in-process counterpart
of ``bench/run.py --only crawl``, which measures the same pages under load.
Besides times (which move with the machine's load), each line gives the Python CPU time per request and the
database pages (8 kB buffers) the request's queries touched and the time PostgreSQL took to plan and run them,
by EXPLAIN (ANALYZE, BUFFERS): these move less with load. ``--sql`` prints each query of the last request
with its time, slowest first; ``--explain`` the plans of the two slowest; ``--profile`` a cProfile. Reads only.
"""

import argparse
import cProfile
import json
import logging
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlr_portal.settings.production")
os.environ.setdefault("SECRET_KEY", "profile-only-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")

import django  # noqa: E402

django.setup()

from crawl import Fetched, crawl  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user  # noqa: E402

from apps.accounts.models import Membership, Party, User  # noqa: E402
from apps.devtools.scale.people import (  # noqa: E402
    PAGE_REP,
    city_admin_name,
    coordinator_name,
    county_admin_name,
    reviewer_name,
    township_staff_name,
)
from apps.regions.models import Region, RegionLevel  # noqa: E402

STAFF_PAGES = ["/home/", "/applications/", "/applications/?page=2", "/reviews/", "/reviews/?status=submitted",
               "/reviews/?page=2", "/recognitions/", "/recognitions/?page=2", "/named-units/reports/",
               "/registry/units/", "/registry/units/?sort=name", "/registry/units/?page=2",
               "/registry/units/?sort=name&page=2", "/registry/pending/", "/cultivation/", "/risks/",
               "/risks/?page=2", "/revocations/cases/", "/reports/dashboard/", "/reports/", "/incentives/",
               "/training/", "/training/?year={year}", "/reports/targets/", "/titles/ending/",
               "/applications/on-behalf/", "/honours/", "/accounts/users/", "/named-units/province/"]
CITY_PAGES = STAFF_PAGES + ["/reviews/city/", "/notices/manage/"]
REP_PAGES = ["/registry/units/{unit}/", "/applications/{application}/", "/applications/"]
PUBLIC_PAGES = ["/", "/named/", "/named/?page=2", "/named/?year={year}&county={county}", "/verify/{certificate}/",
                "/revocations/notices/", "/registry/signup/", "/accounts/login/"]


def placeholders() -> dict[str, object]:
    """The values a page path may name: the bench county and last year, the representative's unit and
    newest application, and a valid title's certificate number in the bench county."""
    from apps.applications.assessments.models import Application
    from apps.applications.recognitions.models import Recognition, RecognitionStatus

    county = Region.objects.filter(level=RegionLevel.COUNTY, code__startswith="99").order_by("code").first()
    unit = Membership.objects.filter(user__username=PAGE_REP).values_list("unit_id", flat=True).first()
    application = Application.objects.filter(unit_id=unit).order_by("-pk").first()
    title = Recognition.objects.filter(status=RecognitionStatus.VALID).order_by("pk").first()
    return {"county": county, "year": time.localtime().tm_year - 1, "unit": unit,
            "application": application.pk if application else 0,
            "certificate": title.number if title else "none"}


def targets() -> dict[str, tuple[str | None, list[str]]]:
    values = placeholders()
    county = values["county"]
    values["county"] = county.pk
    return {
        "county": (county_admin_name(county.code), STAFF_PAGES),
        "city": (city_admin_name(county.parent.code), CITY_PAGES),
        "reviewer": (reviewer_name(Party.HRSS, county.code), STAFF_PAGES),
        "township": (township_staff_name(county.code), STAFF_PAGES),
        "coordinator": (coordinator_name(county.code), STAFF_PAGES),
        "representative": (PAGE_REP, REP_PAGES),
        "anonymous": (None, PUBLIC_PAGES),
    }, values


def timed(client: Client, path: str) -> tuple[float, float, list[tuple[float, str, tuple]], int]:
    queries: list[tuple[float, str, tuple]] = []

    def wrapper(execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            queries.append((time.perf_counter() - start, sql, params))

    with connection.execute_wrapper(wrapper):
        start, cpu = time.perf_counter(), time.process_time()
        response = client.get(path)
        return time.perf_counter() - start, time.process_time() - cpu, queries, response.status_code


def pages_read(queries: list[tuple[float, str, tuple]], *, each: bool = False) -> tuple[int, float]:
    """Shared buffers (8 kB pages) the request's SELECTs touched and their execution time in PostgreSQL, by
    EXPLAIN (ANALYZE, BUFFERS): the database's own work, without the round trips and Python around it.
    ``each``: also print every query's buffers and time."""
    total, executing = 0, 0.0
    with connection.cursor() as cursor:
        for _seconds, sql, params in queries:
            if not sql.lstrip(" (").upper().startswith("SELECT"):  # a UNION of sliced querysets opens with "("
                continue
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, params)
            plan = cursor.fetchone()[0]
            plan = json.loads(plan) if isinstance(plan, str) else plan
            top = plan[0]["Plan"]
            buffers = top.get("Shared Hit Blocks", 0) + top.get("Shared Read Blocks", 0)
            buffers += plan[0].get("Planning", {}).get("Shared Hit Blocks", 0)
            total += buffers
            executing += plan[0]["Execution Time"] + plan[0]["Planning Time"]
            if each:
                print(f"      {buffers:7} pages {plan[0]['Execution Time']:7.2f} ms  {sql[:160]}")
    return total, executing


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--only", default="")
    parser.add_argument("--sql", action="store_true")
    parser.add_argument("--explain", action="store_true", help="EXPLAIN ANALYZE the two slowest queries")
    parser.add_argument("--profile", action="store_true", help="cProfile each page (10 requests), top functions")
    parser.add_argument("--sort", default="tottime", help="the profile's order (pstats: tottime, cumulative, ...)")
    parser.add_argument("--buffers", action="store_true", help="print each query's pages read and run time")
    parser.add_argument("--crawl", action="store_true",
                        help="every page each role reaches from its navigation, not the fixed list; a table at the end")
    args = parser.parse_args()
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # a role's 403s are listed, not logged
    wanted = [item for item in args.only.split(",") if item]
    rows: list[str] = []
    roles, values = targets()
    for role, (username, pages) in roles.items():
        if wanted and role not in wanted and not any(item.startswith(f"{role}:") for item in wanted):
            continue
        client = signed_in(username)
        if args.crawl:
            pages = [page.path for page in crawl(lambda path, client=client: fetched(client, path),
                                                 ["/home/" if username else "/"]).pages]
        extra = [item.split(":", 1)[1] for item in wanted if item.startswith(f"{role}:")]
        pages = pages + [path for path in extra if path not in pages]
        for page in pages:
            if wanted and role not in wanted and f"{role}:{page}" not in wanted:
                continue
            path = page.format(**values)
            elapsed, cpu, queries, status = timed(client, path)  # warm-up
            if status != 200:
                continue  # not this role's page
            walls, sqls, cpus = [], [], []
            for _ in range(args.repeat):
                elapsed, cpu, queries, status = timed(client, path)
                walls.append(elapsed)
                cpus.append(cpu)
                sqls.append(sum(q[0] for q in queries))
            slowest = max(queries, default=(0.0, "", ()))
            read, executed = pages_read(queries, each=args.buffers)
            print(f"{role:11} {path:36} median {statistics.median(walls) * 1000:6.1f} ms  queries {len(queries):3}  "
                  f"SQL {statistics.median(sqls) * 1000:6.1f} ms  slowest {slowest[0] * 1000:6.1f} ms  "
                  f"CPU {statistics.median(cpus) * 1000:6.1f} ms  pages read {read:6}  executed {executed:6.1f} ms",
                  flush=True)
            rows.append(f"| {role} | `{path}` | {len(queries)} | {read:,} | {executed:.1f} | "
                        f"{statistics.median(cpus) * 1000:.1f} | {statistics.median(walls) * 1000:.1f} |")
            if args.sql:
                for seconds, sql, params in sorted(queries, key=lambda q: -q[0])[:8]:
                    print(f"      {seconds * 1000:7.2f} ms  {sql[:1500]}  {params}")
            if args.profile:
                profiler = cProfile.Profile()
                profiler.enable()
                for _ in range(10):
                    client.get(path)
                profiler.disable()
                pstats.Stats(profiler).sort_stats(args.sort).print_stats(40)
            if args.explain:
                for seconds, sql, params in sorted(queries, key=lambda q: -q[0])[:2]:
                    with connection.cursor() as cursor:
                        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                        print(f"      -- {seconds * 1000:.2f} ms: {sql[:200]}")
                        print("\n".join("      " + row[0] for row in cursor.fetchall()))
    if args.crawl:
        print("\n| role | page | queries | pages read | SQL executed ms | Python CPU ms | median ms |")
        print("|---|---|---:|---:|---:|---:|---:|")
        print("\n".join(rows))


def signed_in(username: str | None) -> Client:
    client = Client(HTTP_X_FORWARDED_PROTO="https")
    if username:
        user = User.objects.get(username=username)
        client.force_login(user)
        device = next(devices_for_user(user), None)  # the admins' second factor, as if entered
        if device is not None:
            session = client.session
            session[DEVICE_ID_SESSION_KEY] = device.persistent_id
            session.save()
    return client


def fetched(client: Client, path: str) -> Fetched:
    response = client.get(path)
    content_type = response.get("Content-Type", "")
    text = response.content.decode(errors="replace") if "html" in content_type else ""
    return Fetched(response.status_code, content_type, text, response.get("Location", ""))


if __name__ == "__main__":
    main()
