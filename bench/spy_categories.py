"""Summarise a py-spy raw recording of gunicorn's workers into what every request pays.

    py-spy record --pid MASTER --subprocesses --rate 100 --duration 10 --format raw -o x.raw
    .venv/bin/python bench/spy_categories.py x.raw

Each sample goes to the first category whose marker is on its stack. py-spy samples wall time of threads not
idle in Python, so a worker blocked in a socket read (a query, a cache read, the client closing) counts too:
those are shown apart from the work.
"""

import sys
from collections import Counter

CATEGORIES = [
    ("worker boot (import, first loading)", ["Worker.load_wsgi"]),
    ("waiting on PostgreSQL or Redis", ["Connection.wait (psycopg", "_read_from_socket", "recv ("]),
    ("connection health check (SELECT 1)", ["is_usable"]),
    ("session read", ["SessionStore.load"]),
    ("user read", ["get_user (django/contrib/auth/__init__"]),
    ("memberships read", ["all_memberships_of"]),
    ("crispy form", ["as_crispy_form"]),
    ("templates (base, menu, page)", ["Template.render (django/template/base", "render_to_string"]),
    ("view and its queries", ["BaseHandler._get_response"]),
    ("middlewares (the rest)", ["BaseHandler.get_response"]),
    ("gunicorn: parse, send, close (incl. waiting for the client)", ["SyncWorker.handle"]),
]


def summarise(lines) -> tuple[int, Counter]:
    counts: Counter = Counter()
    total = 0
    for line in lines:
        stack, _, number = line.rstrip().rpartition(" ")
        if "SyncWorker.handle" not in stack and "Worker.load_wsgi" not in stack:
            continue  # the master, or a worker waiting for a connection
        total += int(number)
        name = next((name for name, markers in CATEGORIES if any(m in stack for m in markers)), "other")
        counts[name] += int(number)
    return total, counts


def main() -> None:
    with open(sys.argv[1]) as raw:
        total, counts = summarise(raw)
    print(f"{total} samples in the workers")
    for name, number in counts.most_common():
        print(f"{100 * number / total:5.1f} %  {name}")


if __name__ == "__main__":
    main()
