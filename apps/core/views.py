from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from .health import beat_status, database_ok, redis_status, worker_status


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
