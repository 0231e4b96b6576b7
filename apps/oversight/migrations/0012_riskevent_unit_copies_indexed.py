import django.db.models.deletion
import django.db.models.expressions
from django.db import migrations, models


# Apart from the backfill: PostgreSQL will not alter a table whose foreign-key checks from the backfill are still
# pending in the same transaction.
class Migration(migrations.Migration):

    dependencies = [
        ('oversight', '0011_riskevent_unit_copies'),
    ]

    operations = [
        migrations.AlterField(
            model_name='riskevent',
            name='region',
            field=models.ForeignKey(blank=True, db_index=False, editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='regions.region', verbose_name='所属县(市、区)'),
        ),
        migrations.AddIndex(
            model_name='riskevent',
            index=models.Index(models.F('region'), django.db.models.expressions.OrderBy(models.F('occurred_on'), descending=True), django.db.models.expressions.OrderBy(models.F('id'), descending=True), name='risk_event_region_newest'),
        ),
        migrations.AddIndex(
            model_name='riskevent',
            index=models.Index(models.F('township'), django.db.models.expressions.OrderBy(models.F('occurred_on'), descending=True), django.db.models.expressions.OrderBy(models.F('id'), descending=True), name='risk_event_township_newest'),
        ),
    ]
