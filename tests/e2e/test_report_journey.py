"""The city admin starts the yearly city summary, watches the progress bar fill, and downloads the PDF."""

import re
import subprocess
import threading
import time
from unittest import mock

import pytest
from django.db import connection

from apps.reports import services
from apps.reports.models import AnnualReport, ReportStatus
from tests.reports.conftest import YEAR, _private_media, city_data, count  # noqa: F401 (fixtures)

from .conftest import login

pytestmark = pytest.mark.django_db(transaction=True)


def _build_slowly(report_id: int) -> None:
    """The worker's part, in a thread, pausing at each progress step so the browser can see it move."""
    original = services._report_progress

    def slow(report_id: int, percent: int) -> None:
        original(report_id, percent)
        time.sleep(0.6)

    try:
        with mock.patch.object(services, "_report_progress", slow):
            services.report_build(report_id=report_id)
    finally:
        connection.close()


def test_city_admin_builds_and_downloads_the_city_summary(page, city_data, cast, regions, tmp_path):  # noqa: F811
    base = page.base_url
    login(page, "city_admin")
    with mock.patch.object(services, "enqueue_on_commit"):  # no worker: the test plays the worker below
        page.goto(f"{base}/reports/")
        page.get_by_label("报告类型").select_option(label="市级年度总结")
        page.get_by_label("地区").select_option(label="临汾市")
        page.get_by_label("年度").fill(str(YEAR))
        page.get_by_role("button", name="开始生成").click()
        page.wait_for_url(re.compile(r"/reports/\d+/$"))
    report = AnnualReport.objects.get()
    bar = page.get_by_role("progressbar", name="生成进度")
    assert bar.get_attribute("aria-valuenow") == "0" and report.status == ReportStatus.PENDING

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
    target = tmp_path / "summary.pdf"
    download_info.value.save_as(target)
    text = subprocess.run(["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "山西省临汾市市级年度总结" in text
    line = next(line for line in text.splitlines() if line.strip().startswith("提交申报（家）"))
    assert re.findall(r"\d+", line)[0] == str(count(city_data, submitted=True))
