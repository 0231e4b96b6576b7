"""PDF active content is found on the parsed objects: escaped names and compressed object streams included.

Every PDF here is built in the test, with pypdf or by hand where pypdf would not write the trick
(escaped names, object streams), and each is also checked to be a PDF that pypdf itself reads.
"""

import io
import struct
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader, PdfWriter
from pypdf.annotations import Link
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from apps.applications.assessments.evidence_files import evidence_file_check


@pytest.fixture
def application(draft_application):
    """Unit A's draft self-evaluation on the 临汾 standard (tests.fixtures.assessments)."""
    return draft_application

# --- building PDFs ----------------------------------------------------------------------------------------


def _name(value: str) -> NameObject:
    return NameObject(value)


def _action(kind: str, **entries) -> DictionaryObject:
    action = DictionaryObject({_name("/S"): _name(kind)})
    for key, value in entries.items():
        action[_name(f"/{key}")] = TextStringObject(value) if isinstance(value, str) else value
    return action


def _written(mutate=None) -> bytes:
    writer = PdfWriter()
    page = writer.add_blank_page(200, 200)
    if mutate:
        mutate(writer, page)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _open_action_script(writer, page):
    writer._root_object[_name("/OpenAction")] = writer._add_object(_action("/JavaScript", JS="app.alert(1)"))


def _document_script(writer, page):
    script = writer._add_object(_action("/JavaScript", JS="app.alert(1)"))
    tree = DictionaryObject({_name("/Names"): ArrayObject([TextStringObject("start"), script])})
    writer._root_object[_name("/Names")] = DictionaryObject({_name("/JavaScript"): writer._add_object(tree)})


def _page_additional_action(writer, page):
    goto = _action("/GoTo", D=ArrayObject([NumberObject(0), _name("/Fit")]))
    page[_name("/AA")] = DictionaryObject({_name("/O"): goto})


def _embedded_file(writer, page):
    writer.add_attachment("说明.exe", b"MZ\x90\x00")


def _file_link(writer, page):
    writer.add_annotation(0, Link(rect=(10, 10, 80, 40), url="file:///C:/Windows/System32/calc.exe"))


def _launch_link(writer, page):
    annotation = Link(rect=(10, 10, 80, 40), target_page_index=0)
    annotation[_name("/A")] = _action("/Launch", F="cmd.exe")
    annotation.pop(_name("/Dest"), None)
    writer.add_annotation(0, annotation)


def _by_hand(objects: list[bytes]) -> bytes:
    """A classic PDF with an exact cross-reference table; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


PAGES = [b"<</Type/Pages/Kids[3 0 R]/Count 1>>", b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]%s>>"]


def _escaped_open_script() -> bytes:
    return _by_hand([b"<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>", PAGES[0], PAGES[1] % b"",
                     b"<</S/J#61vaScript/J#53(app.alert(1))>>"])


def _escaped_launch_link() -> bytes:
    annotation = b"/Annots[<</Type/Annot/Subtype/Link/Rect[0 0 50 50]/A<</S/L#61unch/F(cmd.exe)>>>>]"
    return _by_hand([b"<</Type/Catalog/Pages 2 0 R>>", PAGES[0], PAGES[1] % annotation])


def _object_stream_pdf(inner: list[bytes]) -> bytes:
    """The objects compressed inside one object stream (object 5), with a cross-reference stream (object 6)."""
    header, body, position = [], b"", 0
    for number, item in enumerate(inner, start=1):
        header.append(b"%d %d" % (number, position))
        body += item + b"\n"
        position = len(body)
    index = b" ".join(header) + b"\n"
    packed = zlib.compress(index + body)
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    stream_at = len(out)
    out += (b"5 0 obj\n<</Type/ObjStm/N %d/First %d/Filter/FlateDecode/Length %d>>stream\n"
            % (len(inner), len(index), len(packed))) + packed + b"\nendstream\nendobj\n"
    xref_at = len(out)
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    rows += [struct.pack(">BIH", 2, 5, i) for i in range(len(inner))]
    rows += [struct.pack(">BIH", 1, stream_at, 0), struct.pack(">BIH", 1, xref_at, 0)]
    table = zlib.compress(b"".join(rows))
    out += (b"6 0 obj\n<</Type/XRef/Size 7/W[1 4 2]/Root 1 0 R/Filter/FlateDecode/Length %d>>stream\n"
            % len(table)) + table + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    return bytes(out)


def _object_stream_script() -> bytes:
    return _object_stream_pdf([b"<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>", PAGES[0], PAGES[1] % b"",
                               b"<</S/JavaScript/JS(app.alert(1))>>"])


HOSTILE_PDFS = {
    "open action running javascript": (lambda: _written(_open_action_script), "自动运行的脚本"),
    "document-level javascript name tree": (lambda: _written(_document_script), "自动运行的脚本"),
    "page additional action (/AA)": (lambda: _written(_page_additional_action), "自动执行的动作"),
    "embedded file": (lambda: _written(_embedded_file), "嵌入的附件文件"),
    "link to a local file (file: URI)": (lambda: _written(_file_link), "本机或共享文件夹"),
    "launch action on a link": (lambda: _written(_launch_link), "启动其他程序"),
    "escaped /J#61vaScript open action": (_escaped_open_script, "自动运行的脚本"),
    "escaped /L#61unch link": (_escaped_launch_link, "启动其他程序"),
    "javascript compressed in an object stream": (_object_stream_script, "自动运行的脚本"),
}


def _upload(data: bytes, name: str = "决议.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


# --- the checks -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("case", HOSTILE_PDFS)
def test_a_pdf_with_active_content_is_refused_with_the_reason_in_chinese(case):
    build, reason = HOSTILE_PDFS[case]
    data = build()
    PdfReader(io.BytesIO(data), strict=False).trailer["/Root"].get_object()  # a PDF a reader opens
    with pytest.raises(ValidationError, match=reason) as refused:
        evidence_file_check(_upload(data))
    assert "不能上传" in refused.value.messages[0] and "决议.pdf" in refused.value.messages[0]


def test_the_escaped_and_compressed_scripts_are_invisible_to_a_byte_filter():
    """Why the structure is parsed: none of these files carries the plain names in its bytes."""
    for build in (_escaped_open_script, _escaped_launch_link, _object_stream_script):
        data = build()
        assert b"/JavaScript" not in data and b"/Launch" not in data


def test_a_clean_pdf_with_a_web_link_and_a_start_page_passes():
    def ordinary(writer, page):
        writer.add_annotation(0, Link(rect=(10, 10, 80, 40), url="https://example.org/政策"))
        writer._root_object[_name("/OpenAction")] = ArrayObject([page.indirect_reference, _name("/Fit")])

    assert evidence_file_check(_upload(_written(ordinary))) == "application/pdf"


def test_a_clean_pdf_with_compressed_object_streams_passes():
    clean = _object_stream_pdf([b"<</Type/Catalog/Pages 2 0 R/OpenAction 4 0 R>>", PAGES[0], PAGES[1] % b"",
                                b"<</S/GoTo/D[3 0 R/Fit]>>"])
    assert evidence_file_check(_upload(clean)) == "application/pdf"


def test_an_unreadable_pdf_with_an_escaped_script_is_refused_from_its_bytes():
    broken = b"%PDF-1.4\n1 0 obj<</OpenAction<</S/J#61vaScript/JS(app.alert(1))>>>>endobj\n%%EOF\n"
    with pytest.raises(ValidationError, match="自动运行的脚本"):
        evidence_file_check(_upload(broken))


@pytest.mark.django_db
def test_an_escaped_script_pdf_is_refused_at_the_evidence_upload(client, cast, application, settings,
                                                                 tmp_path):
    from apps.applications.assessments.models import Evidence, EvidenceKind

    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    client.force_login(cast.rep_a)
    response = client.post(reverse("assessments:evidence_upload", args=[application.pk]),
                           {"kind": EvidenceKind.OTHER, "file": _upload(_escaped_open_script())}, follow=True)
    assert response.status_code == 200
    assert "自动运行的脚本" in response.content.decode()
    assert not Evidence.objects.exists()
