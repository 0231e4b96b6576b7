from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .health import beat_status, database_ok, redis_status, worker_status
from .home import home_for


def index(request):
    """The public home page: no login needed."""
    return render(request, "core/index.html")


@login_required
def home(request):
    """Each role lands here and sees what waits for it."""
    return render(request, "core/home.html", {"role_homes": home_for(request.user)})


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
