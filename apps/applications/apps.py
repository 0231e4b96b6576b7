from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "apps.applications"
    verbose_name = _("创建申报")

    def ready(self) -> None:
        # Models are importable only once the registry is ready, hence the imports here.
        from apps.audit.tracked import track

        # The parts' job tasks (@job_task) must be known in every process that queues or sweeps their jobs.
        from . import tasks  # noqa: F401
        from .audited import ROWS
        from .reviews.receivers import connect

        track(*ROWS)
        connect()
