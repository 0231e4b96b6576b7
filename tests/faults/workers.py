"""Helpers for the fault drills: real worker processes on the real test database and Redis."""

import json
import os
import shutil
import socket
import subprocess
import sys
import time

import redis
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


class PrivateRedis:
    """A redis-server of our own on a free port, without persistence, that the test may stop and start."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [shutil.which("redis-server"), "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)
        for _attempt in range(50):
            try:
                if client.ping():
                    return
            except redis.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError("private redis-server did not start")

    def stop(self) -> None:
        stop(self.process)

    def queued_task_names(self) -> list[str]:
        """The tasks waiting on every queue (report builds have a queue of their own)."""
        server = redis.Redis.from_url(self.url)
        messages = [message for queue in ("celery", "reports") for message in server.lrange(queue, 0, -1)]
        return [json.loads(message)["headers"]["task"] for message in messages]
