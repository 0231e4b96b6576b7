"""gunicorn settings for the web container (docker-compose.yml runs ``gunicorn -c gunicorn.conf.py``).

Every value can be set in .env; a typo in a number stops gunicorn with a message.
"""

import multiprocessing

from hlr_portal.env import env_bool, env_int, env_list

bind = f"0.0.0.0:{env_int('PORT', 8000, minimum=1)}"
# Sync workers: the portal renders pages and PDFs in the request; two per core plus one, at most eight.
workers = env_int("GUNICORN_WORKERS", min(2 * multiprocessing.cpu_count() + 1, 8), minimum=1)
threads = env_int("GUNICORN_THREADS", 1, minimum=1)
# A request that takes longer than this is killed (large uploads and PDF pages stay well below).
timeout = env_int("GUNICORN_TIMEOUT", 60, minimum=5)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30, minimum=1)
keepalive = env_int("GUNICORN_KEEPALIVE", 5, minimum=1)
# Recycle workers now and then so a slow leak never grows for months.
max_requests = env_int("GUNICORN_MAX_REQUESTS", 1000, minimum=0)
max_requests_jitter = env_int("GUNICORN_MAX_REQUESTS_JITTER", 100, minimum=0)
# The application is loaded once, in the master, with what its first requests would load (apps/core/warm.py):
# a recycled worker is then a fork, not a new import of Django and every app (~1.2 s CPU) plus its first
# requests' URLconf, catalogue and template loading (~0.5 s), paid every max_requests requests per worker.
# A code change therefore needs a restart of gunicorn, not a HUP (the container is restarted on deploy).
preload_app = env_bool("GUNICORN_PRELOAD", True)


def on_starting(server):
    """In the master, after the preloaded application: load what each worker's first requests would."""
    if server.cfg.preload_app:
        from apps.core.warm import warm  # noqa: PLC0415 — Django is set up only once the application is loaded

        server.log.info("warmed %d templates before forking the workers", warm())


def worker_exit(server, worker):
    """A worker leaving normally ends at once (apps/core/warm.py ``leave``), so its replacement starts at once."""
    from apps.core.warm import leave  # noqa: PLC0415 — as in on_starting

    leave()


# Only the TLS proxy in front may set X-Forwarded-Proto (comma-separated addresses).
forwarded_allow_ips = ",".join(env_list("FORWARDED_ALLOW_IPS", "127.0.0.1"))
accesslog = "-"
errorlog = "-"
loglevel = "info"
