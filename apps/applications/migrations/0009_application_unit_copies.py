import django.db.models.deletion
from django.db import migrations, models

# Every existing application takes its unit's county, township and name: one statement that PostgreSQL and
# SQLite both run.
BACKFILL = """
UPDATE applications_application SET (region_id, township_id, unit_name) = (
    SELECT registry_unit.region_id, registry_unit.township_id, registry_unit.name FROM registry_unit
    WHERE registry_unit.id = applications_application.unit_id
)
"""


class Migration(migrations.Migration):

    dependencies = [
        ('applications', '0008_recognition_list_order_index'),
        ('regions', '0002_region_level_community'),
        ('registry', '0006_enterprise_medium_or_large_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='application',
            name='region',
            field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='regions.region', verbose_name='所属县(市、区)'),
        ),
        migrations.AddField(
            model_name='application',
            name='township',
            field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='regions.region', verbose_name='所属乡镇(街道)'),
        ),
        migrations.AddField(
            model_name='application',
            name='unit_name',
            field=models.CharField(blank=True, default='', editable=False, max_length=200, verbose_name='单位名称'),
            preserve_default=False,
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
    ]
