"""What /healthz and the container healthchecks ask: the database, Redis, a Celery worker and beat."""

import time

import redis
from celery import current_app
from django.conf import settings
from django.db import connection

# Written by the beat_heartbeat task, which beat schedules every minute and a worker runs: a fresh value
# proves that beat is scheduling and that a worker is consuming the queue.
BEAT_HEARTBEAT_KEY = "hlr:beat-heartbeat"


def database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any driver error means "not answering"
        return False


def redis_status() -> str:
    """"ok", "down", or "not_configured" for the embedded default without Redis."""
    if not settings.REDIS_URL:
        return "not_configured"

    try:
        client = redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)
        return "ok" if client.ping() else "down"
    except redis.RedisError:
        return "down"


def _redis():
    return redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1)


def worker_status(*, timeout: float = 2.0) -> str:
    """"ok" when at least one Celery worker answers a ping; "not_configured" when tasks run in-process."""
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "not_configured"
    try:
        replies = current_app.control.ping(timeout=timeout, limit=1)
    except Exception:  # broker errors of any transport mean "not answering"
        return "down"
    return "ok" if replies else "down"


def beat_heartbeat_write() -> None:
    _redis().set(BEAT_HEARTBEAT_KEY, str(time.time()))


def beat_status() -> str:
    """"ok" when the heartbeat is younger than BEAT_HEARTBEAT_MAX_AGE, "stale" or "down" otherwise."""
    if not settings.REDIS_URL:
        return "not_configured"

    try:
        raw = _redis().get(BEAT_HEARTBEAT_KEY)
    except redis.RedisError:
        return "down"
    if raw is None:
        return "stale"
    return "ok" if time.time() - float(raw) <= settings.BEAT_HEARTBEAT_MAX_AGE else "stale"
