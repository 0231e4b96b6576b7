"""Checks every upload goes through beyond its type: hidden scripts, polyglots and zip bombs.

The type itself is decided by content (libmagic) where each upload is taken
in; these checks look at the whole file, because a file can start as a
perfectly good JPEG or PDF and carry HTML, script or an archive after it
(a polyglot): a browser or another program that sniffs the content may then
run what the portal stored as a "picture".
"""

import re
import unicodedata
import warnings
import zipfile
from pathlib import PurePath
from typing import BinaryIO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from apps.core import pdf_safety

# Markup a browser would run if it ever rendered the file as HTML or SVG.
_MARKUP = re.compile(rb"<\s*(script|html|body|iframe|svg|object|embed)\b|javascript\s*:", re.IGNORECASE)
_CHUNK = 1024 * 1024
_OVERLAP = 64

# Zip containers (xlsx/docx/pptx): what the central directory declares, read before anything is inflated.
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200
MAX_MEMBERS = 10_000

# Images: what the header declares, read before any pixel is decoded. 60 million pixels holds any
# phone or scanner picture (a 200-megapixel phone saves 12 MP by default); a decompression bomb
# declares hundreds of millions and would take gigabytes of memory to decode.
MAX_IMAGE_PIXELS = 60_000_000
# A stored display name: long enough for any real title, short enough for the name columns.
MAX_NAME_LENGTH = 150
_MAX_SUFFIX_LENGTH = 16


def _scan(upload: BinaryIO, pattern: re.Pattern) -> bytes | None:
    """The first match of ``pattern`` anywhere in the file, read in overlapping chunks."""
    upload.seek(0)
    tail = b""
    try:
        while chunk := upload.read(_CHUNK):
            found = pattern.search(tail + chunk)
            if found:
                return found.group(0)
            tail = chunk[-_OVERLAP:]
    finally:
        upload.seek(0)
    return None


def _is_zip(upload: BinaryIO) -> bool:
    upload.seek(0)
    try:
        return zipfile.is_zipfile(upload)
    finally:
        upload.seek(0)


def hidden_content_check(upload: BinaryIO, *, detected: str, display_name: str) -> None:
    """Refuse a PDF or image that also carries markup, PDF scripts or an appended archive."""
    if not (detected == "application/pdf" or detected.startswith("image/")):
        return
    what = "PDF" if detected == "application/pdf" else _("图片")
    if _scan(upload, _MARKUP):
        raise ValidationError(
            _("文件“%(name)s”是%(what)s，但其中夹带了网页代码或脚本，可能是伪装文件，不能上传。请重新导出或扫描后再上传。")
            % {"name": display_name, "what": what}
        )
    if detected == "application/pdf":
        pdf_check(upload, display_name=display_name)
    if _is_zip(upload):
        raise ValidationError(
            _("文件“%(name)s”是%(what)s，但末尾附带了压缩包，可能是伪装文件，不能上传。")
            % {"name": display_name, "what": what}
        )


def _pdf_reasons() -> dict[str, str]:
    return {
        pdf_safety.SCRIPT: _("打开时自动运行的脚本"),
        pdf_safety.LAUNCH: _("启动其他程序或导入数据的动作"),
        pdf_safety.AUTO_ACTION: _("打开或浏览时自动执行的动作"),
        pdf_safety.EMBEDDED_FILE: _("嵌入的附件文件"),
        pdf_safety.FILE_LINK: _("指向本机或共享文件夹中文件的链接"),
        pdf_safety.UNCHECKABLE: _("无法检查的压缩或加密结构"),
    }


def pdf_check(upload: BinaryIO, *, display_name: str) -> None:
    """Refuse a PDF with scripts, launch actions, automatic actions, embedded files or links to local files."""
    reason = pdf_safety.pdf_active_content(upload)
    if reason:
        raise ValidationError(
            _("文件“%(name)s”中含有%(what)s，不能上传。请用“打印为 PDF”另存后再上传。")
            % {"name": display_name, "what": _pdf_reasons()[reason]}
        )


def image_check(upload: BinaryIO, *, display_name: str) -> None:
    """Refuse an image that does not decode or whose declared size would exhaust memory (a decompression bomb).

    Pillow reads only the header to learn the size; its own bomb guard (a warning, then an
    exception past twice its limit) is turned into the same refusal as ours.
    """
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                if width * height > MAX_IMAGE_PIXELS:
                    raise Image.DecompressionBombError(f"{width}x{height}")
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise ValidationError(
            _("图片“%(name)s”的像素过多（上限 %(limit)s 百万像素），可能是“图片炸弹”，不能上传。"
              "请缩小尺寸（例如长边不超过 6000 像素）后再上传。")
            % {"name": display_name, "limit": MAX_IMAGE_PIXELS // 1_000_000}
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise ValidationError(_("图片“%(name)s”已损坏或不完整，请重新拍摄或导出后再上传。")
                              % {"name": display_name}) from error
    finally:
        upload.seek(0)


def zip_archive_check(upload: BinaryIO, *, display_name: str) -> None:
    """Refuse a zip container whose declared contents would inflate too far (a zip bomb).

    Only the central directory is read: nothing is decompressed, so a bomb
    costs no memory or time to refuse.
    """
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise ValidationError(_("文件“%(name)s”已损坏，无法读取，请重新保存后再上传。")
                              % {"name": display_name}) from error
    finally:
        upload.seek(0)
    total = sum(member.file_size for member in members)
    packed = sum(member.compress_size for member in members)
    too_dense = any(member.file_size > 1024 * 1024
                    and member.file_size > MAX_COMPRESSION_RATIO * max(member.compress_size, 1)
                    for member in members)
    if len(members) > MAX_MEMBERS or total > MAX_UNCOMPRESSED_BYTES or too_dense:
        raise ValidationError(
            _("文件“%(name)s”解压后异常庞大（压缩 %(packed)s MB，声明解压 %(total)s MB），可能是“压缩炸弹”，不能处理。"
              "请另存为普通的 Excel/Office 文件后再上传。")
            % {"name": display_name, "packed": f"{packed / 1024 / 1024:.1f}", "total": f"{total / 1024 / 1024:.0f}"}
        )


# OFD (GB/T 33190, the national fixed-layout format): a zip container with OFD.xml at its root, XML pages,
# fonts and images. What it may not carry here: anything a computer runs, markup a browser would run,
# embedded attachments or links to local files (as a PDF may not, pdf_check), or paths out of the container.
OFD_TYPE = "application/ofd"
OFD_ROOT = "OFD.xml"
_RUNNABLE_SUFFIXES = {".exe", ".dll", ".com", ".scr", ".msi", ".bat", ".cmd", ".ps1", ".vbs", ".js", ".jar",
                      ".class", ".sh", ".so", ".dylib", ".html", ".htm", ".svg", ".swf", ".hta", ".lnk", ".zip"}
_RUNNABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xca\xfe\xba\xbe", b"\xcf\xfa\xed\xfe", b"#!", b"PK\x03\x04")
_OFD_ACTIVE = re.compile(rb"<\s*(?:ofd:)?Attachments?\b|=\s*[\"']\s*file:|\\\\[\w.-]+\\", re.IGNORECASE)


def is_ofd(upload: BinaryIO) -> bool:
    """A zip container whose root holds OFD.xml (libmagic names it only a zip)."""
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return OFD_ROOT in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)


def _ofd_problem(archive: zipfile.ZipFile) -> str | None:
    for member in archive.infolist():
        path = PurePath(member.filename)
        if member.filename.startswith(("/", "\\")) or ".." in path.parts or ":" in member.filename:
            return _("指向文件包以外的路径")
        if (member.external_attr >> 16) & 0o170000 == 0o120000:
            return _("符号链接")
        if path.suffix.lower() in _RUNNABLE_SUFFIXES:
            return _("可执行程序或网页文件（%(name)s）") % {"name": path.name}
        with archive.open(member) as handle:
            if member.filename.lower().endswith(".xml"):
                content = handle.read()
                if _MARKUP.search(content):
                    return _("网页代码或脚本")
                if _OFD_ACTIVE.search(content):
                    return _("嵌入的附件文件或指向本机文件的链接")
            elif handle.read(4).startswith(_RUNNABLE_MAGIC):
                return _("可执行程序或压缩包（%(name)s）") % {"name": path.name}
    return None


def ofd_check(upload: BinaryIO, *, display_name: str) -> None:
    """Refuse an OFD that would inflate too far, lacks OFD.xml at its root, or carries runnable content.

    The central directory is checked first (zip_archive_check), so the members read afterwards are bounded.
    """
    zip_archive_check(upload, display_name=display_name)
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            if OFD_ROOT not in archive.namelist():
                raise ValidationError(_("文件“%(name)s”不是有效的 OFD 文件（根目录缺少 OFD.xml），请重新导出后再上传。")
                                      % {"name": display_name})
            problem = _ofd_problem(archive)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as error:
        raise ValidationError(_("文件“%(name)s”已损坏，无法读取，请重新保存后再上传。")
                              % {"name": display_name}) from error
    finally:
        upload.seek(0)
    if problem:
        raise ValidationError(
            _("OFD 文件“%(name)s”中含有%(what)s，不能上传。请用版式软件重新导出为 OFD 或 PDF 后再上传。")
            % {"name": display_name, "what": problem})


def safe_name(name: str) -> str:
    """A display/download name without paths, control characters or quotes; keeps Chinese."""
    base = PurePath(str(name).replace("\\", "/")).name
    base = unicodedata.normalize("NFC", base)
    base = re.sub(r"[\x00-\x1f\x7f\"'<>:|?*;/]", "_", base).strip(" .")
    base = base or "file"
    if len(base) <= MAX_NAME_LENGTH:
        return base
    # Shorten the stem, never the extension: the download must still open in the right program.
    suffix = PurePath(base).suffix
    if not 1 < len(suffix) <= _MAX_SUFFIX_LENGTH:
        return base[:MAX_NAME_LENGTH]
    return base[:MAX_NAME_LENGTH - len(suffix)].rstrip(" .") + suffix
