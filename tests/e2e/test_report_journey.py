"""The city admin starts the yearly city summary, watches the progress bar fill, and downloads the PDF;
the county admin starts and downloads the county's yearly report. The PDFs are read back with pdftotext."""

import re
import subprocess
import threading
import time
from unittest import mock

import pytest
from django.db import connection

from apps.core.jobs import JobStatus
from apps.reports import services
from apps.reports.models import AnnualReport
from tests.fixtures.reports import YEAR, count

from .browser import login, open_menu

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("private_media")]


def _build_slowly(report_id: int) -> None:
    """The worker's part, in a thread, pausing at each progress step so the browser can see it move."""
    original = services.job_progress

    def slow(*args, **kwargs) -> bool:
        progressed = original(*args, **kwargs)
        time.sleep(0.6)
        return progressed

    try:
        with mock.patch.object(services, "job_progress", slow):
            services.report_build(report_id=report_id)
    finally:
        connection.close()


def test_city_admin_builds_and_downloads_the_city_summary(page, city_data, cast, regions, tmp_path):  # noqa: F811
    login(page, "city_admin")
    with mock.patch.object(services, "job_enqueue"):  # no worker: the test plays the worker below
        open_menu(page, "统计报告", "年度报告")
        page.get_by_label("报告类型").select_option(label="市级年度总结")
        page.get_by_label("地区").select_option(label="临汾市")
        page.get_by_label("年度").fill(str(YEAR))
        page.get_by_role("button", name="开始生成").click()
        page.wait_for_url(re.compile(r"/reports/\d+/$"))
    report = AnnualReport.objects.get()
    bar = page.get_by_role("progressbar", name="生成进度")
    assert bar.get_attribute("aria-valuenow") == "0" and report.status == JobStatus.PENDING

    worker = threading.Thread(target=_build_slowly, args=(report.pk,))
    worker.start()
    try:
        # htmx polls every 2 s: the bar shows a value part-way before the download links replace it.
        page.wait_for_function(
            "() => { const b = document.querySelector('[role=progressbar]');"
            " return b && +b.getAttribute('aria-valuenow') > 0 && +b.getAttribute('aria-valuenow') < 100; }",
            timeout=30_000)
        page.get_by_role("link", name="下载 PDF").wait_for(timeout=60_000)
    finally:
        worker.join(timeout=120)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载 PDF").click()
    text = pdf_text(download_info.value, tmp_path / "summary.pdf")
    assert "山西省临汾市市级年度总结" in text
    assert first_number(text, "提交申报（家）") == count(city_data, submitted=True)


def test_county_admin_builds_and_downloads_the_county_report(page, city_data, cast, regions, tmp_path):  # noqa: F811
    login(page, "county_admin_x")
    with mock.patch.object(services, "job_enqueue"):
        open_menu(page, "统计报告", "年度报告")
        page.get_by_label("报告类型").select_option(label="县级年度报告")
        page.get_by_label("年度").fill(str(YEAR))
        page.get_by_role("button", name="开始生成").click()
        page.wait_for_url(re.compile(r"/reports/\d+/$"))
    report = AnnualReport.objects.get()
    assert report.region == regions.county_x
    services.report_build(report_id=report.pk)  # the worker's part; a real worker: tests/faults/test_worker_killed.py
    page.get_by_role("link", name="下载 PDF").wait_for(timeout=30_000)  # the page's own polling shows the link
    with page.expect_download() as download_info:
        page.get_by_role("link", name="下载 PDF").click()
    text = pdf_text(download_info.value, tmp_path / "county.pdf")
    assert "山西省临汾市尧都区县级年度报告" in text
    assert first_number(text, "提交申报（家）") == count(city_data, county="x", submitted=True)


def pdf_text(download, target) -> str:
    download.save_as(target)
    assert target.read_bytes().startswith(b"%PDF-")
    return subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout


def first_number(text: str, row_label: str) -> int:
    line = next(line for line in text.splitlines() if line.strip().startswith(row_label))
    return int(re.findall(r"\d+", line)[0])
