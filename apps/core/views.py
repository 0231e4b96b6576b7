from typing import Any

from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .health import beat_status, database_ok, redis_status, worker_status
from .jobs import Job


@transaction.non_atomic_requests  # ATOMIC_REQUESTS would open a database transaction for it
@never_cache
def healthz_live(request):
    """Liveness: the process answers. Touches nothing (no database, Redis, session), so it is also the
    benchmark's trivial view: the fastest page this gunicorn can serve."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def healthz(request):
    database = "ok" if database_ok() else "down"
    redis = redis_status()
    healthy = database == "ok" and redis != "down"
    return JsonResponse(
        {"status": "ok" if healthy else "degraded", "database": database, "redis": redis},
        status=200 if healthy else 503,
    )


@never_cache
def healthz_workers(request):
    """The background side: a Celery worker answers a ping and beat's heartbeat is fresh (for monitoring)."""
    worker, beat = worker_status(), beat_status()
    healthy = worker in ("ok", "not_configured") and beat in ("ok", "not_configured")
    return JsonResponse(
        {"status": "ok" if healthy else "degraded", "worker": worker, "beat": beat},
        status=200 if healthy else 503,
    )


def job_progress_page(request: HttpRequest, *, job: Job, page: str, card: str, context: dict[str, Any] | None = None
                      ) -> HttpResponse:
    """A background job's page, or, when htmx polls it, only the job's progress card.

    ``card`` extends components/job_progress.html and is included by ``page``;
    it polls the page's own URL while the job is pending or running.
    """
    return render(request, card if request.htmx else page, {"job": job, **(context or {})})
