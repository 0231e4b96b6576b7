import django.db.models.deletion
from django.db import migrations, models

# Every existing risk event takes its unit's county and township: one statement that PostgreSQL and SQLite both run.
BACKFILL = """
UPDATE oversight_riskevent SET (region_id, township_id) = (
    SELECT registry_unit.region_id, registry_unit.township_id FROM registry_unit
    WHERE registry_unit.id = oversight_riskevent.unit_id
)
"""


class Migration(migrations.Migration):

    dependencies = [
        ('oversight', '0010_title_check_rounds'),
        ('regions', '0002_region_level_community'),
        ('registry', '0006_enterprise_medium_or_large_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='riskevent',
            name='region',
            field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='regions.region', verbose_name='所属县(市、区)'),
        ),
        migrations.AddField(
            model_name='riskevent',
            name='township',
            field=models.ForeignKey(blank=True, db_index=False, editable=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='regions.region', verbose_name='所属乡镇(街道)'),
        ),
        migrations.RunSQL(BACKFILL, migrations.RunSQL.noop),
    ]
