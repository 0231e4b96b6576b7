"""Per-request cost of the heavy review pages, in-process: median wall time, queries and SQL time.

Runs the production settings against an existing (seeded) database without a server or load. "SQL" is
the time spent waiting on the database; "Python CPU" is this process's CPU time per request (less moved
by other work on the machine than wall time):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/hlr_scale REDIS_URL=redis://127.0.0.1:6379/2 \
        .venv/bin/python scripts/profile_pages.py [--repeat 30] [--profile queue|city|detail] [--sql]

Reads only (the session lives in the client; force_login writes nothing but a session row).
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlr_portal.settings.production")
os.environ.setdefault("SECRET_KEY", "profile-only-" + "x" * 40)
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
os.environ.setdefault("LOG_LEVEL", "WARNING")
os.environ.setdefault("DEBUG", "false")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from apps.accounts.models import User  # noqa: E402
from apps.applications.assessments.models import Application  # noqa: E402
from apps.regions.models import Region, RegionLevel  # noqa: E402


class SqlTimer:
    def __init__(self):
        self.queries: list[tuple[float, str]] = []

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.queries.append((time.perf_counter() - start, sql))


def targets() -> list[tuple[str, str, str]]:
    county = Region.objects.filter(level=RegionLevel.COUNTY, code__startswith="99").order_by("code").first()
    in_review = (Application.objects.filter(unit__region=county, status="county_review", review_panel__isnull=False)
                 .order_by("-campaign_year__year", "pk").first())
    return [
        ("queue", f"scale_county_{county.code}", "/reviews/"),
        ("city", f"scale_city_{county.parent.code}", "/reviews/city/"),
        ("detail", f"scale_county_{county.code}", f"/reviews/{in_review.pk}/"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--only", default="")
    parser.add_argument("--profile", default="", help="cProfile one page (name) and print the top functions")
    parser.add_argument("--sql", action="store_true", help="print each query of one request with its time")
    parser.add_argument("--dump", action="store_true", help="also print every sample (for an A/B script)")
    args = parser.parse_args()
    clients: dict[str, Client] = {}
    for name, username, path in targets():
        if args.only and name not in args.only.split(","):
            continue
        if username not in clients:
            clients[username] = Client(HTTP_X_FORWARDED_PROTO="https")
            clients[username].force_login(User.objects.get(username=username))
        client = clients[username]
        for _ in range(args.warmup):
            assert client.get(path).status_code == 200, path
        walls, cpus, sqls, counts = [], [], [], []
        last = None
        for _ in range(args.repeat):
            timer = SqlTimer()
            with connection.execute_wrapper(timer):
                start, cpu = time.perf_counter(), time.process_time()
                response = client.get(path)
                walls.append(time.perf_counter() - start)
                cpus.append(time.process_time() - cpu)
            assert response.status_code == 200
            sqls.append(sum(t for t, _ in timer.queries))
            counts.append(len(timer.queries))
            last = timer
        wall, sql = statistics.median(walls) * 1000, statistics.median(sqls) * 1000
        print(f"{name:7} {path:18} median {wall:6.1f} ms (min {min(walls) * 1000:5.1f})  queries "
              f"{statistics.median(counts):3.0f}  SQL {sql:5.1f} ms (min {min(sqls) * 1000:5.1f})  "
              f"Python CPU {statistics.median(cpus) * 1000:5.1f} ms (min {min(cpus) * 1000:5.1f})")
        if args.dump:
            for kind, values in (("wall", walls), ("sql", sqls), ("cpu", cpus)):
                print(f"DUMP {name} {kind} " + ",".join(f"{v * 1000:.2f}" for v in values))
            print(f"DUMP {name} queries " + ",".join(str(c) for c in counts))
        if args.sql:
            for t, sql_text in last.queries:
                print(f"    {t * 1000:6.2f} ms  {sql_text[:400]}")
        if args.profile == name:
            import cProfile
            import pstats
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(10):
                client.get(path)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(60)
            pstats.Stats(profiler).sort_stats("tottime").print_stats(40)


if __name__ == "__main__":
    main()
