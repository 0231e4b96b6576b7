"""Point the portal's cache and Celery broker at another Redis for one test (a dead port, a private server)."""

from contextlib import contextmanager

from hlr_portal.celery import app


@contextmanager
def broker_switched(settings, url: str):
    """Cache and broker on ``url``, tasks queued for real; everything as before afterwards."""
    settings.REDIS_URL = url
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": url}}
    broker = app.conf.broker_url
    _drop_broker_pools()
    app.conf.broker_url = url
    app.conf.task_always_eager = False
    try:
        yield
    finally:
        _drop_broker_pools()
        app.conf.broker_url = broker
        app.conf.task_always_eager = True


def _drop_broker_pools():
    """Forget pooled broker connections so a changed broker URL takes effect (as Celery does after fork).

    Not ``app.close()``: that also unregisters the app, and a task module imported afterwards would then
    not be registered on it (NotRegistered in whichever test first queues that task).
    """
    app._pool = None
    app.amqp._producer_pool = None
