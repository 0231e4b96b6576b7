"""Each seeded measure goes to the locality whose document lists it; where that region is not loaded
(a fresh database: regions come later, from fixtures) an unused measure is dropped and seed_demo or the
locality's admin enters the catalogue. The credit condition becomes a minimum grade."""

from django.db import migrations

from apps.oversight.incentives.catalogue import CATALOGUES

# Codes of the former single catalogue that the per-locality catalogues renamed.
FORMER = {"provincial-joint-incentives": "370400", "priority-support": "120102"}


def attach(apps, schema_editor):
    Measure = apps.get_model("oversight", "IncentiveMeasure")
    Region = apps.get_model("regions", "Region")
    Grant = apps.get_model("oversight", "IncentiveGrant")
    homes = {spec.code: c.region_code for c in CATALOGUES for spec in c.measures} | FORMER
    specs = {spec.code: spec for c in CATALOGUES for spec in c.measures}
    for measure in Measure.objects.filter(region__isnull=True):
        region = Region.objects.filter(code=homes.get(measure.code, "")).first()
        if region is None:
            if not Grant.objects.filter(measure=measure).exists():
                measure.delete()
            continue
        spec = specs.get(measure.code)
        measure.region = region
        measure.min_credit_grade = "A" if measure.requires_credit_grade_a else ""
        if spec is not None:
            measure.min_title_level = spec.min_title_level
            measure.basis = spec.basis
        elif measure.code == "provincial-joint-incentives":
            measure.min_title_level = "province"  # 枣庄: only units that reach the provincial standard
        measure.save()


class Migration(migrations.Migration):
    dependencies = [("oversight", "0003_incentive_measures_per_locality"), ("regions", "0001_initial")]

    operations = [migrations.RunPython(attach, migrations.RunPython.noop)]
