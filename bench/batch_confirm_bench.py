"""Batch confirmation benchmark: the city confirms 500 county-approved applications.

Two figures: all 500 in one request (the view's in-request path, forced by
raising its limit), and the same through the background batch the view now
uses above 50. Run with the same env vars as the tests, against a scratch
database (it migrates, writes 500 applications twice, then deletes them):

    DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/batch_confirm_bench.py
"""

import os
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlr_portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

from apps.accounts.models import Membership, Role, User  # noqa: E402
from apps.applications.assessments.models import Application  # noqa: E402
from apps.applications.workflow.states import Status  # noqa: E402
from apps.campaigns.models import CampaignYear  # noqa: E402
from apps.regions.models import RegionLevel  # noqa: E402
from apps.regions.services import region_get_or_create  # noqa: E402
from apps.registry.units.models import Unit  # noqa: E402
from apps.standards.services import standard_load_file  # noqa: E402

ROWS = int(os.environ.get("BENCH_ROWS", "500"))


def main() -> None:
    call_command("migrate", verbosity=0)
    settings.ALLOWED_HOSTS = ["*"]
    province = region_get_or_create(name="基准省", level=RegionLevel.PROVINCE, code="")
    city = region_get_or_create(name="基准市", level=RegionLevel.CITY, parent=province)
    county = region_get_or_create(name="基准县", level=RegionLevel.COUNTY, parent=city)
    standard, _ = standard_load_file(path=settings.BASE_DIR / "fixtures" / "standards" / "demo_all_features.yaml")
    year = date.today().year
    campaign, _ = CampaignYear.objects.get_or_create(city=city, year=year, defaults={
        "self_evaluation_opens": date(year, 1, 1), "self_evaluation_closes": date(year, 12, 31),
        "county_review_deadline": date(year, 12, 31), "city_confirmation_deadline": date(year, 12, 31)})
    admin, _ = User.objects.get_or_create(username="bench_city_admin")
    Membership.objects.get_or_create(user=admin, role=Role.CITY_ADMIN, region=city)
    import apps.applications.reviews.views as review_views
    from apps.applications.reviews.batches import confirmation_batch_run
    from apps.applications.reviews.models import ConfirmationBatch

    def fill() -> list[int]:
        Application.objects.filter(unit__region=county).delete()
        Unit.objects.filter(region=county).delete()
        units = Unit.objects.bulk_create([Unit(name=f"基准确认企业{n:04d}", kind="enterprise", region=county)
                                          for n in range(ROWS)])
        rows = Application.objects.bulk_create([
            Application(unit=unit, campaign_year=campaign, standard=standard, status=Status.COUNTY_APPROVED)
            for unit in units
        ])
        return [row.pk for row in rows]

    fill()
    review_views.SYNC_LIMIT = ROWS
    client = Client()
    client.force_login(admin)
    with CaptureQueriesContext(connection) as queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.post(reverse("reviews:city_confirm"), {"all": "1"})
        wall, cpu = time.perf_counter() - started, time.process_time() - cpu_started
    confirmed = Application.objects.filter(unit__region=county, status=Status.CITY_CONFIRMED).count()
    print(f"in one request: {confirmed} of {ROWS} confirmed in {wall:.2f} s wall, {cpu:.2f} s CPU, "
          f"{len(queries)} queries, HTTP {response.status_code}")

    ids = fill()
    batch = ConfirmationBatch.objects.create(city=city, application_ids=ids, total=len(ids), requested_by=admin)
    started = time.perf_counter()
    confirmation_batch_run(batch_id=batch.pk)
    wall = time.perf_counter() - started
    batch.refresh_from_db()
    print(f"background batch: {batch.confirmed} of {ROWS} confirmed in {wall:.2f} s wall "
          f"({batch.get_status_display()})")

    batch.delete()
    Application.objects.filter(unit__region=county).delete()
    Unit.objects.filter(region=county).delete()

if __name__ == "__main__":
    main()
