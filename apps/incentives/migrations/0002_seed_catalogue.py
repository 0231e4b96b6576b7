from django.db import migrations


def load(apps, schema_editor):
    from apps.incentives.catalogue import load_catalogue

    load_catalogue(apps.get_model("incentives", "IncentiveMeasure"))


class Migration(migrations.Migration):
    dependencies = [("incentives", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
