"""Official documents in the GB/T 9704—2012 layout: the same description as PDF and as Word."""

import io
import re
import shutil
import subprocess
from datetime import date

import pytest
from docx import Document
from pypdf import PdfReader

from apps.core.docx import docx_text
from apps.core.official import (
    Attachment,
    DocumentTable,
    OfficialDocument,
    attachment_lines,
    official_docx,
    official_pdf,
)

LONG = "为深入贯彻落实党中央国务院关于构建和谐劳动关系的决策部署" * 4


def _document(**changes) -> OfficialDocument:
    table = DocumentTable(columns=["序号", "单位名称", "称号"],
                          rows=[[str(i), f"测试单位{i}有限公司", "临汾市和谐劳动关系企业"] for i in range(1, 41)])
    fields = {
        "title": "关于命名2026年度临汾市和谐劳动关系企业的决定", "office": "临汾市协调劳动关系三方委员会",
        "dated": date(2026, 12, 6), "number": "临人社发〔2026〕8号", "addressee": "各县（市、区）协调劳动关系三方",
        "body": [LONG, "特此决定。"], "attachments": [Attachment(title="2026年度命名单位名单", table=table)],
    }
    return OfficialDocument(**{**fields, **changes})


def _fonts(reader: PdfReader) -> set[str]:
    names = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+", 1)[-1])
    return names


def test_the_pdf_is_a4_with_the_standards_margins_fonts_and_page_numbers():
    reader = PdfReader(io.BytesIO(official_pdf(_document())))
    first = reader.pages[0]
    assert (round(float(first.mediabox.width) / 72 * 25.4), round(float(first.mediabox.height) / 72 * 25.4)) == (
        210, 297)
    assert len(reader.pages) >= 2  # the attachment starts on a page of its own
    text = [page.extract_text() for page in reader.pages]
    assert "关于命名2026年度临汾市和谐劳动关系企业" in text[0] and "临人社发〔2026〕8号" in text[0]
    assert "附件：2026年度命名单位名单" in text[0]
    assert "临汾市协调劳动关系三方委员会" in text[0] and "2026年12月6日" in text[0]
    assert "附件" in text[1] and "测试单位1有限公司" in text[1]
    assert "— 1 —" in text[0] and "— 2 —" in text[1]
    # Title in a 小标宋-style face, body in a 仿宋/楷 face; the free Debian ones where no licensed face is installed.
    fonts = _fonts(reader)
    assert fonts & {"Noto-Serif-CJK-SC-Bold", "FZXiaoBiaoSong-B05S", "FZXBSK--GBK1-0"}
    assert fonts & {"AR-PL-UKai-CN", "FangSong_GB2312", "FangSong"}


def test_a_full_body_line_holds_28_characters():
    text = PdfReader(io.BytesIO(official_pdf(_document()))).pages[0].extract_text()
    body_lines = [line for line in text.splitlines() if line and set(line) <= set(LONG)]
    # The first line is indented two characters (26 + 2); the next full lines hold 28.
    assert len(body_lines[0]) == 26 and len(body_lines[1]) == 28


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_the_body_stays_inside_the_type_area(tmp_path):
    """Nothing is printed in the margins but the page number: 37 mm at the top, 28 mm on the left."""
    from PIL import Image  # noqa: PLC0415  (only this test reads pixels)

    (tmp_path / "doc.pdf").write_bytes(official_pdf(_document(body=[LONG * 3])))
    subprocess.run(["pdftoppm", "-r", "72", "-f", "1", "-l", "1", "-png", tmp_path / "doc.pdf", tmp_path / "p"],
                   check=True)
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    ink = [(x, y) for x in range(image.width) for y in range(image.height) if image.getpixel((x, y)) < 128]
    mm = 72 / 25.4
    top = min(y for _, y in ink) / mm
    left = min(x for x, _ in ink) / mm
    right = max(x for x, y in ink if y < (297 - 35) * mm) / mm
    assert 36 <= top <= 40 and 27 <= left <= 30 and right <= 210 - 25


def test_the_word_file_has_the_same_page_fonts_and_text():
    content = official_docx("naming_decision", _document())
    document = Document(io.BytesIO(content))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    grid = section._sectPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docGrid")
    assert grid.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}linePitch") == "579"
    east_asia = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    assert document.styles["Normal"].element.rPr.rFonts.get(east_asia) == "仿宋_GB2312"
    assert document.styles["Document Title"].element.rPr.rFonts.get(east_asia) == "方正小标宋简体"
    assert document.styles["Normal"].font.size.pt == 16 and document.styles["Document Title"].font.size.pt == 22
    footer = "".join(node.text or "" for node in section.footer._element.iter() if node.tag.endswith("}instrText"))
    assert "PAGE" in footer and "—" in section.footer.paragraphs[0].text
    text = docx_text(content)
    lines = text.splitlines()
    assert lines[0] == "临人社发〔2026〕8号" and lines[1] == "关于命名2026年度临汾市和谐劳动关系企业的决定"
    assert "各县（市、区）协调劳动关系三方：" in lines and LONG in lines
    assert "附件：2026年度命名单位名单" in lines
    assert lines.index("临汾市协调劳动关系三方委员会") + 1 == lines.index("2026年12月6日")
    assert "序号\t单位名称\t称号" in lines and "40\t测试单位40有限公司\t临汾市和谐劳动关系企业" in lines
    assert not re.search(r"{[{%]", text)


def test_several_attachments_are_numbered_and_joint_offices_sign_on_their_own_lines():
    table = DocumentTable(columns=["a"], rows=[["1"]])
    document = _document(attachments=[Attachment("名单", table), Attachment("评估表", table)],
                         office="临汾市人力资源和社会保障局 临汾市总工会")
    assert attachment_lines(document) == ["附件：1．名单", "　　　2．评估表"]
    lines = docx_text(official_docx("public_notice", document)).splitlines()
    assert "临汾市人力资源和社会保障局" in lines and "临汾市总工会" in lines
    assert "附件1" in lines and "附件2" in lines
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(official_pdf(document))).pages)
    assert "附件1" in text and "附件2" in text and "临汾市总工会" in text


def test_an_office_template_replaces_the_shipped_one(tmp_path, settings):
    office = tmp_path / "office"
    office.mkdir()
    document = Document()
    document.add_paragraph("本局专用版头")
    document.add_paragraph("{{ title }}")
    document.save(office / "naming_decision.docx")
    settings.DOCX_TEMPLATE_DIRS = [office]
    assert docx_text(official_docx("naming_decision", _document())).splitlines()[:2] == [
        "本局专用版头", "关于命名2026年度临汾市和谐劳动关系企业的决定"]
