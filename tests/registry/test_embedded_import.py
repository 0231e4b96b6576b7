"""The enterprise import confirmed on the embedded default: SQLite, no Redis, tasks in-process (`make demo`).

The test database is PostgreSQL, so the portal runs here in a child process
with the environment `make demo` has (no DATABASE_URL to a server, no
REDIS_URL); only the SQLite file is put in a temporary directory.
"""

import os
import subprocess
import sys

from django.conf import settings

SCRIPT = """
import io
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from apps.accounts.models import Membership, Role, User
from apps.registry.enterprises.models import Enterprise
from apps.registry.enterprises.uscc import uscc_with_check_digit
from apps.regions.models import Region, RegionLevel
from apps.registry.models import ImportBatch, UnitEvent

province = Region.objects.create(name="山西省", code="140000", level=RegionLevel.PROVINCE)
city = Region.objects.create(name="临汾市", code="141000", level=RegionLevel.CITY, parent=province)
county = Region.objects.create(name="尧都区", code="141002", level=RegionLevel.COUNTY, parent=city)
admin = User.objects.create_user(username="county_admin", password="x")
Membership.objects.create(user=admin, role=Role.COUNTY_ADMIN, region=county)
client = Client()
client.force_login(admin)
book = load_workbook(io.BytesIO(client.get(reverse("registry:import_template")).content))
for n in (1, 2):
    book.active.append([f"嵌入式导入{n}有限公司", uscc_with_check_digit(f"91141002MA000000{n}"), "尧都区"])
buffer = io.BytesIO()
book.save(buffer)
upload = client.post(reverse("registry:import_upload"), {"file": SimpleUploadedFile("a.xlsx", buffer.getvalue())})
print("upload", upload.status_code)
confirm = client.post(reverse("registry:import_confirm", args=[ImportBatch.objects.get().pk]))
print("confirm", confirm.status_code, confirm.get("Location"))
imported = UnitEvent.objects.filter(action="imported", actor=admin).count()
print("enterprises", Enterprise.objects.count(), "imported", imported)
"""


def _embedded(tmp_path, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    env["OTP_REQUIRED_ROLES"] = ""  # as `make demo` runs: the county admin logs in with the password alone
    return subprocess.run([sys.executable, "manage.py", *args], cwd=settings.BASE_DIR, env=env, input=stdin,
                          capture_output=True, text=True, timeout=300)


def test_enterprise_import_confirms_on_sqlite_without_redis(tmp_path):
    migrated = _embedded(tmp_path, "migrate", "-v0")
    assert migrated.returncode == 0, migrated.stderr
    run = _embedded(tmp_path, "shell", stdin=SCRIPT)
    assert run.returncode == 0, run.stderr
    assert "upload 302" in run.stdout, run.stdout + run.stderr
    # Before: COPY and nextval() are PostgreSQL's; SQLite raised OperationalError and the portal answered 503.
    assert "confirm 302 /registry/units/" in run.stdout, run.stdout + run.stderr[-3000:]
    assert "enterprises 2 imported 2" in run.stdout
