from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "apps.standards"
    verbose_name = _("创建标准")

    def ready(self) -> None:
        # Models are importable only once the registry is ready, hence the imports here.
        from apps.audit.tracked import track

        from .audited import ROWS

        track(*ROWS)
