"""Load for scripts/drill_pg_restart.sh: employees answering a public survey and people reading pages.

Each survey answer is a fresh "phone" (its own cookies): GET the form, choose the first option of every
question, POST. Runs for --seconds with --threads workers and prints a JSON summary: status counts per kind
of request, the number of answers the server acknowledged (302), and every error page that shows a
traceback or is not in Chinese. Standard library only, so it runs anywhere the portal runs.
"""

import argparse
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from html.parser import HTMLParser
from http.cookiejar import CookieJar


class FormFields(HTMLParser):
    """The CSRF token and the first option of each radio group of the survey form."""

    def __init__(self):
        super().__init__()
        self.fields: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "input" and attributes.get("name") and attributes.get("value") is not None:
            if attributes.get("type") in ("hidden", "radio"):
                self.fields.setdefault(attributes["name"], attributes["value"])


def fetch(opener, url: str, data: dict | None = None, referer: str | None = None) -> tuple[int, str, str]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, headers={"Referer": referer or url})
    try:
        with opener.open(request, timeout=20) as response:
            return response.status, response.geturl(), response.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as error:
        return error.code, url, error.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError) as error:
        return 0, url, str(error)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def run(base: str, token: str, seconds: float, threads: int) -> dict:
    counts: dict[str, Counter] = {"answer": Counter(), "page": Counter(), "healthz": Counter()}
    bad_pages: list[str] = []
    timeline: list[tuple[float, str, int]] = []
    lock = threading.Lock()
    started = time.monotonic()
    stop_at = started + seconds

    def record(kind: str, status: int, page: str) -> None:
        with lock:
            counts[kind][status] += 1
            timeline.append((round(time.monotonic() - started, 2), kind, status))
            unclear = "Traceback" in page or "系统" not in page
            if kind != "healthz" and status >= 500 and unclear and len(bad_pages) < 5:
                bad_pages.append(page[:300])

    def answerer() -> None:
        survey_url = f"{base}/s/{token}/"
        while time.monotonic() < stop_at:
            opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), NoRedirect)
            status, _, page = fetch(opener, survey_url)
            if status != 200:
                record("page", status, page)
                continue
            form = FormFields()
            form.feed(page)
            status, _, page = fetch(opener, survey_url, data=form.fields, referer=survey_url)
            record("answer", status, page)

    def reader() -> None:
        opener = urllib.request.build_opener()
        while time.monotonic() < stop_at:
            for path in ("/", "/named/", "/notices/", "/healthz"):
                status, _, page = fetch(opener, base + path)
                record("healthz" if path == "/healthz" else "page", status, page)

    workers = [threading.Thread(target=answerer) for _ in range(threads)] + [threading.Thread(target=reader)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    failures = [t for t in timeline if t[2] not in (200, 302)]
    return {
        "answers": dict(counts["answer"]), "pages": dict(counts["page"]), "healthz": dict(counts["healthz"]),
        "acknowledged_answers": counts["answer"][302],
        "failures_between_seconds": [failures[0][0], failures[-1][0]] if failures else None,
        "error_pages_with_traceback_or_not_chinese": bad_pages,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("base")
    parser.add_argument("token")
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--threads", type=int, default=4)
    arguments = parser.parse_args()
    print(json.dumps(run(arguments.base, arguments.token, arguments.seconds, arguments.threads), ensure_ascii=False))
