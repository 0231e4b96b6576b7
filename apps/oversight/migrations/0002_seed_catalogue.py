from django.db import migrations

from apps.oversight.incentives.catalogue import load_catalogue


def load(apps, schema_editor):
    load_catalogue(apps.get_model("oversight", "IncentiveMeasure"))


class Migration(migrations.Migration):
    dependencies = [("oversight", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
