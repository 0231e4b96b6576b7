import csv
from pathlib import Path

from django.conf import settings
from django.db import migrations

CSV_PATH = Path(settings.BASE_DIR) / "fixtures" / "industries" / "gb4754_2017.csv"


def load(apps, schema_editor):
    """GB/T 4754-2017: 20 sections, 97 divisions; idempotent (update_or_create by code)."""
    IndustryClass = apps.get_model("registry", "IndustryClass")
    with open(CSV_PATH, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    sections = {}
    for row in rows:
        if not row["section"]:
            sections[row["code"]], _ = IndustryClass.objects.update_or_create(
                code=row["code"], defaults={"name": row["name"], "section": None}
            )
    for row in rows:
        if row["section"]:
            IndustryClass.objects.update_or_create(
                code=row["code"], defaults={"name": row["name"], "section": sections[row["section"]]}
            )


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
