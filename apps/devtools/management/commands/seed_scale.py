"""A deterministic synthetic province for benchmarks: see apps/devtools/scale/."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from apps.devtools.scale.campaigns import applications_build, scale_standard
from apps.devtools.scale.outcomes import panels_build, titles_build
from apps.devtools.scale.people import (
    BENCH_PASSWORD,
    PAGE_REP,
    city_admin_name,
    coordinator_name,
    county_admin_name,
    people_build,
    reviewer_name,
    township_staff_name,
)
from apps.devtools.scale.province import PROVINCE_NAME, province_build, province_exists
from apps.devtools.scale.registry import registry_build
from apps.devtools.scale.risks import risk_events_build


class Command(BaseCommand):
    help = "生成省级规模的基准测试数据（确定性：同一 --seed 生成同样的数据）。仅支持 PostgreSQL。"

    def add_arguments(self, parser):
        parser.add_argument("--enterprises", type=int, default=200_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--parks", type=int, default=None, help="industrial parks (default: enterprises / 100)")
        parser.add_argument("--industries", type=int, default=None,
                            help="industry bodies, groups and chains (default: enterprises / 1,000)")
        parser.add_argument("--years", type=int, default=5, help="campaign years ending with this year")
        parser.add_argument("--risk-events", type=int, default=None, help="default: 5 per enterprise")
        parser.add_argument("--reps", type=int, default=200, help="representatives for the deadline-rush benchmark")

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("seed_scale 只支持 PostgreSQL（它用 COPY 批量写入）："
                               "请设置 DATABASE_URL 指向 PostgreSQL 数据库。")
        if province_exists():
            raise CommandError(f"数据库中已有{PROVINCE_NAME}的基准数据："
                               "请换一个空的数据库（createdb 后 migrate）再运行。")
        enterprises = options["enterprises"]
        seed = options["seed"]
        parks = options["parks"] if options["parks"] is not None else enterprises // 100
        industries = options["industries"] if options["industries"] is not None else enterprises // 1000
        events = options["risk_events"] if options["risk_events"] is not None else enterprises * 5
        this_year = timezone.localdate().year
        years = list(range(this_year - options["years"] + 1, this_year + 1))
        started = time.perf_counter()

        def step(label: str, since: float) -> float:
            now = time.perf_counter()
            self.stdout.write(f"  {label}: {now - since:.1f} s")
            return now

        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
            mark = started
            province = province_build(seed=seed)
            mark = step(f"{len(province.cities)} cities, {len(province.counties)} counties, "
                        f"{sum(len(c.townships) for c in province.counties)} townships", mark)
            registry = registry_build(province=province, seed=seed, enterprises=enterprises, parks=parks,
                                      industries=industries, reps=options["reps"])
            mark = step(f"{enterprises} enterprises, {parks} parks, {industries} industry bodies", mark)
            people = people_build(province=province, registry=registry)
            mark = step("logins", mark)
            standard = scale_standard()
            records = applications_build(province=province, registry=registry, people=people, seed=seed,
                                         years=years, standard=standard)
            mark = step(f"{len(records)} applications with answers, revisions and history ({years[0]}–{years[-1]})",
                        mark)
            results = panels_build(records=records, people=people, standard=standard, seed=seed)
            mark = step("review panels and score sheets", mark)
            titles_build(records=records, results=results, people=people, standard=standard, seed=seed)
            mark = step("titles and incentive grants", mark)
            risk_events_build(registry=registry, seed=seed, count=events, years=len(years))
            mark = step(f"{events} risk events", mark)
        mark = step("commit (the deferred foreign-key checks run here)", mark)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        step("ANALYZE", mark)
        bench = province.bench_county
        self.stdout.write(self.style.SUCCESS(f"seed_scale: done in {time.perf_counter() - started:.1f} s"))
        self.stdout.write(f"logins (password {BENCH_PASSWORD}): {city_admin_name(bench.city.code)}, "
                          f"{county_admin_name(bench.region.code)}, {reviewer_name('hrss', bench.region.code)}, "
                          f"{township_staff_name(bench.region.code)}, {coordinator_name(bench.region.code)}, "
                          f"{PAGE_REP}, scale_rep_000 … scale_rep_{options['reps'] - 1:03d}")
