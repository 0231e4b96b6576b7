"""The containers' healthchecks: ``python -m hlr_portal.healthcheck web|worker|beat``; exit 0 when healthy.

web: GET /healthz on this container's gunicorn, with a Host header that ALLOWED_HOSTS accepts (a request
to 127.0.0.1 would get 400 otherwise) and over plain HTTP (/healthz is exempt from the HTTPS redirect).
worker: a Celery worker answers a ping. beat: the heartbeat beat schedules every minute is fresh.
"""

import os
import sys
import urllib.error
import urllib.request

from hlr_portal.env import env_int, env_list


def host_header() -> str:
    """The first ALLOWED_HOSTS entry usable as a Host header (".example.cn" → "example.cn", "*" → "localhost")."""
    for host in env_list("ALLOWED_HOSTS"):
        host = host.lstrip(".")
        if host and "*" not in host:
            return host
    return "localhost"


def check_web() -> bool:
    port = env_int("PORT", 8000)
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz", headers={"Host": host_header()})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310 - fixed http URL
            return response.status == 200
    except (urllib.error.URLError, OSError) as error:
        print(f"web unhealthy: {error}", file=sys.stderr)
        return False


def check_background(which: str) -> bool:
    import django  # noqa: PLC0415  (only the background checks need Django)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlr_portal.settings.production")
    django.setup()
    from apps.core.health import beat_status, worker_status  # noqa: PLC0415  (after django.setup())

    status = worker_status() if which == "worker" else beat_status()
    if status != "ok":
        print(f"{which} unhealthy: {status}", file=sys.stderr)
    return status == "ok"


def main(argv: list[str]) -> int:
    which = argv[1] if len(argv) > 1 else "web"
    if which not in ("web", "worker", "beat"):
        print("usage: python -m hlr_portal.healthcheck web|worker|beat", file=sys.stderr)
        return 2
    healthy = check_web() if which == "web" else check_background(which)
    return 0 if healthy else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
