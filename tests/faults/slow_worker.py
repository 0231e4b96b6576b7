"""A real Celery worker whose report builds pause one second at every progress step.

Started by tests/faults/test_worker_killed.py as ``python -m tests.faults.slow_worker`` so that the
test can SIGKILL it while a build is surely half done. Everything else is the ordinary worker.
"""

import os
import time

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlr_portal.settings.base")
    django.setup()
    from apps.reports import services
    from hlr_portal.celery import app

    report_progress = services._report_progress

    def slow_progress(report_id: int, percent: int) -> None:
        report_progress(report_id, percent)
        time.sleep(1)

    services._report_progress = slow_progress
    app.worker_main(["worker", "--pool=solo", "--concurrency=1", "--without-gossip", "--without-mingle",
                     "--loglevel=WARNING"])


if __name__ == "__main__":
    main()
