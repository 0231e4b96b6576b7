"""The self-evaluation page's item save (issue 17, item 3): requests per second and queries per save.

Called by bench/run.py with Django set up. Each connection is a representative of the deadline-rush units
saving the items of their own draft one after another, as the page's htmx does on every change (a POST with
the CSRF token, ``HX-Request``): connections never wait on each other's rows, as real users would not. The
reference is measured in the same run, on the same server and number of connections. Queries per save are
counted in this process through Django's test client on the same database, after a first save (a fresh
process reads the standard once).
"""

import asyncio
from dataclasses import dataclass
from itertools import cycle

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from loadgen import LoadResult, Session, load, load_calls
from rush import full_marks, rush_applications

from apps.accounts.models import User
from apps.applications.assessments.models import Application
from apps.devtools.scale.people import BENCH_PASSWORD, rush_rep_name
from apps.standards.scoring import VETO_NO, VETO_YES


@dataclass
class AutosaveResult:
    connections: int
    reference: LoadResult
    saves: LoadResult

    @property
    def ratio(self) -> float:
        return self.saves.throughput / self.reference.throughput if self.reference.throughput else float("nan")


def _values(application) -> list[tuple[int, list[str]]]:
    """Each item with two values to alternate between, so every save changes the answer (and writes its entry)."""
    pairs = []
    for criterion_id, top in full_marks(application).items():
        other = VETO_YES if top == VETO_NO else "0"
        pairs.append((criterion_id, [top, other]))
    return pairs


def queries_per_save() -> tuple[int, list[str]]:
    """The statements one save of the first rush representative runs, counted in this process (after a first save
    of the same item, since a fresh process reads the standard once)."""
    username = rush_rep_name(0)
    application = Application.objects.filter(unit__memberships__user__username=username).latest("pk")
    client = Client(HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    client.force_login(User.objects.get(username=username))
    criterion_id, (first, second) = _values(application)[0]
    url = reverse("assessments:answer_save", args=[application.pk, criterion_id])
    client.post(url, {"value": first, "narrative": "基准"}, HTTP_HX_REQUEST="true")
    with CaptureQueriesContext(connection) as captured:
        response = client.post(url, {"value": second, "narrative": "基准"}, HTTP_HX_REQUEST="true")
    if response.status_code != 200:
        raise RuntimeError(f"the counted save answered {response.status_code}")
    return len(captured), [query["sql"][:120] for query in captured.captured_queries]


def autosave_run(host: str, port: int, *, connections: list[int], seconds: float, warmup: float,
                 reference_path: str) -> list[AutosaveResult]:
    pairs = rush_applications(max(connections))
    values = _values(pairs[0][1])
    return asyncio.run(_run(host, port, pairs, values, connections, seconds, warmup, reference_path))


async def _run(host, port, pairs, values, connections, seconds, warmup, reference_path) -> list[AutosaveResult]:
    sessions = [Session(host, port) for _ in pairs]
    for session, (username, _) in zip(sessions, pairs, strict=True):
        await session.login(username, BENCH_PASSWORD)
    items = [cycle((criterion_id, value) for criterion_id, two in values for value in two) for _ in pairs]

    def save(number: int):
        criterion_id, value = next(items[number])
        application = pairs[number][1]
        return sessions[number].post(f"/applications/{application.pk}/answers/{criterion_id}/",
                                     {"value": value, "narrative": "自动保存基准"}, headers={"HX-Request": "true"})

    results = []
    for count in connections:
        reference = await load("reference", sessions[0], reference_path, connections=count, seconds=seconds,
                               warmup=warmup)
        saves = await load_calls("item save", "/applications/<pk>/answers/<item>/", save, connections=count,
                                 seconds=seconds, warmup=warmup)
        print(f"autosave at {count} connections: {saves.throughput:.1f} saves/s (reference "
              f"{reference.throughput:.1f} req/s), p95 {saves.percentile(0.95):.0f} ms, {saves.errors} errors")
        results.append(AutosaveResult(count, reference, saves))
    return results
