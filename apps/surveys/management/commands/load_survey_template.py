from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from apps.surveys.loading import SurveyFileError, survey_template_load


class Command(BaseCommand):
    help = "载入职工满意度调查问卷（YAML 文件），校验出错时列出行号且不作任何改动。"

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--inactive", action="store_true", help="只载入，不设为新发起调查使用的问卷。"
        )

    @translation.override("zh-hans")
    def handle(self, *args, path: Path, inactive: bool, **options):
        try:
            result = survey_template_load(path=path, activate=not inactive)
        except SurveyFileError as exc:
            raise CommandError(f"{path} 未载入：\n" + "\n".join(f"  - {error}" for error in exc.errors)) from exc
        template = result.template
        if result.unchanged:
            self.stdout.write(f"问卷 {template.code} 版本 {template.version} 已载入过，内容相同，未改动。")
        else:
            verb = "已载入" if result.created else "已更新（尚无调查使用）"
            self.stdout.write(self.style.SUCCESS(
                f"{verb}问卷 {template.code} 版本 {template.version}：{template.questions.count()} 道题。"
            ))
