"""The public notice and the public named-unit list print from Chromium as clean A4 documents: no navigation,
buttons or forms; the title, the text, the table with its header on every page, the office and the date."""

import io
import subprocess
import unicodedata
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from apps.applications.notices.models import Notice, NoticeEntry
from apps.applications.workflow.states import Status
from tests.factories import UnitFactory, named
from tests.fixtures.reviews import make_application

from .browser import ARTIFACTS

pytestmark = pytest.mark.django_db(transaction=True)
A4 = (595, 842)  # points, ±1


def _print(page, path: str) -> PdfReader:
    page.goto(f"{page.base_url}{path}")
    content = page.pdf(format="A4", prefer_css_page_size=True)
    ARTIFACTS.mkdir(exist_ok=True)
    name = path.strip("/").replace("/", "-") or "index"
    (ARTIFACTS / f"print-{name}.pdf").write_bytes(content)
    return PdfReader(io.BytesIO(content))


def _texts(reader: PdfReader) -> list[str]:
    """Each page's text as a reader copies it. NFKC: Chromium's font subsets may map a character to its
    Kangxi-radical twin (示 → ⽰), which looks the same on paper."""
    return [unicodedata.normalize("NFKC", p.extract_text()) for p in reader.pages]


def _first_page_image(reader_path) -> Image.Image:
    subprocess.run(["pdftoppm", "-r", "40", "-f", "1", "-l", "1", "-png", str(reader_path), str(reader_path)[:-4]],
                   check=True)
    return Image.open(next(ARTIFACTS.glob(reader_path.stem + "*.png"))).convert("RGB")


def _no_navbar_red(image: Image.Image) -> bool:
    """The screen's red navigation bar (#8b1a1a) leaves no pixel on paper."""
    return not any(abs(r - 0x8B) < 24 and g < 60 and b < 60 and r > 100 for r, g, b in image.get_flattened_data())


def test_the_public_notice_prints_as_an_a4_document(page, cast, regions, campaign, standard):
    today = timezone.localdate()
    units = [cast.unit_a] + [UnitFactory(name=f"印刷测试{i:02d}有限公司", region=regions.county_x) for i in range(45)]
    notice = Notice.objects.create(city=regions.city, year=today.year, title="2026年度和谐劳动关系企业拟命名公示",
                                   starts_on=today, working_days=5, ends_on=today + timedelta(days=7),
                                   contact="0357-1234567", published_by=cast.city_admin)
    for unit in units:
        NoticeEntry.objects.create(notice=notice, application=make_application(unit, campaign, standard,
                                                                                status=Status.IN_NOTICE))
    reader = _print(page, f"/notices/{notice.pk}/")
    pages = _texts(reader)
    assert len(pages) >= 2
    assert all(abs(float(p.mediabox.width) - A4[0]) <= 1 and abs(float(p.mediabox.height) - A4[1]) <= 1
               for p in reader.pages)
    assert "2026年度和谐劳动关系企业拟命名公示" in pages[0] and "0357-1234567" in pages[0]
    # The table's header repeats on the next page; the last page ends with the office and the date.
    assert all("单位名称" in text for text in pages)
    assert "印刷测试44有限公司" in "".join(pages)
    assert "临汾市协调劳动关系三方委员会" in pages[-1] and f"{today.year}年{today.month}月{today.day}日" in pages[-1]
    everything = "".join(pages)
    for screen_only in ("提交异议", "工作台", "登录", "跳到主要内容", "开源软件"):
        assert screen_only not in everything
    assert _no_navbar_red(_first_page_image(ARTIFACTS / f"print-notices-{notice.pk}.pdf"))


def test_the_public_named_list_prints_as_an_a4_document(page, cast, regions):
    cache.clear()
    for i in range(60):
        unit = UnitFactory(name=f"命名打印{i:02d}有限公司", region=regions.county_x)
        named(unit, city=regions.city, by=cast.city_admin, issued_on=date(2025, 12, 1))
    reader = _print(page, "/named/")
    pages = _texts(reader)
    with_rows = [text for text in pages if "命名打印" in text]
    assert len(with_rows) >= 2 and all("单位名称" in text for text in with_rows)
    assert all(f"命名打印{i:02d}有限公司" in "".join(pages) for i in range(50))  # the screen's page of 50
    assert "已命名单位名单" in pages[0] and "命名打印" in pages[0]
    today = timezone.localdate()
    assert f"{today.year}年{today.month}月{today.day}日打印" in pages[-1]
    everything = "".join(pages)
    for screen_only in ("筛选", "全部年度", "工作台", "登录", "下一页"):
        assert screen_only not in everything
    assert _no_navbar_red(_first_page_image(ARTIFACTS / "print-named.pdf"))
