"""A real Celery worker whose jobs pause one second at every step: a report's progress step, a province
export's evaluation form, a batch's application.

Started by tests/faults/test_worker_killed.py as ``python -m tests.faults.slow_worker`` so that the
test can SIGKILL it while a job is surely half done. Everything else is the ordinary worker.
"""

import os
import time

import django


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hlr_portal.settings.base")
    django.setup()
    from apps.applications.named_units import province
    from apps.applications.reviews import batches
    from apps.reports import services
    from hlr_portal.celery import app

    def slowly(function):
        def slow(*args, **kwargs):
            result = function(*args, **kwargs)
            time.sleep(1)
            return result

        return slow

    services.job_progress = slowly(services.job_progress)
    province.evaluation_form_pdf = slowly(province.evaluation_form_pdf)
    batches.city_confirm_batch = slowly(batches.city_confirm_batch)
    app.worker_main(["worker", "--pool=solo", "--concurrency=1", "--without-gossip", "--without-mingle",
                     "--loglevel=WARNING"])


if __name__ == "__main__":
    main()
