"""Official documents (公文) in the GB/T 9704—2012 layout, as PDF and as Word, from one description.

A notice, a decision or a list is described once (``OfficialDocument``); ``official_pdf`` sets it with
WeasyPrint (``templates/pdf/official_document.html``) and ``official_docx`` fills the Word template of the
same name (``templates/docx/<name>.docx``, built with the report's by ``scripts/build_docx_templates.py``,
which holds the layout's fonts and sizes; an office's own in
``DOCX_TEMPLATE_DIRS`` wins). Both follow the standard's page: A4, margins 37/35/28/26 mm (top, bottom,
left, right), title in 2号 小标宋, body in 3号 仿宋 on 22 lines of 28 characters, the issuing office and the
date at the bottom right, the 附件 list under the body and each attachment on its own page, page numbers
"— 1 —" (odd pages right, even pages left).

Fonts: the licensed faces an office has installed come first (方正小标宋_GBK / 方正小标宋简体 for titles,
仿宋_GB2312 / 仿宋 for the body, 黑体 for the 附件 label); where they are missing the PDF falls back to the
free Debian faces (Noto Serif CJK SC Bold from fonts-noto-cjk, AR PL UKai CN from fonts-arphic-ukai). The
Word file names the licensed faces (Word has no fallback list; an office without them sees its own
substitute until it installs them). ``docs/architecture.md`` lists which element uses which font.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, ParamSpec, TypeVar

from django.conf import settings
from django.http import Http404, HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.http import content_disposition_header

from .docx import DOCX_CONTENT_TYPE, column_widths_set, render_docx

P = ParamSpec("P")
R = TypeVar("R")


def official_language() -> translation.override:
    """The portal's own language (Chinese), active inside the ``with``: documents are issued in it and the names
    records are stored and matched under are written in it, whatever language the reader chose for the pages."""
    return translation.override(settings.LANGUAGE_CODE)


def in_official_language(build: Callable[P, R]) -> Callable[P, R]:
    """Run ``build`` (a view that returns a printed document: a 公文, a certificate, a form) in the portal's own
    language. Documents are issued in Chinese whatever language the reader has chosen for the pages: their
    labels, choice names and dates would otherwise come out half English."""

    @functools.wraps(build)
    def in_chinese(*args: P.args, **kwargs: P.kwargs) -> R:
        with official_language():
            return build(*args, **kwargs)

    return in_chinese


# The formats a document downloads in: URL suffix → content type.
FORMATS = {"pdf": "application/pdf", "docx": DOCX_CONTENT_TYPE}


@dataclass(frozen=True)
class DocumentTable:
    """A table in a document: a header repeated on every page and rows of text."""

    columns: list[str]
    rows: list[list[str]]
    # Relative column widths (the PDF's colgroup and the Word table's grid); empty: equal widths.
    widths: list[int] = field(default_factory=list)


@dataclass(frozen=True)
class Attachment:
    """An attachment (附件): listed under the body, then set on a page of its own."""

    title: str
    table: DocumentTable


@dataclass(frozen=True)
class OfficialDocument:
    """One document. ``office``: the issuing office(s) as signed at the bottom; several offices issuing
    jointly are separated by whitespace and each signs on its own line."""

    title: str
    office: str
    dated: date
    body: list[str] = field(default_factory=list)
    number: str = ""  # 发文字号, e.g. 临人社发〔2026〕8号
    addressee: str = ""  # 主送机关
    tables: list[DocumentTable] = field(default_factory=list)  # inline, after the body (forms and lists)
    attachments: list[Attachment] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)  # lines after the tables, e.g. signature lines of a form
    landscape: bool = False  # wide forms only; notices and decisions are always portrait


def chinese_date(day: date) -> str:
    """The 成文日期 as GB/T 9704 writes it: Arabic numerals, no leading zeros (2026年12月6日)."""
    return f"{day.year}年{day.month}月{day.day}日"


def attachment_lines(document: OfficialDocument) -> list[str]:
    """The 附件 note under the body: '附件：1．…', the next ones aligned under the first name."""
    items = document.attachments
    if len(items) == 1:
        return [f"附件：{items[0].title}"]
    return [("附件：" if index == 1 else "　　　") + f"{index}．{item.title}" for index, item in enumerate(items, 1)]


def _context(document: OfficialDocument) -> dict[str, Any]:
    return {
        "doc": document, "title": document.title, "number": document.number, "addressee": document.addressee,
        "body": document.body, "office": document.office, "office_lines": document.office.split(),
        "date": chinese_date(document.dated),
        "tables": document.tables, "closing": document.closing,
        "attachment_lines": attachment_lines(document) if document.attachments else [],
        "attachments": [{"label": f"附件{index}" if len(document.attachments) > 1 else "附件",
                         "title": item.title, "table": item.table}
                        for index, item in enumerate(document.attachments, 1)],
    }


def official_html(document: OfficialDocument) -> str:
    return render_to_string("pdf/official_document.html", _context(document))


def official_pdf(document: OfficialDocument) -> bytes:
    from weasyprint import HTML  # noqa: PLC0415  (loaded on first use: importing it parses its default CSS)

    return HTML(string=official_html(document)).write_pdf()


def official_docx(name: str, document: OfficialDocument) -> bytes:
    """The document filled into the Word template ``name`` (the office's own if it has one), its tables at their
    ``widths``."""
    tables = [*document.tables, *(attachment.table for attachment in document.attachments)]
    return column_widths_set(render_docx(name, _context(document)),
                             {tuple(table.columns): table.widths for table in tables if table.widths})


def official_response(name: str, document: OfficialDocument, *, fmt: str, filename: str) -> HttpResponse:
    """A download of ``document`` as PDF or Word (``fmt``); ``filename`` without suffix, may be Chinese.
    Never cached: the drafts name units before the office publishes them."""
    if fmt not in FORMATS:
        raise Http404
    content = official_pdf(document) if fmt == "pdf" else official_docx(name, document)
    response = HttpResponse(content, content_type=FORMATS[fmt])
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=f"{filename}.{fmt}")
    add_never_cache_headers(response)
    return response
