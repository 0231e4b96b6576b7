"""Active content in a PDF, found on the parsed objects rather than in the raw bytes.

A byte filter misses what a PDF reader sees: names may be written with escapes
(``/J#61vaScript`` is ``/JavaScript``) and dictionaries may sit compressed inside
object streams. pypdf parses the file the way a reader does, so every object is
inspected in its decoded form: every object the cross-reference lists (object
streams included) and everything reachable from the trailer (catalog, pages,
annotations, name trees, outlines, forms).

When pypdf cannot read the whole file (broken cross-reference, an encryption it
cannot undo), the raw bytes are searched with the name escapes decoded, and a
file with compressed object streams is refused because its dictionaries cannot
be seen.
"""

import re
from typing import BinaryIO
from urllib.parse import urlsplit

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

# What a finding is called in the refusal: each reason once.
SCRIPT = "script"
LAUNCH = "launch"
AUTO_ACTION = "auto_action"
EMBEDDED_FILE = "embedded_file"
FILE_LINK = "file_link"
UNCHECKABLE = "uncheckable"

# Action types (/S) that run code, start programs, reach outside the document or import data.
_ACTION_TYPES = {
    "/JavaScript": SCRIPT, "/JS": SCRIPT, "/RichMediaExecute": SCRIPT,
    "/Launch": LAUNCH, "/ImportData": LAUNCH, "/GoToE": EMBEDDED_FILE,
}
# Keys whose mere presence is active content, wherever they appear.
_KEYS = {
    "/JS": SCRIPT, "/JavaScript": SCRIPT,  # an action's script, or the document-level script name tree
    "/AA": AUTO_ACTION,  # additional actions: run on open, close, page view, field focus...
    "/EmbeddedFiles": EMBEDDED_FILE, "/EF": EMBEDDED_FILE,
}
_TYPES = {"/EmbeddedFile": EMBEDDED_FILE}
# A link may open a web page or write an e-mail; anything else (file:, \\server\share, smb:) opens
# something on the reader's machine or network.
_SAFE_URI_SCHEMES = {"http", "https", "mailto", "tel"}
# A document with more objects than this is not an evidence scan; refusing it bounds the work.
MAX_OBJECTS = 200_000

_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_RAW_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|AA|EmbeddedFiles?|EF|ImportData|OpenAction)\b")
_RAW_FILE_URI = re.compile(rb"/URI\s*\(\s*(file:|\\\\\\\\|smb:)", re.IGNORECASE)
_RAW_OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm\b")


def _unsafe_uri(value: object) -> bool:
    text = str(value).strip()
    if text.startswith(("\\", "/")):
        return True
    scheme = urlsplit(text).scheme.lower()
    return bool(scheme) and scheme not in _SAFE_URI_SCHEMES


def _is_action_dict(value: object) -> bool:
    return isinstance(value, DictionaryObject) and "/S" in value


def _inspect(node: DictionaryObject) -> str | None:
    """The reason a single dictionary is active content, or None."""
    for key, reason in _KEYS.items():
        if key in node:
            return reason
    if node.get("/Type") in _TYPES:
        return _TYPES[node["/Type"]]
    action = node.get("/S")
    if action in _ACTION_TYPES:
        return _ACTION_TYPES[action]
    if action == "/URI" and _unsafe_uri(node.get("/URI", "")):
        return FILE_LINK
    if action in {"/SubmitForm", "/GoToR"} and _unsafe_uri(node.get("/F", "")):
        return FILE_LINK
    if "/OpenAction" in node:
        # A destination (a page and a zoom) only sets the first view; an action dictionary runs something.
        opening = node["/OpenAction"]
        opening = opening.get_object() if isinstance(opening, IndirectObject) else opening
        if _is_action_dict(opening) and opening.get("/S") != "/GoTo":
            return AUTO_ACTION
    return None


def _walk(reader: PdfReader) -> str | None:
    roots: list[object] = [reader.trailer]
    for generation, entries in reader.xref.items():
        roots.extend(IndirectObject(number, generation, reader) for number in entries)
    roots.extend(IndirectObject(number, 0, reader) for number in reader.xref_objStm)
    seen: set[tuple[int, int]] = set()
    stack = roots
    visited = 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            ref = (node.idnum, node.generation)
            if ref in seen:
                continue
            seen.add(ref)
            node = node.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            return UNCHECKABLE
        if isinstance(node, DictionaryObject):  # stream objects are dictionaries too
            reason = _inspect(node)
            if reason:
                return reason
            stack.extend(node.values())
        elif isinstance(node, ArrayObject):
            stack.extend(node)
    return None


def _raw_scan(upload: BinaryIO) -> str | None:
    """The fallback on the bytes, with name escapes decoded: refuses anything the walk could not rule out."""
    upload.seek(0)
    data = _ESCAPE.sub(lambda match: bytes([int(match.group(1), 16)]), upload.read())
    upload.seek(0)
    if _RAW_ACTIVE.search(data):
        return SCRIPT
    if _RAW_FILE_URI.search(data):
        return FILE_LINK
    if _RAW_OBJECT_STREAM.search(data):
        return UNCHECKABLE
    return None


def pdf_active_content(upload: BinaryIO) -> str | None:
    """Why the PDF must be refused (one of the reasons above), or None for a document without active content."""
    upload.seek(0)
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValueError("encrypted with a password")
        found = _walk(reader)
    except Exception:  # noqa: BLE001 - any parser failure means the structure could not be seen: use the bytes
        found = _raw_scan(upload)
    finally:
        upload.seek(0)
    return found
