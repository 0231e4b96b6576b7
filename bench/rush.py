"""The deadline rush: many representatives save every item and submit at the same moment, through HTTP.

Called by bench/run.py with Django set up (it reads the database to know the
applications and, afterwards, to check that nothing was lost). Logging in and
uploading the two required files happen first, untimed; then every
representative starts at once: one POST per item, the submit POST, and the
page the browser is sent to, which must say the submission went through.
"""

import asyncio
import time
from dataclasses import dataclass, field

from loadgen import Session

from apps.applications.assessments.models import Answer, Application, ApplicationEvent, ApplicationRevision, Evidence
from apps.devtools.scale.people import BENCH_PASSWORD, rush_rep_name
from apps.standards.scoring import VETO, VETO_NO

# Smallest well-formed PDF; the upload check looks at the content, not the name.
PDF = (b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n"
       b"trailer <</Root 1 0 R>>\n%%EOF\n")
SUBMITTED_TEXT = "已提交第"


@dataclass
class RushResult:
    reps: int
    seconds: float = 0.0
    save_latencies: list[float] = field(default_factory=list)
    submit_latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    submitted_ok: int = 0
    answers_acknowledged: int = 0
    answers_lost: int = 0
    submissions_lost: int = 0


def rush_applications(reps: int) -> list[tuple[str, Application]]:
    """The rush representatives' current drafts, put back to an empty draft (so the rush can be run again)."""
    pairs = []
    for n in range(reps):
        username = rush_rep_name(n)
        application = Application.objects.filter(unit__memberships__user__username=username).latest("pk")
        pairs.append((username, application))
    ids = [application.pk for _, application in pairs]
    for evidence in Evidence.objects.filter(application_id__in=ids):
        evidence.file.delete(save=False)
    Evidence.objects.filter(application_id__in=ids).delete()
    Answer.objects.filter(application_id__in=ids).delete()
    ApplicationRevision.objects.filter(application_id__in=ids).delete()
    ApplicationEvent.objects.filter(application_id__in=ids).delete()
    # A benchmark reset, not a workflow step: the rush starts from the state seed_scale left.
    Application.objects.filter(pk__in=ids).update(status="draft", revision=1)
    return pairs


def full_marks(application: Application) -> dict[int, str]:
    values = {}
    for criterion in application.standard.criteria.exclude(kind="group"):
        values[criterion.pk] = VETO_NO if criterion.kind == VETO else f"{criterion.max_score:g}"
    return values


def rush_run(host: str, port: int, reps: int) -> RushResult:
    """Reset the drafts (database), run the rush (HTTP only), then read the database back."""
    pairs = [(username, application.pk) for username, application in rush_applications(reps)]
    values = full_marks(Application.objects.get(pk=pairs[0][1]))
    result = RushResult(reps=reps)
    acknowledged, submitted = asyncio.run(_rush(host, port, pairs, values, result))
    result.submitted_ok = len(submitted)
    _verify(result, acknowledged, submitted)
    return result


async def _rush(host: str, port: int, pairs: list[tuple[str, int]], values: dict[int, str], result: RushResult,
                concurrency_for_setup: int = 32) -> tuple[dict[int, dict[int, str]], set[int]]:
    sessions = [Session(host, port) for _ in pairs]
    gate = asyncio.Semaphore(concurrency_for_setup)

    async def prepare(session: Session, username: str, application: int) -> None:
        async with gate:
            await session.login(username, BENCH_PASSWORD)
            for kind in ("congress_approval", "commitment"):
                answer = await session.post_file(f"/applications/{application}/evidence/",
                                                 {"kind": kind, "criterion": ""}, "file", f"{kind}.pdf", PDF,
                                                 "application/pdf")
                if answer.status != 302:
                    raise RuntimeError(f"{username}: evidence upload answered {answer.status}")

    await asyncio.gather(*(prepare(s, u, a) for s, (u, a) in zip(sessions, pairs, strict=True)))
    acknowledged: dict[int, dict[int, str]] = {}
    submitted: set[int] = set()

    async def representative(session: Session, username: str, application: int) -> None:
        saved = acknowledged.setdefault(application, {})
        try:
            for criterion_id, value in values.items():
                answer = await session.post(f"/applications/{application}/answers/{criterion_id}/",
                                            {"value": value, "narrative": f"{username} 的情况说明"},
                                            headers={"HX-Request": "true"})
                if answer.status == 200:
                    saved[criterion_id] = value
                    result.save_latencies.append(answer.seconds)
                else:
                    result.errors.append(f"{username}: saving item {criterion_id} answered {answer.status}")
            answer = await session.post(f"/applications/{application}/submit/", {})
            result.submit_latencies.append(answer.seconds)
            page = await session.get(f"/applications/{application}/")
            if answer.status == 302 and page.status == 200 and SUBMITTED_TEXT in page.text:
                submitted.add(application)
            else:
                result.errors.append(f"{username}: submit answered {answer.status}, page {page.status} "
                                     "without the confirmation")
        except OSError as exc:
            result.errors.append(f"{username}: {exc}")

    started = time.perf_counter()
    await asyncio.gather(*(representative(s, u, a) for s, (u, a) in zip(sessions, pairs, strict=True)))
    result.seconds = time.perf_counter() - started
    return acknowledged, submitted


def _verify(result: RushResult, acknowledged: dict[int, dict[int, str]], submitted: set[int]) -> None:
    """Every acknowledged answer is in the database with its value; every acknowledged submission is submitted."""
    stored = {(a.application_id, a.criterion_id): a.value
              for a in Answer.objects.filter(application_id__in=acknowledged)}
    for application_id, answers in acknowledged.items():
        for criterion_id, value in answers.items():
            result.answers_acknowledged += 1
            if stored.get((application_id, criterion_id)) != value:
                result.answers_lost += 1
    statuses = dict(Application.objects.filter(pk__in=submitted).values_list("pk", "status"))
    result.submissions_lost = sum(1 for pk in submitted if statuses.get(pk) != "submitted")
