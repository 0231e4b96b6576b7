"""Reporting to the province (报送省级): the named list with scores (Excel, and Word/PDF in the official-document
layout to stamp) and the evaluation forms (zip of PDFs)."""

import tempfile
import zipfile

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from apps.accounts.models import Role, User
from apps.accounts.permissions import regions_for
from apps.applications.notices.documents import naming_office_name
from apps.applications.recognitions.models import Recognition, RecognitionStatus
from apps.applications.recognitions.selectors import recognition_list_for
from apps.applications.reviews.pdf import evaluation_form_pdf
from apps.core.excel import Column, xlsx_table
from apps.core.jobs import job_claim, job_enqueue, job_fail, job_finish, job_progress
from apps.core.official import DocumentTable, OfficialDocument, official_docx
from apps.regions.models import Region

from .models import ProvinceExport

COLUMNS = [
    Column("序号", width=6), Column("证书编号", width=20, text=True), Column("单位名称", width=34),
    Column("统一社会信用代码", width=22, text=True), Column("单位类型", width=12), Column("所属县(市、区)", width=14),
    Column("乡镇(街道)", width=14), Column("称号", width=30), Column("等级", width=8), Column("认定得分", width=10),
    Column("命名日期", width=12), Column("有效期至", width=12), Column("状态", width=10),
]
PROGRESS_EVERY = 10


def named_for_province(*, recognitions: QuerySet[Recognition], year: int) -> QuerySet[Recognition]:
    """A year's named units, not revoked, in the order the province list uses."""
    return (
        recognitions.filter(year=year).exclude(status=RecognitionStatus.REVOKED)
        .select_related("unit__region", "unit__township", "unit__enterprise", "application")
        .order_by("unit__region__path", "sequence")
    )


def named_list_workbook(rows: QuerySet[Recognition], *, title: str) -> bytes:
    """The named list as .xlsx, rows streamed so memory stays flat for large cities."""
    def lines():
        for index, recognition in enumerate(rows.iterator(chunk_size=1000), start=1):
            unit = recognition.unit
            enterprise = getattr(unit, "enterprise", None)
            yield [
                index, recognition.number, unit.name, enterprise.uscc if enterprise else "",
                str(unit.get_kind_display()), unit.region.name if unit.region else "",
                unit.township.name if unit.township else "", recognition.title,
                recognition.grade, float(recognition.score) if recognition.score is not None else None,
                recognition.issued_on, recognition.valid_until, str(recognition.get_current_status_display()),
            ]

    return xlsx_table(title="命名名单", columns=COLUMNS, rows=lines(), caption=title)


def named_list_document(rows: QuerySet[Recognition], *, city: Region, year: int) -> OfficialDocument:
    """The named list as the office signs and stamps it for the province (landscape, the Excel's main columns)."""
    lines = []
    for index, recognition in enumerate(rows.iterator(chunk_size=1000), start=1):
        unit = recognition.unit
        enterprise = getattr(unit, "enterprise", None)
        lines.append([
            str(index), recognition.number, unit.name, enterprise.uscc if enterprise else "",
            unit.region.name if unit.region else "", recognition.full_title,
            "" if recognition.score is None else str(recognition.score),
            f"{recognition.issued_on:%Y-%m-%d}",
            f"{recognition.valid_until:%Y-%m-%d}" if recognition.valid_until else "",
        ])
    table = DocumentTable(
        columns=["序号", "证书编号", "单位名称", "统一社会信用代码", "县(市、区)", "称号", "认定得分", "命名日期",
                 "有效期至"],
        rows=lines, widths=[4, 12, 20, 14, 8, 20, 6, 8, 8],
    )
    return OfficialDocument(title=list_title(city, year), office=naming_office_name(city, year),
                            dated=timezone.localdate(), body=[f"共{len(lines)}家单位。"], tables=[table],
                            landscape=True)


def list_title(city: Region, year: int) -> str:
    return f"{city.name}{year}年度和谐劳动关系创建命名单位名单"


def province_export_request(*, user: User, year: int) -> ProvinceExport:
    """Record the request and queue the build once the transaction commits (the worker then sees the row)."""
    cities = regions_for(user, [Role.CITY_ADMIN])
    if not cities:
        raise ValidationError("只有市级三方办公室可以报送省级。")
    if not named_for_province(recognitions=recognition_list_for(user=user), year=year).exists():
        raise ValidationError(f"{year} 年度尚无命名单位，无需报送。")
    export = ProvinceExport.objects.create(city=cities[0], year=year, requested_by=user)
    job_enqueue(export)
    return export


def _pdf_name(index: int, recognition: Recognition) -> str:
    safe = "".join(ch for ch in recognition.unit.name if ch not in '\\/:*?"<>|')[:60]
    return f"评估表/{index:04d}-{recognition.number}-{safe}.pdf"


def province_export_build(*, export_id: int) -> bool:
    """Build the zip: the named list (Excel) and one evaluation form per named unit, with progress.

    Claimed as a job (pending → running), so a task delivered twice builds it
    once; a build whose worker died is started again by the job sweep and
    writes the whole package anew. Progress is written every few forms, in
    its own statement, so the page can show it while the build runs.
    """
    if not job_claim(ProvinceExport, pk=export_id):
        return False
    export = ProvinceExport.objects.select_related("city", "requested_by").get(pk=export_id)
    try:
        rows = named_for_province(recognitions=recognition_list_for(user=export.requested_by), year=export.year)
        with_forms = [r for r in rows if r.application_id is not None]
        total = len(with_forms)
        job_progress(ProvinceExport, pk=export_id, percent=0, total=total, done=0)
        title = list_title(export.city, export.year)
        with tempfile.TemporaryFile() as handle:
            with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr(f"{title}.xlsx", named_list_workbook(rows, title=title))
                archive.writestr(f"{title}.docx", official_docx(
                    "province_list", named_list_document(rows, city=export.city, year=export.year)))
                for index, recognition in enumerate(with_forms, start=1):
                    form = evaluation_form_pdf(recognition.application, viewer=export.requested_by)
                    archive.writestr(_pdf_name(index, recognition), form)
                    if index % PROGRESS_EVERY == 0:
                        job_progress(ProvinceExport, pk=export_id, percent=index * 100 // total, done=index)
            handle.seek(0)
            with transaction.atomic():
                export.file.save(f"{export.year}.zip", File(handle), save=False)
                finished = job_finish(ProvinceExport, pk=export_id, file=export.file.name, done=total)
                if not finished:  # the sweep took the job away meanwhile: this package is nobody's
                    export.file.delete(save=False)
    except Exception as exc:  # the page must say it failed, whatever the cause; the worker log has the trace
        job_fail(ProvinceExport, pk=export_id, error=str(exc))
        raise
    return finished
