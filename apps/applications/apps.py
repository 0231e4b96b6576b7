from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApplicationsConfig(AppConfig):
    name = "apps.applications"
    verbose_name = _("创建申报")

    def ready(self) -> None:
        # Models are importable only once the registry is ready, hence the imports here.
        from apps.audit.tracked import track

        from .audited import ROWS

        track(*ROWS)
