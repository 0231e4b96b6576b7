from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "apps.reports"
    verbose_name = _("年度评估报告")

    def ready(self) -> None:
        from apps.audit.tracked import track

        # Register the tasks at start-up: a task module first imported after the Celery app was closed
        # (as tests/core/test_redis_outage.py does) would never reach that app's registry.
        from . import tasks  # noqa: F401
        from .audited import ROWS

        track(*ROWS)
