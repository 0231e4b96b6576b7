"""Which pages a role can reach: a breadth-first crawl of the links the portal renders for it.

The benchmark (bench/run.py, part ``crawl``) measures what this finds, so a
new page is measured as soon as some page links to it. One page per pattern:
links are grouped by the URL name they resolve to and the query keys they
carry (``/applications/7/`` and ``/applications/9/`` are one page, ``?page=2``
and ``?status=…&page=2`` are two), and the first link of a group stands for it.

The crawl fetches through a function, so it runs against gunicorn (the
benchmark) and against Django's test client (tests/bench/test_crawl.py) alike.
"""

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.urls import Resolver404, resolve

# Not pages: leaving, switching language, the admin site (none of the crawled roles is staff), the liveness
# probe. Files (PDF, Excel, attachments, photos) are listed in the report but not loaded: a download is not
# a page, and some of them build a whole export on each request.
SKIPPED_NAMES = {"accounts:logout", "set_language", "core:healthz", "core:healthz_live", "core:healthz_workers"}
SKIPPED_NAMESPACES = {"admin"}
FILE_SUFFIXES = (".pdf", ".xlsx", ".xls", ".csv", ".zip", ".png", ".jpg", ".docx")
FILE_NAME_WORDS = ("download", "attachment", "photo", "certificate", "export", "excel", "template")


@dataclass
class Fetched:
    """What the crawl needs from one GET."""
    status: int
    content_type: str
    text: str
    location: str = ""


@dataclass(frozen=True)
class Page:
    url_name: str
    path: str  # with its query string


@dataclass
class Crawl:
    pages: list[Page] = field(default_factory=list)  # answered 200 with HTML: the ones to load
    files: list[Page] = field(default_factory=list)  # downloads, found but not loaded
    problems: list[str] = field(default_factory=list)  # 4xx/5xx answers, each with the page that linked it
    links: set[str] = field(default_factory=set)  # every same-site link on the pages, before grouping
    capped: bool = False


class _Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            href = dict(attrs).get("href")
            if href:
                self.hrefs.append(href)


def same_site(href: str, base: str) -> str | None:
    """``href`` as a path with its query string (fragment dropped), or None when it leaves the site."""
    url = urlsplit(urljoin(base, href))
    if url.scheme not in ("http", "https", "") or url.netloc:
        return None
    return url.path + (f"?{url.query}" if url.query else "")


def links_in(html: str, base: str) -> list[str]:
    parser = _Links()
    parser.feed(html)
    return [path for path in (same_site(href, base) for href in parser.hrefs) if path]


def url_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


def group_key(path: str) -> tuple[str, tuple[str, ...]] | None:
    """The pattern a link stands for: its URL name and which query keys it carries (not their values)."""
    name = url_name(path)
    if name is None:
        return None
    return name, tuple(sorted({key for key, _ in parse_qsl(urlsplit(path).query, keep_blank_values=True)}))


def is_file(name: str, path: str) -> bool:
    return urlsplit(path).path.lower().endswith(FILE_SUFFIXES) or any(word in name for word in FILE_NAME_WORDS)


def crawl(fetch: Callable[[str], Fetched], start: list[str], *, cap: int | None = None) -> Crawl:
    """Breadth-first from ``start``: every same-site link once per group (with ``cap``: until that many pages)."""
    result = Crawl()
    seen: set[tuple[str, tuple[str, ...]]] = set()
    queue: deque[tuple[str, str]] = deque((path, "start") for path in start)
    while queue:
        path, linked_from = queue.popleft()
        key = group_key(path)
        if key is None:
            result.problems.append(f"{path} (linked from {linked_from}): no URL pattern matches")
            continue
        name = key[0]
        if key in seen or name in SKIPPED_NAMES or name.split(":")[0] in SKIPPED_NAMESPACES:
            continue
        seen.add(key)
        if is_file(name, path):
            result.files.append(Page(name, path))
            continue
        if cap is not None and len(result.pages) >= cap:
            result.capped = True
            break
        answer = fetch(path)
        if answer.status in (301, 302, 303, 307, 308):
            target = same_site(answer.location, path)
            if target:
                queue.append((target, path))
        elif answer.status != 200:
            result.problems.append(f"{path} (linked from {linked_from}): HTTP {answer.status}")
        elif not answer.content_type.startswith("text/html"):
            result.files.append(Page(name, path))
        else:
            result.pages.append(Page(name, path))
            links = links_in(answer.text, path)
            result.links.update(links)
            queue.extend((link, path) for link in links)
    return result
