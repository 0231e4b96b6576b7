import django.db.models.deletion
from django.db import migrations, models


# Apart from the backfill: PostgreSQL will not alter a table whose foreign-key checks from the backfill are still
# pending in the same transaction.
class Migration(migrations.Migration):

    dependencies = [
        ('applications', '0009_application_unit_copies'),
    ]

    operations = [
        migrations.AlterField(
            model_name='application',
            name='region',
            field=models.ForeignKey(blank=True, db_index=False, editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='regions.region', verbose_name='所属县(市、区)'),
        ),
        migrations.AlterModelOptions(
            name='application',
            options={'ordering': ['-campaign_year__year', 'unit_name'], 'verbose_name': '创建申报', 'verbose_name_plural': '创建申报'},
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['region', 'status'], name='application_region_status'),
        ),
        migrations.AddIndex(
            model_name='application',
            index=models.Index(fields=['township', 'status'], name='application_township_status'),
        ),
    ]
