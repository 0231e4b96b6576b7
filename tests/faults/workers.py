"""Helpers for the fault drills: real worker processes on the real test database and Redis."""

import os
import subprocess
import sys

from django.conf import settings
from django.db import connection


def start_worker(*command: str, **env: str) -> subprocess.Popen:
    """A Celery worker process (``command`` after ``python -m``) on the test database and Redis."""
    db = connection.settings_dict
    database_url = f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    environment = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": settings.REDIS_URL, "DB_CONN_MAX_AGE": "0",
                   "PRIVATE_MEDIA_ROOT": str(settings.PRIVATE_MEDIA_ROOT), **env}
    return subprocess.Popen([sys.executable, "-m", *command], cwd=settings.BASE_DIR, env=environment,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def ordinary_worker() -> subprocess.Popen:
    return start_worker("celery", "-A", "hlr_portal", "worker", "--pool=solo", "--concurrency=1", "--without-gossip",
                        "--without-mingle", "--loglevel=WARNING")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
