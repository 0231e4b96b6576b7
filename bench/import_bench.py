"""Import benchmark: 10,000 template rows → validation + bulk import, printed as rows/s.

Run with the same env vars as the tests, against a scratch database (it
migrates, writes 10,000 enterprises, then deletes them):

    DATABASE_URL=postgres://... REDIS_URL=redis://... .venv/bin/python bench/import_bench.py
"""

import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlr_portal.settings.dev")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from apps.accounts.models import User  # noqa: E402
from apps.regions.models import Region, RegionLevel  # noqa: E402
from apps.regions.services import region_get_or_create  # noqa: E402
from apps.registry.enterprises.uscc import uscc_with_check_digit  # noqa: E402
from apps.registry.import_batches import import_batch_confirm, import_batch_create  # noqa: E402
from apps.registry.imports import enterprises_parse, template_xlsx_for  # noqa: E402
from apps.registry.units.models import Unit  # noqa: E402

ROWS = int(os.environ.get("BENCH_ROWS", "10000"))


def main() -> None:
    call_command("migrate", verbosity=0)
    province = region_get_or_create(name="基准省", level=RegionLevel.PROVINCE, code="")
    city = region_get_or_create(name="基准市", level=RegionLevel.CITY, parent=province)
    county = region_get_or_create(name="基准县", level=RegionLevel.COUNTY, parent=city)
    region_get_or_create(name="基准街道", level=RegionLevel.TOWNSHIP, parent=county)
    counties = Region.objects.filter(pk=county.pk)
    owner, _ = User.objects.get_or_create(username="bench_import_owner")
    Unit.objects.filter(region=county).delete()

    workbook = load_workbook(io.BytesIO(template_xlsx_for(counties=counties)))
    sheet = workbook.active
    for n in range(ROWS):
        sheet.append([f"基准企业{n:05d}有限公司", uscc_with_check_digit(f"91999999MB{n:07d}"), "基准县", "基准街道", "",
                      f"基准路 {n} 号", "13", "民营企业", "小型", 50, "是", "否", "A", "联系人", "13800000000"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    data = buffer.getvalue()
    print(f"file: {ROWS} rows, {len(data) / 1024:.0f} KB")

    started, cpu_started = time.perf_counter(), time.process_time()
    parsed = enterprises_parse(upload=io.BytesIO(data), size=len(data), counties=counties)
    validated = time.perf_counter()
    assert not parsed.errors, parsed.errors[:3]
    batch = import_batch_create(owner=owner, file_name="bench.xlsx", parsed=parsed)
    count = import_batch_confirm(batch=batch, by=owner, counties=counties)
    finished, cpu_finished = time.perf_counter(), time.process_time()
    total = finished - started
    print(f"validation: {validated - started:.2f} s ({ROWS / (validated - started):.0f} rows/s)")
    print(f"store batch + import: {finished - validated:.2f} s")
    print(f"validation + import: {count} rows in {total:.2f} s = {count / total:.0f} rows/s (wall clock)")
    cpu = cpu_finished - cpu_started
    print(f"this process's CPU time: {cpu:.2f} s = {count / cpu:.0f} rows/s (database time not included)")
    print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    Unit.objects.filter(region=county).delete()
    batch.delete()


if __name__ == "__main__":
    main()
