"""Build a report from the command line: the same figures, PDF, Word and Excel as the Celery job."""

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.core.storage import write_atomically
from apps.regions.models import Region
from apps.reports.models import ReportKind
from apps.reports.render import write_docx, write_pdf, write_xlsx
from apps.reports.services import ReportError, check_region, report_document


class Command(BaseCommand):
    help = "生成年度评估报告（PDF，并在同一目录生成同名 Word 和 Excel 文件）。"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="报告年度，例如 2026")
        parser.add_argument("--region", required=True, help="区划代码，例如 141000（市）或 141002（县）")
        parser.add_argument("--kind", choices=ReportKind.values, required=True,
                            help="county 县级年度报告；city 市级年度总结；midterm 中期评估；final 终期评估")
        parser.add_argument("--output", required=True, help="PDF 输出路径，例如 /tmp/report.pdf")

    def handle(self, *args, year: int, region: str, kind: str, output: str, **options):
        place = Region.objects.filter(code=region).first()
        if place is None:
            raise CommandError(f"未找到区划代码为 {region} 的地区。")
        try:
            check_region(kind, place, year)
        except ReportError as error:
            raise CommandError(" ".join(error.messages)) from None
        pdf_path = Path(output)
        xlsx_path, docx_path = pdf_path.with_suffix(".xlsx"), pdf_path.with_suffix(".docx")
        started = time.perf_counter()
        document = report_document(kind=kind, region=place, year=year)
        gathered = time.perf_counter()
        write_atomically(xlsx_path, lambda path: write_xlsx(document, path))
        write_atomically(docx_path, lambda path: write_docx(document, path))
        write_atomically(pdf_path, lambda path: write_pdf(document, path))
        self.stdout.write(
            f"已生成 {pdf_path}、{docx_path} 和 {xlsx_path}（统计 {gathered - started:.2f} 秒，"
            f"共 {time.perf_counter() - started:.2f} 秒）。"
        )
