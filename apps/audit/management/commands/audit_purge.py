from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from apps.audit.services import audit_purge


class Command(BaseCommand):
    help = "删除超过保存期限（AUDIT_RETENTION_DAYS，至少 180 天）的变更记录。"

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None, help="保存天数（默认取 AUDIT_RETENTION_DAYS）")

    def handle(self, *args, days=None, **options):
        days = settings.AUDIT_RETENTION_DAYS if days is None else days
        if not days:
            self.stdout.write("AUDIT_RETENTION_DAYS 未设置：变更记录永久保存，未删除任何记录。")
            return
        if days < 180:
            raise CommandError(f"变更记录至少保存 180 天，不能只保存 {days} 天。")
        self.stdout.write(f"已删除 {audit_purge(older_than_days=days)} 条超过 {days} 天的变更记录。")
