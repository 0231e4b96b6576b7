"""Checking uploaded evidence by its content, and naming it safely."""

import magic
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext

from apps.core.uploads import (
    OFD_TYPE,
    hidden_content_check,
    image_check,
    is_ofd,
    ofd_check,
    safe_name,
    zip_archive_check,
)

MAX_EVIDENCE_BYTES = 20 * 1024 * 1024

# Detected MIME type → what we call it. Office files are recognised by content:
# the OOXML formats (docx, xlsx, pptx) are ZIP containers that libmagic names
# precisely; the old binary formats are OLE containers.
OOXML_TYPES = {
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}
ALLOWED_TYPES = {
    "application/pdf": "PDF",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
    "application/msword": "Word",
    "application/vnd.ms-excel": "Excel",
    "application/vnd.ms-powerpoint": "PowerPoint",
    "application/x-ole-storage": "Office",
    "application/CDFV2": "Office",
    OFD_TYPE: "OFD",
}


def detect_type(upload: UploadedFile) -> str:
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    detected = magic.from_buffer(head, mime=True)
    if detected == "application/zip" and is_ofd(upload):
        return OFD_TYPE
    return detected


def evidence_file_check(upload: UploadedFile) -> str:
    """The detected MIME type of an acceptable upload; ValidationError (in the reader's language) otherwise."""
    if upload.size == 0:
        raise ValidationError(gettext("文件是空的，请重新选择。"))
    if upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(
            gettext("文件“%(name)s”大小为 %(size)s MB，超过 %(limit)s MB 的上限，请压缩或拆分后再上传。")
            % {"name": safe_name(upload.name), "size": f"{upload.size / 1024 / 1024:.1f}",
               "limit": MAX_EVIDENCE_BYTES // 1024 // 1024}
        )
    detected = detect_type(upload)
    if detected not in ALLOWED_TYPES:
        raise ValidationError(
            gettext("文件“%(name)s”的实际内容不是 PDF、OFD、JPEG、PNG 或 Office 文档（识别为 %(detected)s），"
                    "不能上传。请另存为 PDF 或图片后再试。")
            % {"name": safe_name(upload.name), "detected": detected}
        )
    content_check(upload, detected=detected)
    return detected


def content_check(upload: UploadedFile, *, detected: str) -> None:
    """Past the type: no hidden markup or appended archive, images that decode, no zip bombs."""
    name = safe_name(upload.name)
    hidden_content_check(upload, detected=detected, display_name=name)
    if detected.startswith("image/"):
        image_check(upload, display_name=name)
    if detected in OOXML_TYPES:
        zip_archive_check(upload, display_name=name)
    if detected == OFD_TYPE:
        ofd_check(upload, display_name=name)
