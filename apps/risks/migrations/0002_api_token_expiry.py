import datetime

from django.db import migrations, models
from django.utils import timezone


def existing_tokens_expire(apps, schema_editor):
    """Tokens issued before expiry existed get a full term from now, so no source system is cut off by the upgrade."""
    apps.get_model("risks", "ApiClient").objects.update(token_expires_at=timezone.now() + datetime.timedelta(days=365))


class Migration(migrations.Migration):

    dependencies = [
        ("risks", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="apiclient",
            name="token_expires_at",
            field=models.DateTimeField(editable=False, null=True, verbose_name="令牌有效期至",
                                       help_text="到期后令牌失效；用 api_token_rotate 命令更换。"),
        ),
        migrations.RunPython(existing_tokens_expire, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="apiclient",
            name="token_expires_at",
            field=models.DateTimeField(editable=False, verbose_name="令牌有效期至",
                                       help_text="到期后令牌失效；用 api_token_rotate 命令更换。"),
        ),
    ]
