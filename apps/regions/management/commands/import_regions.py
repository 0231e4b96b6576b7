from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from apps.regions.services import regions_import_csv


class Command(BaseCommand):
    help = "导入行政区划 CSV（列：code,name,level,parent_code）。可重复执行。"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)

    def handle(self, *args, paths: list[Path], **options):
        for path in paths:
            if not path.exists():
                raise CommandError(f"文件不存在：{path}")
            try:
                result = regions_import_csv(path=path)
            except ValidationError as error:
                raise CommandError("; ".join(error.messages)) from error
            self.stdout.write(f"{path}: {result.created_or_updated} 条")
