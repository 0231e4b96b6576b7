from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "apps.surveys"
    verbose_name = _("职工满意度调查")

    def ready(self) -> None:
        # Models are importable only once the registry is ready, hence the imports here.
        from apps.audit.tracked import track

        from .audited import ROWS
        from .receivers import connect

        track(*ROWS)
        connect()
