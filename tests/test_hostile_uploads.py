"""Hostile files against every upload: each is refused with a clear Chinese message and loses nothing typed.

Uploads: application evidence, inspection photos, risk-event attachments, yearly-report
attachments, and the Excel imports (registry and risk events). Downloads of what was
accepted come only through permission-checked views, as attachments, never sniffed.
"""

import datetime
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from apps.applications.assessments.models import Evidence, EvidenceKind
from apps.applications.reviews.models import Inspection, InspectionPhoto
from apps.oversight.risks.models import RiskAttachment, RiskEvent
from tests.fixtures.files import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(draft_application):
    """Unit A's draft self-evaluation on the 临汾 standard (tests.fixtures.assessments)."""
    return draft_application

HTML = b"<!DOCTYPE html><html><body><script>fetch('/accounts/password/')</script></body></html>"
SVG = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
       b"<script>alert(document.cookie)</script></svg>")
PDF_WITH_SCRIPT = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/OpenAction<</S/JavaScript/JS(app.alert(1))>>>>endobj\n"
                   b"trailer<</Root 1 0 R>>\n%%EOF\n")


def _image(fmt: str = "JPEG") -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 30, 30)).save(buffer, fmt)
    return buffer.getvalue()


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _zip_bomb() -> bytes:
    """A real bomb: an .xlsx whose sheet inflates to 300 MB of zeros from a few hundred KB, streamed while built."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            block = b"0" * (1024 * 1024)
            for _ in range(300):
                sheet.write(block)
    return buffer.getvalue()


HOSTILE = {
    "html named .pdf": ("承诺书.pdf", HTML),
    "svg with script": ("现场照片.svg", SVG),
    "jpeg followed by html (polyglot)": ("现场.jpg", _image() + HTML),
    "pdf that runs javascript": ("决议.pdf", PDF_WITH_SCRIPT),
    "png with a zip appended (GIFAR-like)": ("照片.png", _image("PNG") + _zip({"a.class": b"\xca\xfe\xba\xbe"})),
}


def _upload(name: str, data: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


# --- application evidence -------------------------------------------------------------------------------

@pytest.fixture
def rep_client(client, cast, application, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    client.force_login(cast.rep_a)
    return client


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_evidence_is_refused_in_chinese(rep_client, application, case):
    name, data = HOSTILE[case]
    response = rep_client.post(reverse("assessments:evidence_upload", args=[application.pk]),
                               {"kind": EvidenceKind.OTHER, "file": _upload(name, data)}, follow=True)
    page = response.content.decode()
    assert "不能上传" in page
    assert not Evidence.objects.exists()


def test_evidence_refusal_keeps_the_answers_already_entered(rep_client, cast, application):
    from tests.fixtures.assessments import fill

    fill(application, cast.rep_a, {"1": "8"})
    rep_client.post(reverse("assessments:evidence_upload", args=[application.pk]),
                    {"kind": EvidenceKind.OTHER, "file": _upload(*HOSTILE["html named .pdf"])})
    assert application.answers.get(criterion__code="1").value == "8"
    assert application.answers.get(criterion__code="1").narrative == "说明1"


def test_evidence_refusal_keeps_the_chosen_type_and_item_in_the_upload_form(rep_client, application):
    item = application.standard.criteria.exclude(kind="group").order_by("code").last()
    response = rep_client.post(reverse("assessments:evidence_upload", args=[application.pk]),
                               {"kind": EvidenceKind.COMMITMENT, "criterion": item.pk,
                                "file": _upload(*HOSTILE["html named .pdf"])}, follow=True)
    page = response.content.decode()
    assert "不能上传" in page
    assert f'<option value="{EvidenceKind.COMMITMENT}" selected>' in page
    assert f'<option value="{item.pk}" selected>' in page


def test_a_traversal_name_is_stored_under_a_random_name_inside_private_storage(rep_client, application, settings):
    rep_client.post(reverse("assessments:evidence_upload", args=[application.pk]),
                    {"kind": EvidenceKind.OTHER, "file": _upload("../../etc/passwd", PDF_BYTES)})
    evidence = Evidence.objects.get()
    stored = Path(evidence.file.path).resolve()
    assert stored.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert "passwd" not in stored.name and ".." not in evidence.file.name
    assert evidence.original_name == "passwd"
    with pytest.raises(ValueError):  # private storage has no public URL at all
        _ = evidence.file.url
    download = rep_client.get(reverse("assessments:evidence_download", args=[application.pk, evidence.pk]))
    assert download["Content-Disposition"].startswith("attachment")
    assert "/" not in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"


def test_a_200_mb_upload_is_refused_before_any_of_it_is_read(cast, application, settings, tmp_path):
    """The body is a stream that would produce 200 MB; the request-size wall must refuse without reading it."""
    from django.test import Client

    class Body:
        """A lazily produced 200 MB multipart body that counts what is read from it."""

        size = 200 * 1024 * 1024

        def __init__(self):
            self.read_bytes = 0

        def read(self, size=-1):
            size = self.size - self.read_bytes if size is None or size < 0 else size
            size = min(size, self.size - self.read_bytes, 1024 * 1024)
            self.read_bytes += size
            return b"x" * size

        def readline(self, size=-1):
            return self.read(size if size and size > 0 else 1024)

    client = Client()
    client.force_login(cast.rep_a)
    body = Body()
    response = client.request(**{
        "REQUEST_METHOD": "POST", "PATH_INFO": reverse("assessments:evidence_upload", args=[application.pk]),
        "CONTENT_TYPE": "multipart/form-data; boundary=hlr", "CONTENT_LENGTH": str(Body.size), "wsgi.input": body,
    })
    assert response.status_code == 413
    assert "不能超过 25 MB" in response.content.decode()
    assert body.read_bytes == 0
    assert not Evidence.objects.exists()


# --- inspection photos ----------------------------------------------------------------------------------

@pytest.fixture
def submitted(application, cast):
    from apps.applications.workflow.states import Status

    application.status = Status.SUBMITTED
    application.save(update_fields=["status"])
    return application


@pytest.mark.parametrize("case", ["svg with script", "jpeg followed by html (polyglot)",
                                  "png with a zip appended (GIFAR-like)", "html named .pdf"])
def test_hostile_inspection_photo_is_refused_and_the_record_is_kept_in_the_form(client, cast, submitted, case,
                                                                             settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    client.force_login(cast.county_admin_x)
    name, data = HOSTILE[case]
    response = client.post(reverse("reviews:inspection_add", args=[submitted.pk]), {
        "visited_on": "2026-03-02", "people": "王核查、李核查", "findings": "劳动合同签订率达到百分之百",
        "photos": _upload(name, data, "image/jpeg"),
    })
    page = response.content.decode()
    assert response.status_code == 400
    assert "不能上传" in page or "不是 JPEG 或 PNG 图片" in page
    assert "劳动合同签订率达到百分之百" in page and "王核查、李核查" in page
    assert not Inspection.objects.exists()


def test_a_good_photo_is_accepted_and_served_as_an_attachment(client, cast, submitted, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    client.force_login(cast.county_admin_x)
    client.post(reverse("reviews:inspection_add", args=[submitted.pk]), {
        "visited_on": "2026-03-02", "people": "王核查", "findings": "良好",
        "photos": _upload("../../现场.jpg", _image(), "image/jpeg"),
    })
    photo = InspectionPhoto.objects.get()
    assert photo.original_name == "现场.jpg"
    response = client.get(reverse("reviews:photo", args=[photo.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


# --- risk-event attachments -----------------------------------------------------------------------------

@pytest.mark.parametrize("case", ["html named .pdf", "jpeg followed by html (polyglot)", "svg with script"])
def test_hostile_risk_attachment_is_refused_and_nothing_typed_is_lost(client, cast, case, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    client.force_login(cast.county_admin_x)
    name, data = HOSTILE[case]
    response = client.post(reverse("risks:create"), {
        "unit": cast.unit_a.name, "kind": "arbitration_case", "occurred_on": "2026-01-05", "severity": "1",
        "source": "劳动人事争议仲裁院", "description": "三名职工追索加班工资", "files": [_upload(name, data)],
    })
    page = response.content.decode()
    assert response.status_code == 400
    assert "不能上传" in page
    assert "三名职工追索加班工资" in page
    assert not RiskEvent.objects.exists() and not RiskAttachment.objects.exists()


def test_a_risk_attachment_name_is_sanitised(client, cast, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    client.force_login(cast.county_admin_x)
    client.post(reverse("risks:create"), {
        "unit": cast.unit_a.name, "kind": "arbitration_case", "occurred_on": "2026-01-05", "severity": "1",
        "source": "仲裁院", "description": "追索劳动报酬", "files": [_upload('..\\..\\"通报".pdf', PDF_BYTES)],
    })
    attachment = RiskAttachment.objects.get()
    assert attachment.original_name == "_通报_.pdf"
    assert Path(attachment.file.path).resolve().is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())


# --- yearly-report attachments --------------------------------------------------------------------------

def test_hostile_yearly_report_attachment_is_refused_and_the_texts_stay(client, cast, regions, settings, tmp_path):
    from tests.factories import named

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    title = named(cast.unit_a, city=regions.city, by=cast.city_admin,
                  issued_on=datetime.date(datetime.date.today().year - 1, 12, 1))
    client.force_login(cast.rep_a)
    response = client.post(reverse("named_units:report_file", args=[title.pk]), {
        "practices": "推行集体协商，工资按月足额发放", "save": "1",
        "attachment": _upload(*HOSTILE["jpeg followed by html (polyglot)"]),
    })
    page = response.content.decode()
    assert response.status_code == 400
    assert "不能上传" in page and "推行集体协商，工资按月足额发放" in page


# --- Excel imports --------------------------------------------------------------------------------------

@pytest.fixture
def never_inflated(monkeypatch):
    """Fail the test if anything hands the upload to openpyxl."""
    def refuse(*args, **kwargs):
        raise AssertionError("the workbook was opened")

    monkeypatch.setattr("apps.core.excel_import.load_workbook", refuse)


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return _zip_bomb()


def test_a_zip_bomb_xlsx_is_refused_by_the_registry_import_without_opening_it(client, cast, bomb, never_inflated):
    assert len(bomb) < 2 * 1024 * 1024
    client.force_login(cast.county_admin_x)
    response = client.post(reverse("registry:import_upload"), {"file": _upload("企业名录.xlsx", bomb)})
    assert response.status_code == 400
    assert "压缩炸弹" in response.content.decode()


def test_a_zip_bomb_xlsx_is_refused_by_the_risk_import_without_opening_it(client, cast, bomb, never_inflated):
    client.force_login(cast.county_admin_x)
    response = client.post(reverse("risks:import"), {"file": _upload("风险事件.xlsx", bomb)})
    assert response.status_code == 400
    assert "压缩炸弹" in response.content.decode()


@pytest.mark.parametrize("url", ["registry:import_upload", "risks:import"])
def test_html_named_xlsx_is_refused_by_the_imports(client, cast, url, never_inflated):
    client.force_login(cast.county_admin_x)
    response = client.post(reverse(url), {"file": _upload("名录.xlsx", HTML)})
    assert response.status_code == 400
    assert "Excel" in response.content.decode() and "xlsx" in response.content.decode()


# --- the checks themselves ------------------------------------------------------------------------------

def test_a_plain_image_and_pdf_pass_the_content_checks():
    from apps.applications.assessments.evidence_files import evidence_file_check

    assert evidence_file_check(_upload("a.jpg", _image(), "image/jpeg")) == "image/jpeg"
    assert evidence_file_check(_upload("a.pdf", PDF_BYTES)) == "application/pdf"


def test_real_documents_the_portal_itself_produces_pass_the_content_checks():
    """No false alarms on ordinary files: a WeasyPrint PDF with links and Chinese text, an openpyxl workbook."""
    from weasyprint import HTML

    from apps.applications.assessments.evidence_files import evidence_file_check
    from apps.core.excel import Column, template_xlsx

    pdf = HTML(string='<html><body><h1>职代会决议</h1><p><a href="https://example.org/">链接</a></p>'
                      '<img src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgAA'
                      'AAAgABVKJPXQAAAABJRU5ErkJggg=="></body></html>').write_pdf()
    assert evidence_file_check(_upload("决议.pdf", pdf)) == "application/pdf"
    xlsx = template_xlsx(title="名录", columns=[Column("企业名称"), Column("规模", choices=("大型", "小型"))],
                         help_lines=[("说明", "示例")])
    assert evidence_file_check(_upload("名录.xlsx", xlsx)).endswith("spreadsheetml.sheet")


def test_markup_split_across_read_chunks_is_still_found():
    from django.core.exceptions import ValidationError

    from apps.core.uploads import hidden_content_check

    data = b"%PDF-1.4\n" + b"0" * (1024 * 1024 - 12) + b"<script>alert(1)</script>"
    with pytest.raises(ValidationError):
        hidden_content_check(io.BytesIO(data), detected="application/pdf", display_name="a.pdf")


# --- where files live and how they leave ----------------------------------------------------------------

def test_private_files_live_outside_every_directory_the_web_server_serves(settings):
    private = Path(settings.PRIVATE_MEDIA_ROOT).resolve()
    served = [Path(settings.STATIC_ROOT).resolve(), *(Path(d).resolve() for d in settings.STATICFILES_DIRS)]
    if getattr(settings, "MEDIA_ROOT", ""):
        served.append(Path(settings.MEDIA_ROOT).resolve())
    for root in served:
        assert not private.is_relative_to(root) and not root.is_relative_to(private), (private, root)


FILE_URLS = {  # URL name → (arguments from the access world, who may fetch it)
    "assessments:evidence_download": ({"pk": "application", "evidence_id": "evidence"}, "rep_a"),
    "reviews:photo": ({"photo_id": "photo"}, "county_admin_x"),
    "risks:attachment": ({"pk": "risk_attachment"}, "county_admin_x"),
    "named_units:report_attachment": ({"pk": "yearly_report"}, "rep_a"),
    "named_units:export_download": ({"pk": "export"}, "city_admin"),
    "reports:download": ({"pk": "annual_report", "fmt": "=pdf"}, "county_admin_x"),
}


def test_stored_files_download_as_attachments_that_are_never_sniffed(client, cast, regions, settings, tmp_path):
    from tests.access_world import build_world

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    own = build_world(cast, regions)["X"]
    for name, (arguments, username) in FILE_URLS.items():
        client.force_login(getattr(cast, username))
        kwargs = {arg: source[1:] if source.startswith("=") else own[source] for arg, source in arguments.items()}
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 200, name
        assert response["Content-Disposition"].startswith("attachment"), name
        assert response["X-Content-Type-Options"] == "nosniff", name


# --- size limits of the smaller uploads -----------------------------------------------------------------

def _claims_size(upload: SimpleUploadedFile, size: int) -> SimpleUploadedFile:
    """An upload that reports ``size`` bytes without the test allocating them: the limits look at .size first."""
    upload.size = size
    return upload


def test_an_inspection_photo_over_10_mb_is_refused(cast, submitted):
    from django.core.exceptions import ValidationError

    from apps.applications.reviews.services import inspection_add

    big = _claims_size(_upload("../现场.jpg", _image(), "image/jpeg"), 10 * 1024 * 1024 + 1)
    with pytest.raises(ValidationError, match="照片“现场.jpg”超过 10 MB"):
        inspection_add(application=submitted, visited_on=datetime.date(2026, 3, 2), people="王核查",
                       findings="良好", by=cast.county_admin_x, photos=[big])
    assert not Inspection.objects.exists()


def test_a_risk_attachment_over_20_mb_is_refused_before_the_event_is_written(cast):
    from django.core.exceptions import ValidationError

    from apps.oversight.risks.services import risk_event_create

    big = _claims_size(_upload("通报.pdf", PDF_BYTES), 20 * 1024 * 1024 + 1)
    with pytest.raises(ValidationError, match="超过 20 MB"):
        risk_event_create(unit=cast.unit_a, kind="arbitration_case", occurred_on=datetime.date(2026, 1, 5),
                          severity=1, source="仲裁院", description="追索劳动报酬", by=cast.county_admin_x,
                          files=[big])
    assert not RiskEvent.objects.exists()


def test_a_risk_import_over_5_mb_is_refused(client, cast, never_inflated):
    client.force_login(cast.county_admin_x)
    too_big = _upload("风险事件.xlsx", b"PK" + b"0" * (5 * 1024 * 1024))
    response = client.post(reverse("risks:import"), {"file": too_big})
    assert response.status_code == 400
    assert "文件超过 5 MB" in response.content.decode()


# --- decompression bombs and long names (issue 14 item 8) ---------------------------------------------------

def _png_bomb(width: int = 20_000, height: int = 20_000) -> bytes:
    """A real PNG declaring width×height black 1-bit pixels: a few dozen KB on disk, gigabytes once decoded."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    packer = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte + packed bits
    idat = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


@pytest.fixture(scope="module")
def png_bomb() -> bytes:
    data = _png_bomb()
    assert len(data) < 1024 * 1024
    return data


def test_a_png_bomb_is_refused_as_evidence_in_chinese(rep_client, application, png_bomb):
    response = rep_client.post(reverse("assessments:evidence_upload", args=[application.pk]),
                               {"kind": EvidenceKind.OTHER, "file": _upload("现场.png", png_bomb, "image/png")},
                               follow=True)
    assert response.status_code == 200
    assert "像素过多" in response.content.decode()
    assert not Evidence.objects.exists()


def test_a_png_bomb_inspection_photo_is_refused_and_the_record_is_kept(client, cast, submitted, png_bomb,
                                                                       settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    client.force_login(cast.county_admin_x)
    response = client.post(reverse("reviews:inspection_add", args=[submitted.pk]), {
        "visited_on": "2026-03-02", "people": "王核查", "findings": "现场查看工资台账",
        "photos": _upload("现场.png", png_bomb, "image/png"),
    })
    page = response.content.decode()
    assert response.status_code == 400
    assert "像素过多" in page and "现场查看工资台账" in page
    assert not Inspection.objects.exists()


def test_a_png_bomb_risk_attachment_is_refused_and_the_texts_stay(client, cast, png_bomb, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    client.force_login(cast.county_admin_x)
    response = client.post(reverse("risks:create"), {
        "unit": cast.unit_a.name, "kind": "arbitration_case", "occurred_on": "2026-01-05", "severity": "1",
        "source": "仲裁院", "description": "追索劳动报酬", "files": [_upload("通报.png", png_bomb, "image/png")],
    })
    page = response.content.decode()
    assert response.status_code == 400
    assert "像素过多" in page and "追索劳动报酬" in page
    assert not RiskEvent.objects.exists()


def test_a_png_bomb_yearly_report_attachment_is_refused_and_the_texts_stay(client, cast, regions, png_bomb,
                                                                          settings, tmp_path):
    from tests.factories import named

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    title = named(cast.unit_a, city=regions.city, by=cast.city_admin,
                  issued_on=datetime.date(datetime.date.today().year - 1, 12, 1))
    client.force_login(cast.rep_a)
    response = client.post(reverse("named_units:report_file", args=[title.pk]), {
        "practices": "推行集体协商", "save": "1", "attachment": _upload("附件.png", png_bomb, "image/png"),
    })
    page = response.content.decode()
    assert response.status_code == 400
    assert "像素过多" in page and "推行集体协商" in page


def test_an_image_just_over_the_portal_limit_but_under_pillows_is_refused():
    """Pillow itself only warns past 89 MP; the portal's own limit is lower and applies from the header."""
    from django.core.exceptions import ValidationError

    from apps.core.uploads import MAX_IMAGE_PIXELS, image_check

    side = int(MAX_IMAGE_PIXELS ** 0.5) + 1
    with pytest.raises(ValidationError, match="像素过多"):
        image_check(io.BytesIO(_png_bomb(side, side)), display_name="大图.png")
    image_check(io.BytesIO(_image("PNG")), display_name="小图.png")


def test_a_long_file_name_keeps_its_extension(client, cast, settings, tmp_path):
    from apps.core.uploads import MAX_NAME_LENGTH, safe_name

    long_name = "关于" + "劳动关系和谐" * 60 + "的决议.pdf"
    short = safe_name(long_name)
    assert short.endswith(".pdf")
    assert len(short) == MAX_NAME_LENGTH and short.startswith("关于劳动关系和谐")
    assert safe_name("a" * 300)[:5] == "aaaaa" and len(safe_name("a" * 300)) == MAX_NAME_LENGTH

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    client.force_login(cast.county_admin_x)
    client.post(reverse("risks:create"), {
        "unit": cast.unit_a.name, "kind": "arbitration_case", "occurred_on": "2026-01-05", "severity": "1",
        "source": "仲裁院", "description": "追索劳动报酬", "files": [_upload(long_name, PDF_BYTES)],
    })
    attachment = RiskAttachment.objects.get()
    assert attachment.original_name.endswith(".pdf") and len(attachment.original_name) == MAX_NAME_LENGTH


# --- OFD (GB/T 33190) evidence ------------------------------------------------------------------------

OFD_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def _ofd(extra: dict[str, bytes] | None = None, *, page: bytes = b"") -> bytes:
    """A minimal OFD as the format lays it out: OFD.xml at the root, one document with one page of text."""
    members = {
        "OFD.xml": (f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {OFD_NS} Version="1.0" DocType="OFD">'
                    "<ofd:DocBody><ofd:DocInfo><ofd:DocID>a1</ofd:DocID><ofd:Title>职代会决议</ofd:Title></ofd:DocInfo>"
                    "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>").encode(),
        "Doc_0/Document.xml": (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {OFD_NS}><ofd:CommonData>'
                               "<ofd:MaxUnitID>10</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297"
                               "</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
                               '</ofd:CommonData><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/>'
                               "</ofd:Pages></ofd:Document>").encode(),
        "Doc_0/PublicRes.xml": (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {OFD_NS} BaseLoc="Res"><ofd:Fonts>'
                                '<ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>').encode(),
        "Doc_0/Pages/Page_0/Content.xml": (f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {OFD_NS}><ofd:Content>'
                                           '<ofd:Layer ID="3"><ofd:TextObject ID="4" Boundary="20 20 100 10" Font="2" '
                                           'Size="5"><ofd:TextCode X="0" Y="5">职工代表大会决议</ofd:TextCode>'
                                           "</ofd:TextObject></ofd:Layer></ofd:Content>").encode()
                                          + page + b"</ofd:Page>",
        "Doc_0/Res/seal.png": _image("PNG"),
    }
    return _zip({**members, **(extra or {})})


def _ofd_bomb() -> bytes:
    buffer = io.BytesIO(_ofd())
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("Doc_0/Res/huge.xml", "w", force_zip64=True) as member:
            block = b" " * (1024 * 1024)
            for _ in range(300):
                member.write(block)
    return buffer.getvalue()


HOSTILE_OFD = {
    "an executable inside": {"Doc_0/Res/setup.exe": b"MZ\x90\x00" + b"\0" * 60},
    "an executable disguised as a font": {"Doc_0/Res/font.ttf": b"\x7fELF\x02\x01\x01" + b"\0" * 60},
    "a nested archive": {"Doc_0/Res/image.jpg": _zip({"a.class": b"\xca\xfe\xba\xbe"})},
    "a path out of the container": {"../../evil.xml": b"<x/>"},
    "script in a page": {},
    "an embedded attachment": {"Doc_0/Attachs/Attachments.xml":
                               f'<ofd:Attachments {OFD_NS}><ofd:Attachment ID="9"/></ofd:Attachments>'.encode()},
}


def test_a_good_ofd_is_accepted_as_evidence_and_downloads_as_an_attachment(rep_client, application):
    from apps.applications.assessments.evidence_files import evidence_file_check

    assert evidence_file_check(_upload("决议.ofd", _ofd(), "application/octet-stream")) == "application/ofd"
    response = rep_client.post(reverse("assessments:evidence_upload", args=[application.pk]),
                               {"kind": EvidenceKind.OTHER, "file": _upload("职代会决议.ofd", _ofd(),
                                                                            "application/octet-stream")}, follow=True)
    assert "不能上传" not in response.content.decode()
    evidence = Evidence.objects.get()
    assert evidence.content_type == "application/ofd"


@pytest.mark.parametrize("case", HOSTILE_OFD)
def test_a_hostile_ofd_is_refused_in_chinese(rep_client, application, case):
    data = _ofd(page=b"<script>alert(1)</script>") if case == "script in a page" else _ofd(HOSTILE_OFD[case])
    response = rep_client.post(reverse("assessments:evidence_upload", args=[application.pk]),
                               {"kind": EvidenceKind.OTHER, "file": _upload("决议.ofd", data)}, follow=True)
    page = response.content.decode()
    assert "OFD 文件“决议.ofd”中含有" in page and "不能上传" in page
    assert not Evidence.objects.exists()


def test_an_ofd_bomb_and_a_zip_without_ofd_xml_are_refused():
    from django.core.exceptions import ValidationError

    from apps.applications.assessments.evidence_files import evidence_file_check

    with pytest.raises(ValidationError, match="压缩炸弹"):
        evidence_file_check(_upload("决议.ofd", _ofd_bomb()))
    with pytest.raises(ValidationError, match="实际内容不是"):
        evidence_file_check(_upload("决议.ofd", _zip({"Doc_0/Document.xml": b"<x/>"})))
