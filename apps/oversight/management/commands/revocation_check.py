"""Run the nightly dynamic-management job now: revocation check, then incentives of expired titles."""

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from apps.oversight.revocations.tasks import nightly_dynamic_management


class Command(BaseCommand):
    help = "立即运行每日取消命名检查（与定时任务相同，可重复执行）。"

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("取消命名检查使用 PostgreSQL 的集合查询，请设置 DATABASE_URL 指向 PostgreSQL。")
        result = nightly_dynamic_management()
        self.stdout.write(self.style.SUCCESS(
            f"新立案 {result['opened']} 件，关联事件 {result['attached']} 条，"
            f"称号到期 {result['titles_expired']} 项，因称号到期终止激励 {result['grants_ended']} 项。"))
