from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.standards.loader import StandardFileError
from apps.standards.services import standard_load_file


class Command(BaseCommand):
    help = "载入创建标准文件（YAML）。任一文件有错误时不写入任何内容。可传入多个文件或目录。"

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)
        parser.add_argument(
            "--skip-existing", action="store_true",
            help="已存在相同编号和版本的标准时跳过（演示数据重复载入时使用），不替换。",
        )

    @transaction.atomic
    def handle(self, *args, paths: list[Path], skip_existing: bool = False, **options):
        files: list[Path] = []
        for path in paths:
            files.extend(sorted(path.glob("*.yaml")) if path.is_dir() else [path])
        for file in files:
            try:
                standard, created = standard_load_file(path=file, skip_existing=skip_existing)
            except StandardFileError as exc:
                raise CommandError("标准文件有错误，未写入任何内容：\n" + "\n".join(exc.errors)) from exc
            if not created:
                self.stdout.write(f"已存在，跳过：{standard.title}（{standard.code} 版本 {standard.version}）")
                continue
            count = standard.criteria.count()
            self.stdout.write(self.style.SUCCESS(
                f"已载入：{standard.title}（{standard.code} 版本 {standard.version}，{count} 个条目）"
            ))
